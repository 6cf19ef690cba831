package dev.adagio.grow

import dev.adagio.FailurePolicy
import dev.adagio.InnerNodeFailedException
import dev.adagio.NodeFailedException
import dev.adagio.NodeKind
import dev.adagio.NodeOutcome
import dev.adagio.NodeStatus
import dev.adagio.NodeTimeoutException
import dev.adagio.Retry
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.ms
import dev.adagio.now
import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import dev.adagio.run
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.milliseconds

/** A node mapped over a list known at run time: one element node per item, on the one driver. */
class MapSpec :
    FunSpec({
        test("elements start the moment the list is ready; the map's dependents when the last element ends") {
            virtualTime {
                val graph =
                    dag("crawl") {
                        val pages = node("list") { delay(50).let { listOf(30L, 10L, 20L) } }
                        val fetched = map("fetched", pages) { d -> delay(d).let { "page$d" } }
                        node("index", fetched) { all -> all.joinToString() }
                    }
                val run = graph.run(Unit)
                run.output shouldBe "page30, page10, page20"
                val d = run.dag
                d.nodes.map { it.name } shouldContainExactly
                    listOf("input", "list", "fetched", "index", "fetched[0]", "fetched[1]", "fetched[2]")
                (0..2).map { run.outcome(d.node("fetched[$it]")).startNanos.ms } shouldContainExactly listOf(50L, 50L, 50L)
                (0..2).map { run.outcome(d.node("fetched[$it]")).endNanos.ms } shouldContainExactly listOf(80L, 60L, 70L)
                run.outcome(d.node("fetched")).startNanos.ms shouldBe 50
                run.outcome(d.node("fetched")).endNanos.ms shouldBe 80
                run.outcome(d.node("index")).startNanos.ms shouldBe 80
                d.parentOf(d.node("fetched[1]")) shouldBe d.node("fetched")
                d.node("fetched").kind shouldBe NodeKind.MAP
                now shouldBe 80
            }
        }

        test("a bound of 4 over 20 elements of 100 ms takes 500 ms") {
            virtualTime {
                val graph =
                    dag("bounded") {
                        val ids = node("ids") { (1..20).toList() }
                        map("slow", ids) { id -> delay(100).let { id * 2 } }.maxConcurrency(4)
                    }
                val run = graph.run(Unit)
                run.output shouldBe (1..20).map { it * 2 }
                run.makespan shouldBe 500.milliseconds
                now shouldBe 500
            }
        }

        test("each element has the map's timeout and retries, its attempts its own") {
            virtualTime {
                val tries = java.util.concurrent.ConcurrentHashMap<Int, Int>()
                val graph =
                    dag("policies") {
                        val ids = node("ids") { listOf(1, 2, 3) }
                        map("flaky", ids) { id ->
                            val n = tries.merge(id, 1, Int::plus)!!
                            if (id == 2 && n < 3) error("flake $n")
                            if (id == 3 && n == 1) delay(1_000)
                            id
                        }.timeout(200.milliseconds).retry(Retry.fixed(3, 10.milliseconds))
                    }
                val run = graph.run(Unit)
                run.output shouldBe listOf(1, 2, 3)
                val d = run.dag
                listOf(1, 2, 3).map { run.outcome(d.node("flaky[${it - 1}]")).attempts } shouldContainExactly listOf(1, 3, 2)
                run.outcome(d.node("flaky[2]")).endNanos.ms shouldBe 210
            }
        }

        test("fail-fast: a failing element cancels the others and fails the map, naming the element") {
            virtualTime {
                val graph =
                    dag("failing") {
                        val ids = node("ids") { listOf(100L, 10L, 300L) }
                        val m = map("m", ids) { d -> delay(d).also { if (d == 10L) throw IllegalStateException("bad $d") } }
                        node("after", m) { it.size }
                    }
                val failure = shouldThrow<NodeFailedException> { graph.run(Unit) }
                failure.nodeName shouldBe "m[1]"
                failure.cause.shouldBeInstanceOf<IllegalStateException>().message shouldBe "bad 10"
                val run = failure.run
                val d = run.dag
                run.status(d.node("m[0]")) shouldBe NodeStatus.CANCELLED
                run.status(d.node("m[2]")) shouldBe NodeStatus.CANCELLED
                run.status(d.node("m")) shouldBe NodeStatus.FAILED
                run
                    .outcome(d.node("m"))
                    .error
                    .shouldBeInstanceOf<InnerNodeFailedException>()
                    .nodeName shouldBe "m[1]"
                run.status(d.node("after")) shouldBe NodeStatus.NOT_STARTED
                now shouldBe 10
            }
        }

        test("mapOutcomes under CONTINUE hands the consumer every element's outcome") {
            virtualTime {
                val graph =
                    dag("outcomes") {
                        val ids = node("ids") { listOf(1, 2, 3) }
                        val m = mapOutcomes("m", ids) { id -> if (id == 2) error("no $id") else id * 10 }
                        node("kept", m) { all -> all.map { it.getOrNull() } }
                    }
                val run = graph.run(Unit, RunOptions(failurePolicy = FailurePolicy.CONTINUE))
                run.output shouldBe listOf(10, null, 30)
                run.status(run.dag.node("m[1]")) shouldBe NodeStatus.FAILED
                run.failures.map { it.node.name } shouldContainExactly listOf("m[1]")
            }
        }

        test("a map takes no fallback: its value is a list, its elements' are items") {
            shouldThrow<dev.adagio.DagDefinitionException> {
                dag("fallback") {
                    val ids = node("ids") { listOf(1, 2) }
                    map("m", ids) { id -> id }.fallbackValue(emptyList())
                }
            }.message shouldBe
                "Map 'm' cannot take a fallback: its value is a list, its elements' values are items. " +
                "Give each element its fallback with map(list, fallback = { error -> … }) { … }, or use mapOutcomes."
        }

        test("an element's fallback, of the element's type, turns its failure (after its retries) into its value") {
            virtualTime {
                val graph =
                    dag("recovering") {
                        val ids = node("ids") { listOf(1, 2, 3) }
                        map("m", ids, fallback = { -1 }) { id -> if (id == 2) error("no $id") else id * 10 }
                            .retry(dev.adagio.Retry.fixed(2, 5.milliseconds))
                    }
                val run = graph.run(Unit)
                run.output shouldBe listOf(10, -1, 30)
                val failed = run.outcome(run.dag.node("m[1]"))
                failed.isRecovered shouldBe true
                failed.attempts shouldBe 2
                failed.error!!.message shouldBe "no 2"
            }
        }

        test("zero elements: an empty list and no element node") {
            virtualTime {
                val graph =
                    dag("empty") {
                        val ids = node("ids") { emptyList<Int>() }
                        val m = map("m", ids) { it * 2 }
                        node("count", m) { it.size }
                    }
                val run = graph.run(Unit)
                run.output shouldBe 0
                run.dag.nodes.size shouldBe 4
                run.dag shouldBe graph
            }
        }

        test("elements show in listeners: started and finished, each") {
            virtualTime {
                val events = mutableListOf<String>()
                val listener =
                    object : RunListener {
                        override fun onNodeFinished(
                            run: RunInfo,
                            outcome: NodeOutcome<*>,
                        ) {
                            events += outcome.node.name
                        }
                    }
                dag("listened") {
                    val ids = node("ids") { listOf(20L, 10L) }
                    val m = map("m", ids) { d -> delay(d) }
                    node("end", m) { }
                }.run(Unit, RunOptions(listeners = listOf(listener)))
                events shouldContainExactly listOf("ids", "m[1]", "m[0]", "m", "end")
            }
        }

        test("elements and a map's pool: each element holds a permit, and the trace has a lane per element running at once") {
            virtualTime {
                val pool = dev.adagio.Pool("db", 2)
                val graph =
                    dag("pooled") {
                        val ids = node("ids") { listOf(1, 2, 3, 4) }
                        map("q", ids) { id -> delay(100).let { id } }.pool(pool)
                    }
                val run = graph.run(Unit)
                run.makespan shouldBe 200.milliseconds
                pool.availablePermits shouldBe 2
                val trace =
                    dev.adagio.observe.RunTrace
                        .chromeTrace(run)
                (0..3).forEach { k -> trace.contains("\"q[$k]\"") shouldBe true }
                dev.adagio.observe.RunTrace
                    .lanes(run)
                    .filter { it >= 0 }
                    .toSet()
                    .size shouldBe 3
            }
        }

        test("a map of 100,000 elements runs") {
            virtualTime {
                val graph =
                    dag("big") {
                        val ids = node("ids") { List(100_000) { it } }
                        val m = map("m", ids) { it + 1 }
                        node("sum", m) { all -> all.sumOf { it.toLong() } }
                    }
                graph.run(Unit).output shouldBe (1..100_000).sumOf { it.toLong() }
            }
        }

        test("sequential mode runs the elements, one at a time, before the map's dependents") {
            virtualTime {
                val order = mutableListOf<String>()
                val graph =
                    dag("sequential") {
                        val ids = node("ids") { listOf(1, 2, 3) }
                        val m = map("m", ids) { id -> delay(10).also { order += "m$id" } }
                        node("end", m) { order += "end" }
                    }
                graph.run(Unit, RunOptions(sequential = true))
                order shouldContainExactly listOf("m1", "m2", "m3", "end")
                now shouldBe 30
            }
        }

        test("a timeout on an element fails it with NodeTimeoutException named after it") {
            virtualTime {
                val graph =
                    dag("late") {
                        val ids = node("ids") { listOf(1) }
                        map("m", ids) { delay(500) }.timeout(100.milliseconds)
                    }
                val failure = shouldThrow<NodeFailedException> { graph.run(Unit) }
                failure.nodeName shouldBe "m[0]"
                failure.cause.shouldBeInstanceOf<NodeTimeoutException>().nodeName shouldBe "m[0]"
            }
        }
    })
