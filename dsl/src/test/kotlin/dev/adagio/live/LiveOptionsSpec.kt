package dev.adagio.live

import dev.adagio.FailurePolicy
import dev.adagio.NodeOutcome
import dev.adagio.NodeStatus
import dev.adagio.RunOptions
import dev.adagio.RunTimeoutException
import dev.adagio.Scheduling
import dev.adagio.ms
import dev.adagio.now
import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.milliseconds

/** A live run takes what a dag run takes: it runs on the same driver. */
class LiveOptionsSpec :
    FunSpec({
        test("a run timeout stops a live run at the limit exactly") {
            virtualTime {
                val timeout =
                    shouldThrow<RunTimeoutException> {
                        live("slow", RunOptions(timeout = 250.milliseconds)) {
                            val a = node("a") { delay(100).let { 1 } }
                            node("b", a) { delay(1_000).let { it } }
                        }
                    }
                timeout.run.status(timeout.run.dag.node("a")) shouldBe NodeStatus.SUCCEEDED
                timeout.run.status(timeout.run.dag.node("b")) shouldBe NodeStatus.CANCELLED
                now shouldBe 250
            }
        }

        test("a concurrency limit holds live nodes back: 4 nodes of 100 ms, 2 at once, take 200 ms") {
            virtualTime {
                val run =
                    live("limited", RunOptions(maxConcurrency = 2)) {
                        val nodes = List(4) { node("n$it") { delay(100).let { 1 } } }
                        node("sum", nodes) { it.sum() }
                    }
                run.output shouldBe 4
                run.makespan shouldBe 200.milliseconds
            }
        }

        test("critical-path order among live nodes goes by their weights") {
            virtualTime {
                val run =
                    live("weighted", RunOptions(maxConcurrency = 1, scheduling = Scheduling.CRITICAL_PATH)) {
                        val light = node("light") { delay(10).let { 1 } }
                        val heavy = options(weight = 5).node("heavy") { delay(10).let { 2 } }
                        node("sum", light, heavy) { a, b -> a + b }
                    }
                run.outcome(run.dag.node("heavy")).startNanos.ms shouldBe 0
                run.outcome(run.dag.node("light")).startNanos.ms shouldBe 10
            }
        }

        test("sequential mode runs live nodes one at a time, in declaration order") {
            virtualTime {
                val order = mutableListOf<String>()
                live("sequential", RunOptions(sequential = true)) {
                    node("a") { delay(10).also { order += "a" } }
                    node("b") { delay(10).also { order += "b" } }
                    node("c") { delay(10).also { order += "c" } }
                }
                order shouldContainExactly listOf("a", "b", "c")
                now shouldBe 30
            }
        }

        test("CONTINUE: a failed live node skips its dependents and the others run on") {
            virtualTime {
                val run =
                    live("continue", RunOptions(failurePolicy = FailurePolicy.CONTINUE)) {
                        val bad = node<Int>("bad") { delay(10).let { error("bad") } }
                        node("after bad", bad) { it + 1 }
                        node("good") { delay(50).let { "ok" } }
                    }
                run.output shouldBe "ok"
                run.status(run.dag.node("bad")) shouldBe NodeStatus.FAILED
                run.status(run.dag.node("after bad")) shouldBe NodeStatus.SKIPPED
                run.failures.map { it.node.name } shouldContainExactly listOf("bad")
            }
        }

        test("a fallback turns a live node's failure into its value") {
            virtualTime {
                val run = live("fallback") { options(fallback = { -1 }).node<Int>("flaky") { error("down") } }
                run.output shouldBe -1
                run.outcome(run.dag.output).isRecovered shouldBe true
            }
        }

        test("listeners see every live node, declared by the block or by a node, in the documented order") {
            virtualTime {
                val events = mutableListOf<String>()
                val listener =
                    object : RunListener {
                        override fun onRunStarted(run: RunInfo) {
                            events += "run started"
                        }

                        override fun onNodeFinished(
                            run: RunInfo,
                            outcome: NodeOutcome<*>,
                        ) {
                            events += outcome.node.name
                        }

                        override fun onRunFinished(
                            run: RunInfo,
                            result: dev.adagio.DagRun<*>,
                            error: Throwable?,
                        ) {
                            events += "run finished"
                        }
                    }
                live("listened", RunOptions(listeners = listOf(listener))) {
                    val a = node("a") { delay(10).let { 1 } }
                    node("b", a) { x -> live.node("c") { delay(5).let { x } }.name }
                }
                events shouldContainExactly listOf("run started", "a", "b", "c", "run finished")
            }
        }

        test("a block that throws stops the run and is thrown as it is") {
            virtualTime {
                val boom = IllegalStateException("the block failed")
                val thrown =
                    shouldThrow<IllegalStateException> {
                        live<Int>("throws") {
                            node("slow") { delay(1_000) }
                            delay(10)
                            throw boom
                        }
                    }
                thrown shouldBe boom
                now shouldBe 10
            }
        }

        test("a node declared after the run ended is refused, naming the graph") {
            virtualTime {
                lateinit var scope: LiveScope
                live("ended") {
                    scope = this
                    node("a") { 1 }
                }
                shouldThrow<IllegalStateException> { scope.node("late") { 2 } }.message shouldBe
                    "Live graph 'ended' has ended: its block returned. Declare every node inside the block passed to live { }."
            }
        }
    })
