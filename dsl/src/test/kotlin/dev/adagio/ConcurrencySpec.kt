package dev.adagio

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds

/** Counts how many bodies run at once and remembers the most. */
class Gauge {
    private val now = AtomicInteger()
    private val most = AtomicInteger()

    suspend fun <T> around(block: suspend () -> T): T {
        most.accumulateAndGet(now.incrementAndGet(), ::maxOf)
        try {
            return block()
        } finally {
            now.decrementAndGet()
        }
    }

    val max: Int get() = most.get()
}

class ConcurrencySpec :
    FunSpec({
        test("a run's concurrency limit holds at every instant, and the makespan follows from it") {
            virtualTime {
                val gauge = Gauge()
                val graph =
                    dag("limited") {
                        val work = (1..6).map { i -> node("w$i") { gauge.around { delay(100) } } }
                        node("join", work) { it.size }
                    }
                val run = graph.run(Unit, RunOptions(maxConcurrency = 2))
                run.output shouldBe 6
                gauge.max shouldBe 2
                now shouldBe 300
            }
        }

        test("a pool holds across concurrent runs of several graphs: never more than its permits at once") {
            virtualTime {
                val database = Pool("database", permits = 2)
                val gauge = Gauge()

                fun graph(name: String) =
                    dag(name) {
                        val queries = (1..4).map { i -> node("q$i") { gauge.around { delay(100) } }.pool(database) }
                        node("free") { delay(50) }
                        node("join", queries) { it.size }
                    }
                val first = graph("first")
                val second = graph("second")
                val runs = listOf(first, second, first).map { g -> async { g.run() } }.awaitAll()
                runs.map { it.output } shouldContainExactly listOf(4, 4, 4)
                gauge.max shouldBe 2
                now shouldBe 600
                database.availablePermits shouldBe 2
            }
        }

        test("a node waiting for a permit is not started: its start time is when it gets one") {
            virtualTime {
                val single = Pool("single", permits = 1)
                val graph =
                    dag("waiting") {
                        node("first") { delay(100) }.pool(single)
                        node("second") { delay(100) }.pool(single)
                    }
                val run = graph.run()
                run.outcome(graph.node("second")).startNanos.ms shouldBe 100
                run.outcome(graph.node("second")).durationNanos.ms shouldBe 100
            }
        }

        /** B, C, D: independent one-step nodes; A → A2 → A3: a chain, declared last. */
        fun chainAndSingles() =
            dag("priority") {
                val singles = listOf("B", "C", "D").map { name -> node(name) { delay(100) } }
                val a = node("A") { delay(100) }
                val a2 = node("A2", a) { delay(100) }
                val a3 = node("A3", a2) { delay(100) }
                node("end", singles + a3) { }
            }

        test("critical-path priority beats FIFO when slots are scarce, and meets the lower bound") {
            virtualTime {
                val graph = chainAndSingles()
                val fifo = graph.run(Unit, RunOptions(maxConcurrency = 2, scheduling = Scheduling.FIFO)).makespanNanos.ms
                val critical = graph.run(Unit, RunOptions(maxConcurrency = 2)).makespanNanos.ms
                fifo shouldBe 400
                critical shouldBe 300
                // lower bound: max(critical path 300, total work 600 / 2 slots)
                critical shouldBe maxOf(300L, 600L / 2)
            }
        }

        test("critical-path priority starts the head of the longest chain first") {
            virtualTime {
                val graph = chainAndSingles()
                val run = graph.run(Unit, RunOptions(maxConcurrency = 2))
                listOf("A", "B", "A2", "C", "A3", "D").map { run.outcome(graph.node(it)).startNanos.ms } shouldContainExactly
                    listOf(0L, 0L, 100L, 100L, 200L, 200L)
            }
        }

        test("weights steer priority: a heavy single node goes before a light chain") {
            virtualTime {
                val graph =
                    dag("weights") {
                        val light = node("light") { delay(10) }
                        val light2 = node("light2", light) { delay(10) }
                        val heavy = node("heavy") { delay(100) }.weight(10)
                        node("end", light2, heavy) { _, _ -> }
                    }
                val run = graph.run(Unit, RunOptions(maxConcurrency = 1))
                run.outcome(graph.node("heavy")).startNanos.ms shouldBe 0
            }
        }

        test("a failed run gives back every permit, including those of nodes still waiting") {
            virtualTime {
                val pool = Pool("pool", permits = 1)
                val graph =
                    dag("fail-with-pool") {
                        node("holder") { delay(100).also { error("boom") } }.pool(pool)
                        node("waiter1") { delay(100) }.pool(pool)
                        node("waiter2") { delay(100) }.pool(pool)
                    }
                val failure = shouldThrow<NodeFailedException> { graph.run() }
                failure.run.status(graph.node("waiter1")) shouldBe NodeStatus.NOT_STARTED
                pool.availablePermits shouldBe 1
                graph.run(Unit, RunOptions(targets = listOf(graph.node("waiter1")))).status(graph.node("waiter1")) shouldBe
                    NodeStatus.SUCCEEDED
            }
        }

        test("a cancelled run gives back every permit") {
            virtualTime {
                val pool = Pool("pool", permits = 1)
                val graph =
                    dag("cancel-with-pool") {
                        node("holder") { delay(1000) }.pool(pool)
                        node("waiter") { delay(1000) }.pool(pool)
                    }
                val other = dag("other") { node("needs permit") { delay(10) }.pool(pool) }
                val caller = launch { graph.run() }
                delay(100)
                pool.availablePermits shouldBe 0
                caller.cancelAndJoin()
                pool.availablePermits shouldBe 1
                other.run().status(other.output) shouldBe NodeStatus.SUCCEEDED
            }
        }

        test("sequential mode with a pool runs one node at a time in topological order") {
            virtualTime {
                val pool = Pool("pool", permits = 1)
                val graph =
                    dag("sequential-pool") {
                        val a = node("a") { delay(10) }.pool(pool)
                        val b = node("b") { delay(10) }
                        node("c", a, b) { _, _ -> delay(10) }.pool(pool)
                    }
                val run = graph.run(Unit, RunOptions(sequential = true))
                listOf("a", "b", "c").map { run.outcome(graph.node(it)).startNanos.ms } shouldContainExactly listOf(0L, 10L, 20L)
            }
        }

        test("retry inside timeout inside a pool: the permit is held across attempts, timings exact") {
            virtualTime {
                val pool = Pool("one", permits = 1)
                val graph =
                    dag("combined") {
                        val flaky =
                            node("flaky") { delay(if (attempt < 3) 1000 else 10).let { attempt } }
                                .timeout(100.milliseconds)
                                .retry(Retry.fixed(3, 20.milliseconds))
                                .pool(pool)
                        val next = node("next") { delay(10) }.pool(pool)
                        node("end", flaky, next) { attempts, _ -> attempts }
                    }
                val run = graph.run()
                run.output shouldBe 3
                run.outcome(graph.node("flaky")).endNanos.ms shouldBe 250
                run.outcome(graph.node("next")).startNanos.ms shouldBe 250
                now shouldBe 260
            }
        }

        test("bad limits are refused") {
            shouldThrow<DagDefinitionException> { Pool("db", 0) }.message shouldBe
                "Pool 'db' needs at least 1 permit, but was given 0; pass 1 or more."
            shouldThrow<DagDefinitionException> { Pool(" ", 1) }
            shouldThrow<IllegalArgumentException> { RunOptions(maxConcurrency = 0) }.message shouldBe
                "A run's concurrency limit must be at least 1, but was 0; pass 1 or more."
        }
    })
