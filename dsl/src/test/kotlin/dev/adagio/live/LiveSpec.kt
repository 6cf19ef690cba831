package dev.adagio.live

import dev.adagio.Dag
import dev.adagio.DagDefinitionException
import dev.adagio.EventLog
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeStatus
import dev.adagio.RunCancelledException
import dev.adagio.dag
import dev.adagio.live.live
import dev.adagio.ms
import dev.adagio.now
import dev.adagio.observe.RunTrace
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

/** SCENARIOS.md S6 (aiodag) and the guarantees of live mode. */
class LiveSpec :
    FunSpec({
        val fetchMillis = mapOf("a1" to 10L, "a2" to 20L, "b1" to 30L, "b2" to 40L, "c1" to 55L, "c2" to 60L)

        suspend fun s6(done: EventLog) =
            live("s6") {
                suspend fun fetch(id: String): String {
                    delay(fetchMillis.getValue(id))
                    return id + "x"
                }

                suspend fun concatenate(
                    a: String,
                    b: String,
                ) = delay(5).let { a + b }

                suspend fun stripDigits(s: String) = delay(1).let { s.filter { !it.isDigit() } }

                fun <T> Node<T>.logged() = this.also { done.add(it.name) }

                val fetched = fetchMillis.keys.associateWith { id -> node("fetch $id") { fetch(id).also { done.add("fetch $id") } } }
                val ca =
                    node(
                        "concat a",
                        fetched.getValue("a1"),
                        fetched.getValue("a2"),
                    ) { a, b -> concatenate(a, b).also { done.add("concat a") } }
                val cb =
                    node(
                        "concat b",
                        fetched.getValue("b1"),
                        fetched.getValue("b2"),
                    ) { a, b -> concatenate(a, b).also { done.add("concat b") } }
                val cc =
                    node(
                        "concat c",
                        fetched.getValue("c1"),
                        fetched.getValue("c2"),
                    ) { a, b -> concatenate(a, b).also { done.add("concat c") } }
                val cab = node("concat ab", ca, cb) { a, b -> concatenate(a, b).also { done.add("concat ab") } }
                val sa = node("strip a", ca) { stripDigits(it).also { done.add("strip a") } }
                val sab = node("strip ab", cab) { stripDigits(it).also { done.add("strip ab") } }
                val sc = node("strip c", cc) { stripDigits(it).also { done.add("strip c") } }
                node("upload", sa, sab, sc) { a, ab, c -> delay(1).let { Triple(a, ab, c) }.also { done.add("upload") } }
            }

        test("S6: a pipeline wired by passing results gives ('axax', 'axaxbxbx', 'cxcx')") {
            virtualTime {
                s6(EventLog()).output shouldBe Triple("axax", "axaxbxbx", "cxcx")
                now shouldBe 67
            }
        }

        test("S6: every call starts as soon as its inputs exist; completion order is exact") {
            virtualTime {
                val done = EventLog()
                val run = s6(done)
                done.toList() shouldContainExactly
                    listOf(
                        "fetch a1",
                        "fetch a2",
                        "concat a",
                        "strip a",
                        "fetch b1",
                        "fetch b2",
                        "concat b",
                        "concat ab",
                        "strip ab",
                        "fetch c1",
                        "fetch c2",
                        "concat c",
                        "strip c",
                        "upload",
                    )
                run.outcome(run.dag.node("concat ab")).startNanos.ms shouldBe 45
                run.outcome(run.dag.node("upload")).startNanos.ms shouldBe 66
            }
        }

        test("what ran is recorded as a graph that can be inspected and exported") {
            virtualTime {
                val run = s6(EventLog())
                run.dag.name shouldBe "s6"
                run.dag.dataInputs(run.dag.node("upload")).map { it.name } shouldContainExactly listOf("strip a", "strip ab", "strip c")
                run.outcomes.drop(1).all { it.status == NodeStatus.SUCCEEDED } shouldBe true
                RunTrace.chromeTrace(run).contains("\"concat ab\"") shouldBe true
                @Suppress("UNCHECKED_CAST")
                val again = run.dag as Dag<Unit, Any?>
                shouldThrow<NodeFailedException> { again.run(Unit) }.cause.shouldBeInstanceOf<UnsupportedOperationException>()
            }
        }

        test("nodes may declare further nodes while they run, and live waits for them all") {
            virtualTime {
                val run =
                    live("fan-out") {
                        val pages = node("list pages") { listOf("p1", "p2", "p3") }
                        node("crawl", pages) { names ->
                            val fetched = names.map { name -> live.node("fetch $name") { delay(10).let { name.length } } }
                            live.node("total", fetched) { sizes -> sizes.sum() }.name
                        }
                    }
                run.output shouldBe "total"
                run[run.dag.node("total") as Node<Int>] shouldBe 6
                run.dag.nodes.map { it.name } shouldContainExactly
                    listOf("input", "list pages", "crawl", "fetch p1", "fetch p2", "fetch p3", "total")
                now shouldBe 10
            }
        }

        test("the first failure cancels the other nodes and is thrown with the recorded run") {
            virtualTime {
                val boom = IllegalStateException("boom")
                val failure =
                    shouldThrow<NodeFailedException> {
                        live("failing") {
                            val bad = node("bad") { delay(10).also { throw boom } }
                            node("slow") { delay(1000) }
                            node("after bad", bad) { "never" }
                        }
                    }
                failure.nodeName shouldBe "bad"
                failure.cause shouldBe boom
                failure.run.status(failure.run.dag.node("slow")) shouldBe NodeStatus.CANCELLED
                failure.run.status(failure.run.dag.node("after bad")) shouldBe NodeStatus.NOT_STARTED
                now shouldBe 10
            }
        }

        test("cancelling the caller cancels every node and leaves nothing running") {
            virtualTime {
                lateinit var cancelled: RunCancelledException
                val caller =
                    launch {
                        try {
                            live("cancelled") {
                                node("quick") { delay(10) }
                                node("slow") { delay(1000) }
                            }
                        } catch (e: RunCancelledException) {
                            cancelled = e
                            throw e
                        }
                    }
                delay(50)
                caller.cancelAndJoin()
                cancelled.run.status(cancelled.run.dag.node("quick")) shouldBe NodeStatus.SUCCEEDED
                cancelled.run.status(cancelled.run.dag.node("slow")) shouldBe NodeStatus.CANCELLED
                caller.children.count() shouldBe 0
                now shouldBe 50
            }
        }

        test("live names are validated like any other") {
            virtualTime {
                shouldThrow<DagDefinitionException> {
                    live("dups") {
                        node("a") { 1 }
                        node("a") { 2 }
                    }
                }.message shouldBe
                    "Graph 'dups' already has a node named 'a'; node names must be unique within a graph, so rename one of them."
            }
        }
    })
