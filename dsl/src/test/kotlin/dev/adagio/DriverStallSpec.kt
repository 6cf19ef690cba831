package dev.adagio

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.Duration.Companion.milliseconds

/**
 * The observation: three independent bodies that each block for 200 ms run one after the other
 * on the driver's thread (600 ms), and nothing said so. Each body here holds the driver for 200 ms of a
 * clock it advances itself, so the test is exact and instant.
 */
class DriverStallSpec :
    FunSpec({
        val clock = AtomicLong()

        fun holding() =
            dag("three-sleeps") {
                val sleeps =
                    List(3) {
                        node("sleep$it") {
                            clock.addAndGet(200_000_000) // as Thread.sleep(200) would, in the run's clock
                            1
                        }
                    }
                node("sum", sleeps) { it.sum() }
            }

        test("a live run reports driver stalls as a dag run does") {
            val run =
                runBlocking {
                    withContext(RunClock { clock.get() }) {
                        dev.adagio.live.live("live-sleeps") {
                            val sleeps =
                                List(3) {
                                    node("sleep$it") {
                                        clock.addAndGet(200_000_000)
                                        1
                                    }
                                }
                            node("sum", sleeps) { it.sum() }
                        }
                    }
                }
            run.driverStalls.map { "${it.node.name}:${it.held}:${it.waiting}" } shouldBe listOf("sleep0:200ms:2", "sleep1:200ms:1")
        }

        test("a body that holds the driver while other nodes are ready is recorded in the run and logged once per node") {
            val graph = holding()
            capturingLogs("dev.adagio") { records ->
                val first = runBlocking { withContext(RunClock { clock.get() }) { graph.run(Unit) } }
                // sleep2 held the driver too, but by then no other node was ready.
                first.driverStalls.map { "${it.node.name}:${it.held}:${it.waiting}" } shouldBe listOf("sleep0:200ms:2", "sleep1:200ms:1")
                first.makespan shouldBe 600.milliseconds
                val second = runBlocking { withContext(RunClock { clock.get() }) { graph.run(Unit) } }
                second.driverStalls.size shouldBe 2
                val warnings = records.map { it.message }
                warnings.size shouldBe 2
                warnings[0] shouldBe
                    "Node 'sleep0' of graph 'three-sleeps' held the run's thread for 200 ms while 2 other nodes were ready to start: " +
                    "its body blocks or computes without suspending, so they waited. Declare it with blockingNode { } (blocking IO; " +
                    "Java: blocking) or node { }.dispatched() (CPU-bound work; Java: NodeOptions.dispatched()) so that they run " +
                    "meanwhile. Reported once per node; every run lists it in DagRun.driverStalls."
            }
        }

        test("quick bodies, sequential runs, and a lone slow body record nothing") {
            val quick = dag("quick") { repeat(3) { node("n$it") { 1 } } }
            runBlocking { withContext(RunClock { clock.get() }) { quick.run(Unit) } }.driverStalls.shouldBeEmpty()
            val graph = holding()
            runBlocking { withContext(RunClock { clock.get() }) { graph.run(Unit, RunOptions(sequential = true)) } }
                .driverStalls
                .shouldBeEmpty()
            val lone = dag("lone") { node("slow") { clock.addAndGet(500_000_000) } }
            runBlocking { withContext(RunClock { clock.get() }) { lone.run(Unit) } }.driverStalls.shouldBeEmpty()
        }

        test("blocking and dispatched bodies leave the driver free: nothing recorded") {
            val graph =
                dag("declared") {
                    val a = List(3) { blockingNode("io$it") { Thread.sleep(150) } }
                    val b = List(3) { node("cpu$it") { Thread.sleep(150) }.dispatched() }
                    node("sum", a + b) { it.size }
                }
            runBlocking { graph.run(Unit) }.driverStalls.shouldBeEmpty()
        }
    })
