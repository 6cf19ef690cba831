package dev.adagio

import dev.adagio.executorNode
import dev.adagio.stageNode
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import java.io.IOException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds

class TimeoutRetrySpec :
    FunSpec({
        test("an attempt slower than the node's timeout is cancelled and fails naming the node and the limit") {
            virtualTime {
                val log = EventLog()
                val graph =
                    dag("timeout") {
                        node("slow") {
                            try {
                                delay(500)
                            } catch (e: CancellationException) {
                                log.add("cancelled at $now")
                                throw e
                            }
                        }.timeout(100.milliseconds)
                    }
                val failure = shouldThrow<NodeFailedException> { graph.run() }
                failure.cause.shouldBeInstanceOf<NodeTimeoutException>().message shouldBe "Node 'slow' timed out after 100 ms."
                log.toList() shouldContainExactly listOf("cancelled at 100")
                now shouldBe 100
            }
        }

        test("a node within its timeout is unaffected, and may return null") {
            virtualTime {
                val graph = dag("in-time") { node("quick") { delay(99).let { null } }.timeout(100.milliseconds) }
                graph.run().output shouldBe null
            }
        }

        test("a timed-out stage node has its future cancelled") {
            virtualTime {
                val never = CompletableFuture<Int>()
                val graph = dag("stage-timeout") { stageNode<Unit, Int>("waits", emptyList()) { _, _ -> never }.timeout(50.milliseconds) }
                shouldThrow<NodeFailedException> { graph.run() }.cause.shouldBeInstanceOf<NodeTimeoutException>()
                never.isCancelled.shouldBeTrue()
            }
        }

        test("a timed-out blocking node has its thread interrupted") {
            runBlocking {
                val interrupted = CountDownLatch(1)
                val graph =
                    dag("blocking-timeout") {
                        blockingNode("sleeper") {
                            try {
                                Thread.sleep(60_000)
                            } catch (e: InterruptedException) {
                                interrupted.countDown()
                                throw e
                            }
                        }.timeout(100.milliseconds)
                    }
                shouldThrow<NodeFailedException> { graph.run() }.cause.shouldBeInstanceOf<NodeTimeoutException>()
                interrupted.await(10, TimeUnit.SECONDS).shouldBeTrue()
            }
        }

        test("a run slower than its timeout stops at the limit with every node's outcome") {
            virtualTime {
                val graph =
                    dag("run-timeout") {
                        val quick = node("quick") { delay(100) }
                        val slow = node("slow") { delay(1000) }
                        node("end", quick, slow) { _, _ -> }
                    }
                val failure = shouldThrow<RunTimeoutException> { graph.run(Unit, RunOptions(timeout = 300.milliseconds)) }
                failure.message shouldBe "A run of graph 'run-timeout' timed out after 300 ms; every running node was cancelled."
                failure.run.status(graph.node("quick")) shouldBe NodeStatus.SUCCEEDED
                failure.run.status(graph.node("slow")) shouldBe NodeStatus.CANCELLED
                failure.run.status(graph.node("end")) shouldBe NodeStatus.NOT_STARTED
                now shouldBe 300
            }
        }

        test("fixed retries try again after each delay and record the attempts") {
            virtualTime {
                val tries = AtomicInteger()
                val starts = EventLog()
                val graph =
                    dag("fixed") {
                        node("flaky") {
                            starts.add("attempt $attempt at $now")
                            if (tries.incrementAndGet() < 3) throw IOException("flake")
                            "ok"
                        }.retry(Retry.fixed(3, 50.milliseconds))
                    }
                val run = graph.run()
                run.output shouldBe "ok"
                run.outcome(graph.output).attempts shouldBe 3
                starts.toList() shouldContainExactly listOf("attempt 1 at 0", "attempt 2 at 50", "attempt 3 at 100")
            }
        }

        test("exponential retries double the delay up to the cap, and fail after the last attempt") {
            virtualTime {
                val starts = EventLog()
                val graph =
                    dag("exponential") {
                        node("down") {
                            starts.add("$now")
                            throw IOException("down")
                        }.retry(Retry.exponential(5, initialDelay = 100.milliseconds, factor = 2.0, maxDelay = 300.milliseconds))
                    }
                val failure = shouldThrow<NodeFailedException> { graph.run() }
                failure.cause.shouldBeInstanceOf<IOException>()
                failure.run.outcome(graph.output).attempts shouldBe 5
                starts.toList() shouldContainExactly listOf("0", "100", "300", "600", "900")
            }
        }

        test("only errors the predicate accepts are retried") {
            virtualTime {
                val tries = AtomicInteger()
                val graph =
                    dag("predicate") {
                        node("bad input") {
                            tries.incrementAndGet()
                            throw IllegalArgumentException("bad")
                        }.retry(Retry.fixed(5, 10.milliseconds).retryOn { it is IOException })
                    }
                shouldThrow<NodeFailedException> { graph.run() }
                tries.get() shouldBe 1
            }
        }

        test("a timeout counts as a failed attempt that retries may repeat") {
            virtualTime {
                val graph =
                    dag("retry-timeouts") {
                        node("sometimes slow") { delay(if (attempt < 3) 1000 else 10).let { attempt } }
                            .timeout(100.milliseconds)
                            .retry(Retry.fixed(3, 20.milliseconds))
                    }
                val run = graph.run()
                run.output shouldBe 3
                now shouldBe 100 + 20 + 100 + 20 + 10
            }
        }

        test("cancelling the run during a backoff stops the wait at once") {
            virtualTime {
                val graph =
                    dag("cancel-backoff") { node("flaky") { throw IOException("flake") }.retry(Retry.fixed(3, 10_000.milliseconds)) }
                val caller = launch { graph.run() }
                delay(500)
                caller.cancelAndJoin()
                now shouldBe 500
            }
        }

        test("a fallback applies after the last retry") {
            virtualTime {
                val graph =
                    dag("retry-then-fallback") {
                        node<String>("down") { throw IOException("down") }.retry(Retry.fixed(2, 10.milliseconds)).fallbackValue("cached")
                    }
                val run = graph.run()
                run.output shouldBe "cached"
                run.outcome(graph.output).attempts shouldBe 2
            }
        }

        test("jitter spreads the delays within the given fraction") {
            val retry = Retry.fixed(10, 1000.milliseconds).withJitter(0.2)
            repeat(200) {
                val delay = retry.delayNanosAfter(1) / 1_000_000
                (delay in 800..1200) shouldBe true
            }
        }

        test("bad policies are refused when they are declared") {
            shouldThrow<DagDefinitionException> { Retry.fixed(0) }.message shouldBe
                "A retry policy needs at least 1 attempt, but was given 0; pass 1 or more."
            shouldThrow<DagDefinitionException> { Retry.fixed(2, (-5).milliseconds) }.message shouldBe
                "A retry delay cannot be negative; pass a delay of zero or more."
            shouldThrow<DagDefinitionException> { Retry.fixed(2).withJitter(1.5) }
            shouldThrow<DagDefinitionException> { Retry.exponential(2, factor = 0.5) }
            shouldThrow<DagDefinitionException> { dag("t") { node("a") { 1 }.timeout((-1).milliseconds) } }.message shouldBe
                "The timeout of node 'a' must be positive, but was -1000000ns; pass a positive duration."
            shouldThrow<DagDefinitionException> { dag("t") { node("a") { 1 }.weight(0) } }
            shouldThrow<DagDefinitionException> { dag("t") { input: Node<Int> -> input.retry(Retry.fixed(2)) } }.message shouldBe
                "The input node has no body, so it takes no retry policy; set it on the nodes that do the work."
            shouldThrow<IllegalArgumentException> { RunOptions(timeout = (-1).milliseconds) }
        }
    })
