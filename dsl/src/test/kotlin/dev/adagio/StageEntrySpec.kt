package dev.adagio

import dev.adagio.executorNode
import dev.adagio.stageNode
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.delay
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** The public entries for callers outside Kotlin coroutines: stage and executor nodes, futures of runs. */
class StageEntrySpec :
    FunSpec({
        test("a stage node succeeds with its stage's value, and its inputs arrive in declaration order") {
            virtualTime {
                val builder = DagBuilder.create<Int>("stages")
                val a = builder.node("a", builder.input) { n -> n + 1 }
                val b = builder.node("b", builder.input) { n -> n * 10 }
                val sum =
                    builder.stageNode("sum", listOf(a, b, a)) { context, inputs ->
                        CompletableFuture.completedFuture("${context.nodeName}:${inputs.joinToString()}")
                    }
                builder.build(sum)(4) shouldBe "sum:5, 40, 5"
            }
        }

        test("a stage that completes later resumes the node, in virtual time too") {
            virtualTime {
                val later = CompletableFuture<String>()
                val graph =
                    dag("later") {
                        node("complete later") { delay(30).also { later.complete("done") } }
                        stageNode<Unit, String>("waits", emptyList()) { _, _ -> later }
                    }
                val run = graph.run()
                run.output shouldBe "done"
                run.outcome(graph.output).endNanos.ms shouldBe 30
            }
        }

        test("a stage that fails fails its node with the unwrapped cause") {
            virtualTime {
                val root = IllegalStateException("stage failed")
                val graph =
                    dag("failing-stage") { stageNode<Unit, Int>("bad", emptyList()) { _, _ -> CompletableFuture.failedFuture(root) } }
                val failure = shouldThrow<NodeFailedException> { graph.run() }
                failure.nodeName shouldBe "bad"
                failure.cause shouldBeSameInstanceAs root
            }
        }

        test("a body that returns a null stage fails its node with a message naming it") {
            virtualTime {
                val graph = dag("null-stage") { stageNode<Unit, Int>("nothing", emptyList()) { _, _ -> null } }
                val failure = shouldThrow<NodeFailedException> { graph.run() }
                failure.nodeName shouldBe "nothing"
                failure.cause!!.message shouldContain "Node 'nothing' returned a null CompletionStage"
            }
        }

        test("when another node fails, a running node's stage is cancelled") {
            virtualTime {
                val pending = CompletableFuture<Int>()
                val graph =
                    dag("cancel-stage") {
                        stageNode<Unit, Int>("pending", emptyList()) { _, _ -> pending }
                        node("bad") { delay(10).also { error("bad") } }
                    }
                shouldThrow<NodeFailedException> { graph.run() }.run.status(graph.node("pending")) shouldBe NodeStatus.CANCELLED
                pending.isCancelled.shouldBeTrue()
            }
        }

        test("a stage cancelled from outside fails its node as cancelled") {
            virtualTime {
                val stage = CompletableFuture<Int>()
                val graph =
                    dag("cancelled-outside") {
                        node("canceller") { delay(10).also { stage.cancel(false) } }
                        stageNode<Unit, Int>("victim", emptyList()) { _, _ -> stage }
                    }
                val failure = shouldThrow<NodeFailedException> { graph.run() }
                failure.nodeName shouldBe "victim"
                failure.cause.shouldBeInstanceOf<CancellationException>()
                failure.run.status(graph.node("victim")) shouldBe NodeStatus.CANCELLED
            }
        }

        test("an executor node runs its blocking body on the executor given") {
            val pool = Executors.newSingleThreadExecutor { r -> Thread(r, "adagio-test-pool") }
            try {
                val builder = DagBuilder.create<Int>("executor")
                val node =
                    builder.executorNode(
                        "where",
                        listOf(builder.input),
                        pool,
                    ) { _, inputs -> "${Thread.currentThread().name.substringBefore(" @")} ${inputs[0]}" }
                builder.build(node).invokeAsync(7).get(10, TimeUnit.SECONDS) shouldBe "adagio-test-pool 7"
            } finally {
                pool.shutdownNow()
            }
        }

        test("runAsync completes with the run; a failure is NodeFailedException itself, not wrapped") {
            val graph = dag("async") { input: Node<Int> -> node("check", input) { n -> require(n > 0) { "not positive" }.let { n } } }
            graph.runAsync(3).get(10, TimeUnit.SECONDS).output shouldBe 3
            val future = graph.runAsync(-3)
            val error = shouldThrow<ExecutionException> { future.get(10, TimeUnit.SECONDS) }
            error.cause.shouldBeInstanceOf<NodeFailedException>()
            // The future itself holds the exception as thrown: handle() on it sees no CompletionException.
            future
                .handle { _, e -> e }
                .get()
                .shouldBeInstanceOf<NodeFailedException>()
                .cause!!
                .message shouldBe "not positive"
        }

        test("cancelling the future of a run interrupts its blocking nodes") {
            val started = CountDownLatch(1)
            val interrupted = CountDownLatch(1)
            val graph =
                dag("cancel-future") {
                    executorNode<Unit, Unit>("sleeper", emptyList(), null) { _, _ ->
                        started.countDown()
                        try {
                            Thread.sleep(60_000)
                        } catch (e: InterruptedException) {
                            interrupted.countDown()
                            throw e
                        }
                    }
                }
            val future = graph.runAsync(Unit)
            started.await(10, TimeUnit.SECONDS).shouldBeTrue()
            future.cancel(true)
            interrupted.await(10, TimeUnit.SECONDS).shouldBeTrue()
        }
    })
