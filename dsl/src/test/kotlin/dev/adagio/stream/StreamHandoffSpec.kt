package dev.adagio.stream

import dev.adagio.now
import dev.adagio.virtualTime
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.coroutines.yield
import java.util.Collections
import java.util.concurrent.atomic.AtomicInteger

/**
 * Issue #20, throughput: workers hand items over in chunks (a hand taken from the buffer, what they emit
 * staged in reserved room downstream). Nothing of that may show: not in order, not in time, not in the
 * buffers' bounds, not in the statistics.
 */
class StreamHandoffSpec :
    FunSpec({
        val items = 20_000 * (System.getProperty("adagio.stress")?.toIntOrNull() ?: 1)

        test("one worker keeps its order when its body suspends between emits, on any thread") {
            val got = ArrayList<Int>()
            val graph =
                stream("order") {
                    val numbers = source<Int>("numbers") { for (i in 0 until items) emit(i) }
                    val twice =
                        stage<Int, Int>("twice", numbers, buffer = 256) { n ->
                            emit(2 * n)
                            // Resumed on another thread, perhaps before this one gave up the hand it emitted into.
                            if (n % 7 == 0) yield()
                            if (n % 13 == 0) withContext(Dispatchers.IO) { emit(2 * n + 1) } else emit(2 * n + 1)
                        }
                    sink("got", twice, buffer = 256) { n: Int -> got += n }
                }
            val run = runBlocking(Dispatchers.Default) { graph.run() }
            got shouldContainExactly (0 until 2 * items).toList()
            run.stats(graph.node("twice")).emitted shouldBe 2L * items
            run.itemsOnEdge(graph.node("twice"), graph.node("got")) shouldBe 2L * items
        }

        test("what a body emitted before it launched a coroutine goes downstream before what the coroutine emits") {
            val got = ArrayList<String>()
            val graph =
                stream("launch order") {
                    val numbers = source<Int>("numbers") { for (i in 0 until items / 10) emit(i) }
                    val pairs =
                        stage<Int, String>("pairs", numbers) { n ->
                            emit("a$n")
                            // A stage's receiver is no scope: its coroutines go in the worker's, as a body's own would.
                            val scope = CoroutineScope(currentCoroutineContext())
                            scope.launch { emit("b$n") }
                            scope.async(start = CoroutineStart.UNDISPATCHED) { emit("c$n") }.await()
                        }
                    sink("got", pairs) { s: String -> got += s }
                }
            runBlocking(Dispatchers.Default) { graph.run() }
            got.size shouldBe 3 * (items / 10)
            for (n in 0 until items / 10) {
                val a = got.indexOf("a$n")
                (a < got.indexOf("b$n") && a < got.indexOf("c$n")) shouldBe true
                // The item is done, its coroutines joined, before the next one starts.
                if (n > 0) (got.indexOf("a$n") > got.indexOf("b${n - 1}")) shouldBe true
            }
        }

        test("a body that sleeps does not hold back what it emitted before") {
            virtualTime {
                val arrivals = Collections.synchronizedList(ArrayList<Pair<Int, Long>>())
                val graph =
                    stream("sleepy") {
                        val numbers = source<Int>("numbers") { (1..3).forEach { emit(it) } }
                        val slow =
                            stage<Int, Int>("slow", numbers) { n ->
                                emit(n)
                                delay(1_000)
                            }
                        sink("seen", slow) { n: Int -> arrivals += n to now }
                    }
                graph.run()
                arrivals shouldContainExactly listOf(1 to 0L, 2 to 1_000L, 3 to 2_000L)
            }
        }

        test("slow items spread over every worker: a hand is given back when its body suspends") {
            virtualTime {
                val graph =
                    stream("spread") {
                        val numbers = source<Int>("numbers") { (1..8).forEach { emit(it) } }
                        val slow =
                            stage<Int, Int>("slow", numbers, workers = 4) { n ->
                                delay(100)
                                emit(n)
                            }
                        sink("done", slow) { _: Int -> }
                    }
                val run = graph.run()
                now shouldBe 200
                run.stats(graph.node("done")).emitted shouldBe 8
            }
        }

        test("buffers larger than a chunk still bound what is in flight, hands and staged items included") {
            virtualTime {
                val emitted = AtomicInteger()
                val sunk = AtomicInteger()
                var most = 0
                var queued = 0L
                lateinit var graph: StreamGraph
                graph =
                    stream("big buffers") {
                        val fast = source<Int>("fast") { repeat(2_000) { emit(it).also { emitted.incrementAndGet() } } }
                        val pass = stage("pass", fast, buffer = 200) { n: Int -> emit(n) }
                        sink("slow", pass, buffer = 150) { _: Int ->
                            most = maxOf(most, emitted.get() - sunk.get())
                            delay(10)
                            sunk.incrementAndGet()
                        }
                    }
                val run = graph.newRun()
                val job = launch { run.execute() }
                while (!run.isFinished) {
                    queued = maxOf(queued, run.stats(graph.node("slow")).queued)
                    delay(5)
                }
                job.join()
                sunk.get() shouldBe 2_000
                // buffers 200 + 150, plus the item in the pass worker's body and the one in the sink's
                (most <= 200 + 150 + 1 + 1) shouldBe true
                (most >= 200 + 150) shouldBe true
                (queued <= 150) shouldBe true
            }
        }

        test("a buffer's chunks: a hand counts until released, and comes back at the head in its order") {
            val queue = ItemQueue(4)
            val wakes = ArrayList<CancellableContinuation<Unit>>()
            (1..4).forEach { queue.trySend(it) shouldBe true }
            val hand = arrayOfNulls<Any?>(64)
            queue.exchange(0, hand, 1, wakes) shouldBe 4
            queue.trySend(5) shouldBe false
            queue.giveBack(1, hand, 1, 4, wakes)
            queue.trySend(5) shouldBe true
            queue.trySend(6) shouldBe false
            listOf(queue.poll(), queue.poll(), queue.poll(), queue.poll()) shouldContainExactly listOf(2, 3, 4, 5)
            queue.poll() shouldBe ItemQueue.NOTHING
            queue.reserve(10) shouldBe 4
            queue.trySend(7) shouldBe false
            queue.publish(arrayOf(8, 9), 2, 4, wakes)
            queue.trySend(10) shouldBe true
            queue.exchange(0, hand, 2, wakes) shouldBe 1
            hand[0] shouldBe 8
            queue.close()
            queue.exchange(1, hand, 1, wakes) shouldBe 2
            queue.exchange(2, hand, 1, wakes) shouldBe -1
            queue.poll() shouldBe ItemQueue.CLOSED
        }

        test("a waiter cancelled in the middle takes nothing with it") {
            virtualTime {
                val queue = ItemQueue(2)
                withTimeoutOrNull(50) { queue.awaitItems() } shouldBe null
                queue.trySend("x") shouldBe true
                queue.poll() shouldBe "x"
                queue.trySend("y")
                queue.trySend("z")
                withTimeoutOrNull(50) { queue.send("w") } shouldBe null
                listOf(queue.poll(), queue.poll(), queue.poll()) shouldContainExactly listOf("y", "z", ItemQueue.NOTHING)
            }
        }
    })
