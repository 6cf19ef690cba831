package dev.adagio

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.runBlocking
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.seconds

@OptIn(AdagioRemoteApi::class)
class RemoteSpec :
    FunSpec({
        val calls = AtomicInteger()
        val graph =
            dag("remote") { x: Node<Int> ->
                val a = node("a", x) { it + 1 }
                val b =
                    node("b", a) { v ->
                        calls.incrementAndGet()
                        if (v < 0) throw IllegalStateException("negative")
                        v * 2
                    }.retry(Retry.fixed(3, 1.seconds).retryOn { it !is IllegalArgumentException })
                        .fallbackValue(-1)
                        .timeout(5.seconds)
                node("c", a, optional(b)) { av, bo -> av + (bo.getOrNull() ?: 100) }
            }

        test("runAlone computes one node from given inputs, without retries, its fallback only after the last attempt") {
            runBlocking {
                graph.runAlone(graph.node("b"), 0, listOf(4), attempt = 1, lastAttempt = false).value shouldBe 8
                val retried = graph.runAlone(graph.node("b"), 0, listOf(-1), attempt = 1, lastAttempt = false)
                retried.status shouldBe NodeStatus.FAILED
                retried.error.shouldBeInstanceOf<IllegalStateException>()
                val last = graph.runAlone(graph.node("b"), 0, listOf(-1), attempt = 3, lastAttempt = true)
                last.status shouldBe NodeStatus.SUCCEEDED
                last.value shouldBe -1
                last.isRecovered shouldBe true
                last.attempts shouldBe 3
                val input = RemoteResults.optionalInput<Int>(NodeStatus.FAILED, null, IllegalStateException("x"))
                graph.runAlone(graph.node("c"), 0, listOf(1, input), attempt = 1, lastAttempt = true).value shouldBe 101
            }
            shouldThrow<IllegalArgumentException> { runBlocking { graph.runAlone(graph.node("c"), 0, listOf(1), 1, true) } }
        }

        test("remote bodies take every node's place; the engine keeps the schedule and records their attempts") {
            val seen = mutableListOf<String>()
            val remote =
                object : RemoteBodies {
                    override suspend fun compute(call: RemoteCall): Any? {
                        seen += call.node.name
                        call.attempts = 2
                        return when (call.node.name) {
                            "a" -> (call.inputs[0] as Int) + 10
                            "b" -> throw IllegalStateException("remote failure")
                            else -> (call.inputs[0] as Int) + ((call.inputs[1] as OptionalInput<*>).getOrNull() as Int? ?: 0)
                        }
                    }
                }
            val run = runBlocking { graph.run(1, RunOptions(failurePolicy = FailurePolicy.CONTINUE).withRemoteBodies(remote)) }
            seen shouldBe listOf("a", "b", "c")
            run.output shouldBe 11
            run.outcome(graph.node("b")).status shouldBe NodeStatus.FAILED
            run.outcome(graph.node("a")).attempts shouldBe 2
        }

        test("a resumed run keeps the outcomes it is given and runs the rest; restoreRun rebuilds a run") {
            calls.set(0)
            val statuses = listOf(NodeStatus.SUCCEEDED, NodeStatus.SUCCEEDED, NodeStatus.NOT_STARTED, NodeStatus.NOT_STARTED)
            val progress =
                RemoteProgress(
                    statuses,
                    listOf(1, 50, null, null),
                    listOf(null, null, null, null),
                    longArrayOf(0, 0, -1, -1),
                    longArrayOf(0, 7, -1, -1),
                    intArrayOf(0, 1, 0, 0),
                    10,
                )
            val run = runBlocking { graph.run(1, RunOptions().resumingFrom(progress)) }
            run[graph.node("a")] shouldBe 50
            run.output shouldBe 150
            calls.get() shouldBe 1
            run.outcome(graph.node("a")).endNanos shouldBe 7
            val restored =
                graph.restoreRun(
                    run.outcomes.map {
                        it.status
                    },
                    run.outcomes.map {
                        it.value
                    },
                    run.outcomes.map {
                        it.error
                    },
                    run.outcomes
                        .map {
                            it.startNanos
                        }.toLongArray(),
                    run.outcomes.map { it.endNanos }.toLongArray(),
                    run.outcomes.map { it.attempts }.toIntArray(),
                )
            restored.output shouldBe 150
            restored.outcomes.map { it.status } shouldBe run.outcomes.map { it.status }
        }

        test("policies are inspectable") {
            val p = graph.policies(graph.node("b"))
            p.retry!!.maxAttempts shouldBe 3
            p.timeout shouldBe 5.seconds
            p.hasFallback shouldBe true
            graph.policies(graph.node("a")) shouldBe NodePolicies.NONE
            graph.fallbackValue(graph.node("b"), IllegalStateException()) shouldBe -1
        }
    })
