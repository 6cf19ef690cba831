package dev.adagio

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.util.concurrent.CompletionException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean

class FailureSpec :
    FunSpec({
        test("a failing node cancels its running siblings, starts nothing more, and is named with its cause") {
            virtualTime {
                val boom = IllegalStateException("boom")
                val log = EventLog()
                val graph =
                    dag("fail-fast") {
                        val bad = node("bad") { delay(100).also { throw boom } }
                        node("slow") {
                            try {
                                delay(1000)
                            } catch (e: CancellationException) {
                                log.add("slow cancelled at $now")
                                throw e
                            }
                        }
                        node("after-bad", bad) { log.add("after-bad ran") }
                    }
                val failure = shouldThrow<NodeFailedException> { graph.run() }
                failure.nodeName shouldBe "bad"
                failure.cause shouldBeSameInstanceAs boom
                failure.message shouldContain "Node 'bad' failed: java.lang.IllegalStateException: boom"
                log.toList() shouldContainExactly listOf("slow cancelled at 100")
                now shouldBe 100
                val run = failure.run
                run.status(graph.node("bad")) shouldBe NodeStatus.FAILED
                run.status(graph.node("slow")) shouldBe NodeStatus.CANCELLED
                run.status(graph.node("after-bad")) shouldBe NodeStatus.NOT_STARTED
                run.outcome(graph.node("bad")).error shouldBeSameInstanceAs boom
                run.failures.map { it.node.name } shouldContainExactly listOf("bad")
            }
        }

        test("a node that fails without suspending stops the run before the next node starts") {
            virtualTime {
                val ran = AtomicBoolean(false)
                val graph =
                    dag("sync-fail") {
                        val first = node("first") { error("at once") }
                        node("second") { ran.set(true) }.after(first)
                    }
                shouldThrow<NodeFailedException> { graph.run() }.nodeName shouldBe "first"
                ran.get() shouldBe false
            }
        }

        test("a node that fails without suspending stops independent ready nodes from starting") {
            virtualTime {
                val ran = AtomicBoolean(false)
                val graph =
                    dag("sync-fail-independent") {
                        node("first") { error("at once") }
                        node("independent") { ran.set(true) }
                    }
                val failure = shouldThrow<NodeFailedException> { graph.run() }
                failure.nodeName shouldBe "first"
                failure.run.status(graph.node("independent")) shouldBe NodeStatus.NOT_STARTED
                ran.get() shouldBe false
            }
        }

        test("a CompletionException thrown by a node is unwrapped to its cause") {
            virtualTime {
                val root = IllegalArgumentException("root")
                val graph = dag("unwrap") { node("wrapped") { throw CompletionException(root) } }
                shouldThrow<NodeFailedException> { graph.run() }.cause shouldBeSameInstanceAs root
            }
        }

        test("an exception delivered to a suspended node is the original, not kotlinx's debug-mode copy") {
            virtualTime {
                val original = IllegalStateException("original")
                val signal = CompletableDeferred<Int>()
                val graph =
                    dag("recovered") {
                        node("thrower") { delay(10).also { signal.completeExceptionally(original) } }
                        node("waiter") { signal.await() }
                    }
                // Surefire runs with -ea, which turns on kotlinx.coroutines' stack-trace recovery.
                val failure = shouldThrow<NodeFailedException> { graph.run() }
                failure.nodeName shouldBe "waiter"
                failure.cause shouldBeSameInstanceAs original
            }
        }

        test("a child coroutine failing inside a node fails that node") {
            virtualTime {
                val graph =
                    dag("child-failure") {
                        node("parent") {
                            launch { delay(10).also { throw IllegalStateException("child") } }
                            delay(1000)
                        }
                    }
                val failure = shouldThrow<NodeFailedException> { graph.run() }
                failure.nodeName shouldBe "parent"
                failure.cause!!.message shouldBe "child"
                now shouldBe 10
            }
        }

        test("a node completes only when the coroutines it launched have completed") {
            virtualTime {
                val done = AtomicBoolean(false)
                val graph =
                    dag("children") {
                        val parent = node("parent") { launch { delay(300).also { done.set(true) } } }
                        node("next", parent) { done.get() }
                    }
                val run = graph.run()
                run.output shouldBe true
                run.outcome(graph.node("parent")).endNanos.ms shouldBe 300
            }
        }

        test("cancelling the caller cancels every running node and leaves no job of the run active") {
            virtualTime {
                val jobs = mutableListOf<Job>()
                val started = CompletableDeferred<Unit>()
                val graph =
                    dag("cancel") {
                        val a =
                            node("a") {
                                jobs += currentCoroutineContext()[Job]!!
                                launch { awaitCancellation() }.also { jobs += it }
                                started.complete(Unit)
                                awaitCancellation()
                            }
                        val b =
                            node("b") {
                                jobs += currentCoroutineContext()[Job]!!
                                delay(10_000)
                            }
                        node("c", a, b) { _, _ -> "never" }
                    }
                val caller = launch { graph.run() }
                started.await()
                delay(50)
                caller.cancelAndJoin()
                jobs.size shouldBe 3
                jobs.forEach { it.isCompleted.shouldBeTrue() }
                caller.children.toList().shouldBeEmpty()
                now shouldBe 50
            }
        }

        test("a cancelled run throws RunCancelledException holding every node's outcome") {
            virtualTime {
                lateinit var cancelled: RunCancelledException
                val graph =
                    dag("cancelled-run") {
                        val quick = node("quick") { delay(10) }
                        val slow = node("slow") { delay(1000) }
                        node("last", quick, slow) { _, _ -> }
                    }
                val caller =
                    launch {
                        try {
                            graph.run()
                        } catch (e: RunCancelledException) {
                            cancelled = e
                            throw e
                        }
                    }
                delay(50)
                caller.cancelAndJoin()
                val run = cancelled.run
                run.status(graph.node("quick")) shouldBe NodeStatus.SUCCEEDED
                run.status(graph.node("slow")) shouldBe NodeStatus.CANCELLED
                run.status(graph.node("last")) shouldBe NodeStatus.NOT_STARTED
                run.outcome(graph.node("slow")).endNanos.ms shouldBe 50
                cancelled.message shouldBe "A run of graph 'cancelled-run' was cancelled before it finished."
            }
        }

        test("cancelling the caller interrupts a blocking node's thread") {
            runBlocking {
                val sleeping = CountDownLatch(1)
                val interrupted = CountDownLatch(1)
                val graph =
                    dag("blocking-cancel") {
                        blockingNode("sleeper") {
                            sleeping.countDown()
                            try {
                                Thread.sleep(60_000)
                            } catch (e: InterruptedException) {
                                interrupted.countDown()
                                throw e
                            }
                        }
                    }
                val caller = launch { graph.run() }
                withContext(Dispatchers.IO) { sleeping.await(10, TimeUnit.SECONDS) }.shouldBeTrue()
                caller.cancelAndJoin()
                // The run returned only after the blocking node stopped, so the latch is already down.
                interrupted.count shouldBe 0L
            }
        }

        test("a failure in one run does not affect the next run of the same dag") {
            virtualTime {
                val graph =
                    dag("poison") { input: Node<Int> ->
                        val checked = node("check", input) { n -> require(n >= 0) { "negative" }.let { n } }
                        val slow = node("slow", input) { n -> delay(100).let { n * 2 } }
                        node("sum", checked, slow) { a, b -> a + b }
                    }
                shouldThrow<NodeFailedException> { graph.run(-1) }.nodeName shouldBe "check"
                val run = graph.run(5)
                run.output shouldBe 15
                run.outcomes.map { it.status }.toSet() shouldBe setOf(NodeStatus.SUCCEEDED)
            }
        }
    })
