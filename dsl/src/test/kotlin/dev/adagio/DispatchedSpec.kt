package dev.adagio

import dev.adagio.live.live
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.StandardTestDispatcher
import java.util.Collections
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.ContinuationInterceptor

/** `dispatched` nodes: where they run, with their policies, under cancellation and in virtual time. */
class DispatchedSpec :
    FunSpec({
        fun namedThread(name: String) = Executors.newSingleThreadExecutor { r -> Thread(r, name) }

        test("a dispatched node, its resumptions and its children run on its dispatcher; plain nodes run inline") {
            val executor = namedThread("cpu-1")
            try {
                val seen = Collections.synchronizedList(ArrayList<String>())
                val caller =
                    runBlocking {
                        dag("where") {
                            val hot =
                                node("hot") {
                                    seen += "body:" + threadName()
                                    delay(1)
                                    seen += "resumed:" + threadName()
                                    launch { seen += "child:" + threadName() }
                                    1
                                }.dispatched(executor.asCoroutineDispatcher())
                            node("plain", hot) { seen += "plain:" + threadName() }
                        }.run(Unit)
                        threadName()
                    }
                seen.take(3) shouldContainExactly listOf("body:cpu-1", "resumed:cpu-1", "child:cpu-1")
                seen[3] shouldBe "plain:$caller"
            } finally {
                executor.shutdownNow()
            }
        }

        test("a dispatched node keeps its retries and its fallback, each attempt on its dispatcher") {
            val executor = namedThread("cpu-2")
            try {
                val threads = Collections.synchronizedList(ArrayList<String>())
                val run =
                    runBlocking {
                        dag("policies") {
                            node("flaky") {
                                threads += threadName()
                                if (attempt < 3) error("attempt $attempt") else attempt
                            }.retry(Retry.immediately(3)).dispatched(executor.asCoroutineDispatcher())
                        }.run(Unit)
                    }
                run.output shouldBe 3
                run.outcome(run.dag.node("flaky")).attempts shouldBe 3
                threads shouldContainExactly listOf("cpu-2", "cpu-2", "cpu-2")
            } finally {
                executor.shutdownNow()
            }
        }

        test("a blocking node refuses dispatched, naming it") {
            val error =
                shouldThrow<DagDefinitionException> {
                    dag("blocking") { blockingNode("read") { 1 }.dispatched() }
                }
            error.message shouldContain "'read' is a blocking node"
        }

        test("cancelling a run cancels the dispatched nodes still queued: none of them starts") {
            val executor = namedThread("cpu-3")
            val started = AtomicInteger()
            val blocker = CountDownLatch(1)
            val handedOff = CompletableDeferred<Unit>()
            try {
                // The dispatcher's one thread is busy, so every dispatched node waits in its queue.
                executor.execute { blocker.await(10, TimeUnit.SECONDS) }
                val graph =
                    dag("queued") {
                        val work = List(5) { node("n$it") { started.incrementAndGet() }.dispatched(executor.asCoroutineDispatcher()) }
                        // Started inline after the five were handed off (ready nodes start in declaration order).
                        val marker = node("marker") { handedOff.complete(Unit) }
                        node("all", work + marker) { it.size }
                    }
                runBlocking {
                    val job = CoroutineScope(Dispatchers.Default).launch { graph.run(Unit) }
                    handedOff.await()
                    job.cancel()
                    blocker.countDown()
                    job.join()
                }
                // The queued hand-offs run only to find their node cancelled.
                executor.submit {}.get(10, TimeUnit.SECONDS)
                started.get() shouldBe 0
            } finally {
                blocker.countDown()
                executor.shutdownNow()
            }
        }

        test("dispatched to the caller's own test dispatcher, a node keeps virtual time and still hands off") {
            virtualTime {
                val own = coroutineContext[ContinuationInterceptor] as kotlinx.coroutines.CoroutineDispatcher
                val order = Collections.synchronizedList(ArrayList<String>())
                val run =
                    dag("virtual") {
                        val slow =
                            node("slow") {
                                order += "slow"
                                delay(1_000)
                                1
                            }.dispatched(own)
                        val fast = node("fast") { order += "fast" }
                        node("both", slow, fast) { s, _ -> s }
                    }.run(Unit)
                run.output shouldBe 1
                now shouldBe 1_000
                // Handed off, "slow" starts after "fast", which the driver started inline in the meantime.
                order shouldContainExactly listOf("fast", "slow")
            }
        }

        test("a test dispatcher other than the caller's: delays run on its scheduler") {
            virtualTime {
                val other = StandardTestDispatcher(testScheduler)
                val run = dag("other") { node("wait") { delay(500).let { 2 } }.dispatched(other) }.run(Unit)
                run.output shouldBe 2
                now shouldBe 500
            }
        }

        test("live: a node that returns null under a retry policy runs once") {
            val runs = AtomicInteger()
            runBlocking {
                live("null value") {
                    options(retry = Retry.immediately(3)).node("nothing") {
                        runs.incrementAndGet()
                        null
                    }
                }
            }
            runs.get() shouldBe 1
        }
    })

/** The current thread's name, without the coroutine name that debug mode appends. */
private fun threadName(): String = Thread.currentThread().name.substringBefore(" @")
