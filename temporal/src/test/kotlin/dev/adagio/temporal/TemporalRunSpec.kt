package dev.adagio.temporal

import dev.adagio.DagRun
import dev.adagio.FailurePolicy
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeStatus
import dev.adagio.NodeTimeoutException
import dev.adagio.OptionalInput
import dev.adagio.Retry
import dev.adagio.RunCancelledException
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.invoke
import dev.adagio.observe.RunListener
import dev.adagio.run
import dev.adagio.test.runDagTest
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import java.util.concurrent.CancellationException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

class TemporalRunSpec :
    FunSpec({
        timeout = 120_000

        test("S1 and S2 give the same values and the same start order as local runs") {
            lateinit var localS1: DagRun<String>
            lateinit var localS2: DagRun<Int>
            runDagTest {
                localS1 = Scenarios.s1.run()
                localS2 = Scenarios.s2.run(0)
            }
            withTemporal(TemporalDag.of(Scenarios.s1), TemporalDag.of(Scenarios.s2)) { t ->
                val s1 = t.client.run(TemporalDag.of(Scenarios.s1), Unit, "s1")
                val s2 = t.client.run(TemporalDag.of(Scenarios.s2), 0, "s2")
                s1.output shouldBe localS1.output
                s1.outcomes.map { it.value } shouldBe localS1.outcomes.map { it.value }
                Scenarios.startOrder(s1) shouldContainExactly Scenarios.startOrder(localS1)
                s2.output shouldBe 4
                s2.outcomes.map { it.value } shouldBe localS2.outcomes.map { it.value }
                Scenarios.startOrder(s2) shouldContainExactly Scenarios.startOrder(localS2)
                // SlowB starts when FastA is done, before the other fast nodes are.
                s2.outcome(Scenarios.s2.node("SlowB")).startNanos shouldBe s2.outcome(Scenarios.s2.node("FastA")).endNanos
            }
        }

        test("retries follow the node's backoff in the server's time: an hour of backoff takes no real hour") {
            val calls = AtomicInteger()
            val graph =
                dag("flaky") {
                    node("flaky") {
                        if (calls.incrementAndGet() < 4) throw java.io.IOException("try again")
                        attempt
                    }.retry(Retry.fixed(4, 20.minutes))
                }
            withTemporal(TemporalDag.of(graph)) { t ->
                val before = t.env.currentTimeMillis()
                val run = t.client.start(TemporalDag.of(graph), Unit, "flaky").join()
                val outcome = run.outcome(graph.node("flaky"))
                outcome.status shouldBe NodeStatus.SUCCEEDED
                outcome.value shouldBe 4
                outcome.attempts shouldBe 4
                calls.get() shouldBe 4
                (t.env.currentTimeMillis() - before) shouldBeGreaterThanOrEqual 1.hours.inWholeMilliseconds
                (outcome.duration!! >= 1.hours) shouldBe true
            }
        }

        test("an error the retry predicate refuses fails the node at once, named as the node threw it") {
            val calls = AtomicInteger()
            val graph =
                dag("refused") {
                    node("parse") {
                        calls.incrementAndGet()
                        throw IllegalArgumentException("bad row 7")
                    }.retry(Retry.fixed(5, 1.seconds).retryOn { it !is IllegalArgumentException })
                }
            withTemporal(TemporalDag.of(graph)) { t ->
                val failure = shouldThrow<NodeFailedException> { t.client.run(TemporalDag.of(graph), Unit, "refused") }
                failure.nodeName shouldBe "parse"
                val cause = failure.cause.shouldBeInstanceOf<RemoteNodeException>()
                cause.remoteType shouldBe IllegalArgumentException::class.java.name
                cause.remoteMessage shouldBe "bad row 7"
                failure.run.outcome(graph.node("parse")).attempts shouldBe 1
                calls.get() shouldBe 1
            }
        }

        test("an attempt over the node's timeout fails with NodeTimeoutException; a fallback turns it into a value") {
            val graph =
                dag("slow") {
                    val slow =
                        node("slow") {
                            delay(30.seconds)
                            "late"
                        }.timeout(500.milliseconds)
                            .fallbackValue("fallback")
                    val strict =
                        node("strict") {
                            delay(30.seconds)
                            "late"
                        }.timeout(500.milliseconds)
                    node("both", slow, optional(strict)) { s, o -> "$s/${o.status}" }
                }
            val temporal = TemporalDag.of(graph).withLimits(TemporalLimits.DEFAULTS.withHeartbeatTimeout(1.seconds))
            withTemporal(temporal) { t ->
                val run = t.client.run(temporal, Unit, "slow", RunOptions(failurePolicy = FailurePolicy.CONTINUE))
                run.output shouldBe "fallback/FAILED"
                run.outcome(graph.node("slow")).isRecovered shouldBe true
                run.outcome(graph.node("slow")).error.shouldBeInstanceOf<NodeTimeoutException>()
                run
                    .outcome(graph.node("strict"))
                    .error
                    .shouldBeInstanceOf<NodeTimeoutException>()
                    .nodeName shouldBe "strict"
            }
        }

        test("fail-fast cancels the running activities, waits for them, and the client gets the run") {
            val cancelled = CompletableDeferred<Boolean>()
            val graph =
                dag("fail-fast") {
                    node("long") {
                        try {
                            delay(60.seconds)
                        } catch (e: CancellationException) {
                            cancelled.complete(true)
                            throw e
                        }
                    }
                    val boom =
                        node("boom") {
                            delay(200)
                            error("boom")
                        }
                    node("after", boom) { "never" }
                }
            val temporal = TemporalDag.of(graph).withLimits(TemporalLimits.DEFAULTS.withHeartbeatTimeout(600.milliseconds))
            withTemporal(temporal) { t ->
                val failure = shouldThrow<NodeFailedException> { t.client.run(temporal, Unit, "fail-fast") }
                failure.nodeName shouldBe "boom"
                failure.cause.shouldBeInstanceOf<RemoteNodeException>().remoteMessage shouldBe "boom"
                failure.run.status(graph.node("long")) shouldBe NodeStatus.CANCELLED
                failure.run.status(graph.node("after")) shouldBe NodeStatus.NOT_STARTED
                cancelled.isCompleted shouldBe true
            }
        }

        test("cancelling a run cancels its running nodes; progress shows them running first") {
            val started = CompletableDeferred<Unit>()
            val cancelled = CompletableDeferred<Boolean>()
            val graph =
                dag("cancel") {
                    val first = node("first") { 1 }
                    node("long", first) {
                        started.complete(Unit)
                        try {
                            delay(60.seconds)
                        } catch (e: CancellationException) {
                            cancelled.complete(true)
                            throw e
                        }
                    }
                }
            val temporal = TemporalDag.of(graph).withLimits(TemporalLimits.DEFAULTS.withHeartbeatTimeout(600.milliseconds))
            withTemporal(temporal) { t ->
                val handle = t.client.start(temporal, Unit, "cancel")
                withTimeout(30.seconds) { started.await() }
                val progress = handle.progress()
                progress.statuses shouldBe mapOf("first" to "SUCCEEDED", "long" to "RUNNING")
                progress.finished shouldBe 1
                progress.planned shouldBe 2
                handle.cancel()
                val failure = shouldThrow<RunCancelledException> { handle.await() }
                failure.run.status(graph.node("first")) shouldBe NodeStatus.SUCCEEDED
                failure.run.status(graph.node("long")) shouldBe NodeStatus.CANCELLED
                cancelled.isCompleted shouldBe true
            }
        }

        test("optional inputs and CONTINUE behave as in a local run") {
            val graph =
                dag("continue") {
                    val quote =
                        node("quote") {
                            check(false) { "no quote" }
                            0
                        }
                    val price = node("price", optional(quote)) { q: OptionalInput<Int> -> q.getOrNull() ?: 100 }
                    val tax = node("tax", quote) { q -> q / 10 }
                    node("total", price, optional(tax)) { p, t -> p + (t.getOrNull() ?: 0) }
                }
            lateinit var local: DagRun<Int>
            runDagTest { local = graph.run(Unit, RunOptions(failurePolicy = FailurePolicy.CONTINUE)) }
            withTemporal(TemporalDag.of(graph)) { t ->
                val run = t.client.run(TemporalDag.of(graph), Unit, "continue", RunOptions(failurePolicy = FailurePolicy.CONTINUE))
                run.output shouldBe 100
                run.outcomes.map { it.status } shouldBe local.outcomes.map { it.status }
                run.outcomes.map { it.value } shouldBe local.outcomes.map { it.value }
                run.outcome(graph.node("tax")).error!!.message shouldContain "quote"
            }
        }

        test("generic values cross machines with their declared type") {
            data class Page(
                val number: Int,
                val ids: List<Int>,
            )
            val graph =
                dag("pages") { count: Node<Int> ->
                    val pages = node("pages", count) { n -> (0 until n).map { Page(it, listOf(it * 10, it * 10 + 1)) } }
                    node("ids", pages) { ps -> ps.flatMap { it.ids } }
                }
            val temporal = TemporalDag.of(graph).withType(graph.node("pages") as Node<List<Page>>).withType(graph.output)
            withTemporal(temporal) { t ->
                val run = t.client.run(temporal, 2, "pages")
                run.output shouldBe listOf(0, 1, 10, 11)
                run[graph.node("pages")] shouldBe listOf(Page(0, listOf(0, 1)), Page(1, listOf(10, 11)))
            }
        }

        test("what Temporal cannot run is refused with a message that says what to do") {
            val jittered = dag("jittered") { node("n") { 1 }.retry(Retry.exponential(3).withJitter(0.2)) }
            shouldThrow<UnsupportedGraphException> { TemporalDag.of(jittered) }.message shouldContain "jitter"
            val mapped = dag("mapped") { map("m", node("ids") { listOf(1, 2) }) { it * 2 } }
            shouldThrow<UnsupportedGraphException> { TemporalDag.of(mapped) }.message shouldBe
                "graph 'mapped' has map node 'm', which adds nodes while the run runs; Temporal runs cannot grow yet " +
                "(its elements or included nodes would not be activities of their own): run this graph locally, " +
                "or declare the elements as nodes of the graph"
            val including = dag("including") { include(dag("inner") { node("x") { 1 } }) }
            shouldThrow<UnsupportedGraphException> { TemporalDag.of(including) }.message shouldContain "include node 'inner'"
            val fine = TemporalDag.of(dag("fine") { node("n") { 1 } })
            val wide = TemporalDag.of(dag("wide") { (1..20).map { node("n$it") { it } }.last() })
            withTemporal(fine, wide) { t ->
                shouldThrow<IllegalArgumentException> {
                    t.client.start(fine, Unit, "l", RunOptions(listeners = listOf(object : RunListener {})))
                }.message shouldContain "listeners"
                // A run that might have too many nodes running when it goes on as a new one.
                val tight = wide.withLimits(TemporalLimits.DEFAULTS.withMaxHistoryEvents(10_050))
                shouldThrow<UnsupportedGraphException> { t.client.start(tight, Unit, "w") }.message shouldContain "maxConcurrency"
                t.client
                    .start(tight, Unit, "w", RunOptions(maxConcurrency = 4))
                    .await()
                    .output shouldBe 20
            }
        }

        test("a value over the limit fails its node and names the claim-check pattern") {
            val graph = dag("big") { node("blob") { "x".repeat(5_000) } }
            val temporal = TemporalDag.of(graph).withLimits(TemporalLimits.DEFAULTS.withMaxValueBytes(1_000))
            withTemporal(temporal) { t ->
                val failure = shouldThrow<NodeFailedException> { t.client.run(temporal, Unit, "big") }
                val cause = failure.cause.shouldBeInstanceOf<RemoteNodeException>()
                cause.remoteType shouldBe ValueTooLargeException::class.java.name
                cause.remoteMessage shouldContain "claim-check"
                cause.remoteMessage shouldContain "5002 bytes"
            }
        }

        test("a run's history stays within the events the module budgets per node") {
            val graph = dag("chain") { (1..30).fold(node("n0") { 0 }) { prev, i -> node("n$i", prev) { it + 1 } } }
            withTemporal(TemporalDag.of(graph)) { t ->
                t.client.run(TemporalDag.of(graph), Unit, "chain").output shouldBe 30
                val events = t.events("chain")
                events shouldBeGreaterThan 31 * 3
                events.toLong() shouldBeLessThanOrEqualTo TemporalLimits.DEFAULTS.eventsFor(31)
            }
        }

        test("a run over its timeout stops with RunTimeoutException holding the run, in the server's time") {
            val graph =
                dag("late") {
                    val quick = node("quick") { 1 }
                    node("retrying", quick) { throw java.io.IOException("down") }.retry(Retry.fixed(10, 20.minutes))
                }
            withTemporal(TemporalDag.of(graph)) { t ->
                val failure =
                    shouldThrow<dev.adagio.RunTimeoutException> {
                        t.client.start(TemporalDag.of(graph), Unit, "late", RunOptions(timeout = 30.minutes)).join()
                    }
                failure.limitNanos shouldBe 30.minutes.inWholeNanoseconds
                failure.run.status(graph.node("quick")) shouldBe NodeStatus.SUCCEEDED
                failure.run.status(graph.node("retrying")) shouldBe NodeStatus.CANCELLED
            }
        }

        test("a pool's nodes go to the pool's task queue, whose workers run its permits at once") {
            val db = dev.adagio.Pool("db", 1)
            val graph =
                dag("pooled") {
                    val a = node("a") { 1 }.pool(db)
                    val b = node("b") { 2 }.pool(db)
                    node("sum", a, b) { x, y -> x + y }
                }
            withTemporal(TemporalDag.of(graph)) { t ->
                t.client.run(TemporalDag.of(graph), Unit, "pooled").output shouldBe 3
                val queues = t.scheduled("pooled") { it.taskQueue.name }
                queues shouldBe mapOf("a" to "adagio-test.pool.db", "b" to "adagio-test.pool.db", "sum" to "adagio-test")
            }
        }

        test("critical-path priority: the nodes on the heaviest path get Temporal's first priority key") {
            val graph =
                dag("priority") {
                    val a = node("a") { 1 }
                    val b = node("b", a) { it + 1 }
                    node("c", b) { it + 1 }
                    node("d") { 0 }
                }
            withTemporal(TemporalDag.of(graph)) { t ->
                t.client.run(TemporalDag.of(graph), Unit, "priority")
                val keys = t.scheduled("priority") { it.priority.priorityKey }
                keys shouldBe mapOf("a" to 1, "b" to 3, "c" to 5, "d" to 5)
            }
        }
    })

private infix fun Long.shouldBeLessThanOrEqualTo(limit: Long) {
    if (this > limit) throw AssertionError("$this should be at most $limit")
}
