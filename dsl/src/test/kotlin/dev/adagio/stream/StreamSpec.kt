package dev.adagio.stream

import dev.adagio.DagDefinitionException
import dev.adagio.EventLog
import dev.adagio.FailurePolicy
import dev.adagio.now
import dev.adagio.stream.StreamFailedException
import dev.adagio.stream.StreamGraph
import dev.adagio.stream.stream
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import java.util.Collections
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong

/** Statistics as "in/out/errors", as SCENARIOS.md S4 writes them. */
private fun StreamGraph.counts(run: dev.adagio.stream.StreamRun) =
    nodes.associate { node -> run.stats(node).let { node.name to "${it.taken}/${it.emitted}/${it.failed}" } }

class StreamSpec :
    FunSpec({
        fun s4(
            loaded: MutableList<String>,
            policy: FailurePolicy = FailurePolicy.FAIL_FAST,
            failOn: String? = null,
        ) = stream("s4") {
            val extract =
                source<String>("extract") {
                    emit("hello")
                    emit("world")
                }
            val transform = stage("transform", extract) { word: String -> emit(word.replaceFirstChar(Char::titlecase)) }
            sink("load", transform, onError = policy) { word: String ->
                if (word == failOn) throw IllegalStateException("cannot load $word")
                loaded += word
            }
        }

        test("S4: a linear stream loads every item, with in/out/errors of 0/2/0, 2/2/0, 2/2/0") {
            virtualTime {
                val loaded = Collections.synchronizedList(mutableListOf<String>())
                val graph = s4(loaded)
                val run = graph.run()
                loaded shouldContainExactly listOf("Hello", "World")
                graph.counts(run) shouldBe mapOf("extract" to "0/2/0", "transform" to "2/2/0", "load" to "2/2/0")
            }
        }

        test("S4: a sink that throws on one item with the go-on policy counts it, keeps it, and the run completes") {
            virtualTime {
                val loaded = Collections.synchronizedList(mutableListOf<String>())
                val graph = s4(loaded, FailurePolicy.CONTINUE, failOn = "World")
                val run = graph.run()
                graph.counts(run)["load"] shouldBe "2/1/1"
                run
                    .stats(graph.node("load"))
                    .keptErrors
                    .single()
                    .message shouldBe "cannot load World"
                loaded shouldContainExactly listOf("Hello")
            }
        }

        test("S4: with the halt policy the run stops and reports the failure") {
            virtualTime {
                val graph = s4(mutableListOf(), FailurePolicy.FAIL_FAST, failOn = "Hello")
                val failure = shouldThrow<StreamFailedException> { graph.run() }
                failure.nodeName shouldBe "load"
                failure.cause!!.message shouldBe "cannot load Hello"
                failure.message shouldContain "Stream node 'load' failed"
            }
        }

        fun tenSlowItems(workers: Int) =
            stream("workers-$workers") {
                val numbers = source<Int>("numbers") { repeat(10) { emit(it) } }
                val slow = stage("slow", numbers, workers = workers) { n: Int -> delay(1000).also { emit(n) } }
                sink("collect", slow) { _: Int -> }
            }

        test("S4: ten items of 1 s each take 10 s with 1 worker and 2 s with 5") {
            virtualTime {
                tenSlowItems(1).run()
                now shouldBe 10_000
            }
            virtualTime {
                tenSlowItems(5).run()
                now shouldBe 2_000
            }
        }

        test("declaring the nodes in reverse order and connecting them after loses no item") {
            virtualTime {
                val loaded = Collections.synchronizedList(mutableListOf<Int>())
                val graph =
                    stream("reverse") {
                        val load = sink<Int>("load", emptyList()) { loaded += it }
                        val double = stage<Int, Int>("double", emptyList()) { n -> emit(n * 2) }
                        val numbers = source<Int>("numbers") { (1..100).forEach { emit(it) } }
                        connect(double, load)
                        connect(numbers, double)
                    }
                graph.run()
                loaded shouldContainExactlyInAnyOrder (1..100).map { it * 2 }
            }
        }

        test("an item goes to every downstream node, and several upstream nodes may feed one node") {
            virtualTime {
                val seen = Collections.synchronizedList(mutableListOf<String>())
                val graph =
                    stream("fan") {
                        val letters = source<String>("letters") { listOf("a", "b").forEach { emit(it) } }
                        val digits = source<String>("digits") { listOf("1").forEach { emit(it) } }
                        val upper = stage("upper", letters) { s: String -> emit(s.uppercase()) }
                        val twice = stage("twice", letters) { s: String -> emit(s + s) }
                        sink("all", listOf(upper, twice, digits)) { s: String -> seen += s }
                    }
                val run = graph.run()
                seen shouldContainExactlyInAnyOrder listOf("A", "B", "aa", "bb", "1")
                run.itemsOnEdge(graph.node("letters"), graph.node("upper")) shouldBe 2
                run.itemsOnEdge(graph.node("digits"), graph.node("all")) shouldBe 1
            }
        }

        test("a stage that throws never hangs the graph, under either policy, and a misfit item is an error too") {
            virtualTime {
                val halting =
                    stream("halting") {
                        val n = source<Any>("n") { (1..1000).forEach { emit(it) } }
                        sink("picky", n, buffer = 1) { x: Any -> if (x == 3) error("three") }
                    }
                shouldThrow<StreamFailedException> { halting.run() }.run.stats(halting.node("picky")).failed shouldBe 1

                val going =
                    stream("going") {
                        val mixed = source<Any>("mixed") { listOf<Any>(1, "two", 3).forEach { emit(it) } }

                        @Suppress("UNCHECKED_CAST")
                        val ints = mixed as dev.adagio.stream.StreamNode<Int>
                        sink("ints", ints, onError = FailurePolicy.CONTINUE) { x: Int -> x + 1 }
                    }
                val run = going.run()
                run.stats(going.node("ints")).let {
                    it.taken shouldBe 3
                    it.emitted shouldBe 2
                    it.failed shouldBe 1
                    it.keptErrors.single().shouldBeInstanceOf<ClassCastException>()
                }
            }
        }

        test("statistics can be read while the run goes on") {
            virtualTime {
                val graph = tenSlowItems(1)
                val run = graph.newRun()
                val job = launch { run.execute() }
                delay(3_500)
                run.stats(graph.node("slow")).let {
                    it.taken shouldBe 4
                    it.emitted shouldBe 3
                    it.busy shouldBe 1
                    it.queued shouldBe 6
                }
                run.isFinished shouldBe false
                job.join()
                run.isFinished shouldBe true
                run.stats(graph.node("collect")).emitted shouldBe 10
            }
        }

        test("a source takes the arguments a run starts it with") {
            virtualTime {
                val got = Collections.synchronizedList(mutableListOf<Any?>())
                val graph =
                    stream("args") {
                        val pages = source<Any?>("pages") { arguments.forEach { emit(it) } }
                        sink("got", pages) { x: Any? -> got += x }
                    }
                graph.run(start = mapOf(graph.node("pages") to listOf("p1", "p2")))
                got shouldContainExactly listOf("p1", "p2")
            }
        }

        test("a run can start at a stage: it takes the start items, its upstream does not run") {
            virtualTime {
                val got = Collections.synchronizedList(mutableListOf<Int>())
                val graph =
                    stream("start at a stage") {
                        val numbers = source<Int>("numbers") { emit(100) }
                        val double = stage<Int, Int>("double", numbers) { emit(it * 2) }
                        sink("got", double) { x: Int -> got += x }
                    }
                val run = graph.run(start = mapOf(graph.node("double") to listOf(1, 2, 3)))
                got shouldContainExactly listOf(2, 4, 6)
                run.stats(graph.node("numbers")).let { listOf(it.arrived, it.taken, it.emitted) } shouldContainExactly listOf(0L, 0L, 0L)
                run.stats(graph.node("double")).let { listOf(it.arrived, it.taken, it.emitted) } shouldContainExactly listOf(3L, 3L, 3L)
                run.itemsOnEdge(graph.node("numbers"), graph.node("double")) shouldBe 0
            }
        }

        test("start items name the nodes that start: a source not named does not run") {
            virtualTime {
                val got = Collections.synchronizedList(mutableListOf<String>())
                val graph =
                    stream("two sources") {
                        val a = source<String>("a") { arguments.forEach { emit("a:$it") } }
                        val b = source<String>("b") { emit("b") }
                        sink("got", listOf(a, b)) { x: String -> got += x }
                    }
                graph.run(start = mapOf(graph.node("a") to listOf(1)))
                got shouldContainExactly listOf("a:1")
                graph.run().stats(graph.node("b")).emitted shouldBe 1
            }
        }

        test("arrived and taken differ after a halt: items that reached a buffer were never taken") {
            virtualTime {
                val graph =
                    stream("halted") {
                        val numbers = source<Int>("numbers") { repeat(5) { emit(it) } }
                        sink("picky", numbers, buffer = 5) { _: Int -> error("no") }
                    }
                val stats = shouldThrow<StreamFailedException> { graph.run() }.run.stats(graph.node("picky"))
                listOf(stats.arrived, stats.taken, stats.failed, stats.queued) shouldContainExactly listOf(5L, 1L, 1L, 4L)
                stats.toString() shouldBe "picky: arrived 5, taken 1, emitted 0, failed 1, queued 4, busy 0"
            }
        }

        test("a graph-wide error policy: CONTINUE counts and goes on, a node's own policy wins") {
            virtualTime {
                val graph =
                    stream("carry on", onError = FailurePolicy.CONTINUE) {
                        val numbers = source<Int>("numbers") { repeat(4) { emit(it) } }
                        val odd = stage<Int, Int>("odd", numbers) { if (it % 2 == 0) error("even $it") else emit(it) }
                        sink("strict", odd, onError = FailurePolicy.FAIL_FAST) { _: Int -> }
                    }
                graph.errorPolicy(graph.node("odd")) shouldBe FailurePolicy.CONTINUE
                graph.errorPolicy(graph.node("strict")) shouldBe FailurePolicy.FAIL_FAST
                val run = graph.run()
                run.stats(graph.node("odd")).failed shouldBe 2
                run.stats(graph.node("strict")).emitted shouldBe 2
                stream("default") { sink("s", source<Int>("n") { emit(1) }) { _: Int -> } }.let { it.errorPolicy(it.node("s")) } shouldBe
                    FailurePolicy.FAIL_FAST
            }
        }

        test("a built graph lists its edges, as a Dag does") {
            val graph =
                stream("edges") {
                    val a = source<Int>("a") { }
                    val b = source<Int>("b") { }
                    val mid = stage<Int, Int>("mid", listOf(a, b)) { emit(it) }
                    sink("end", mid) { _: Int -> }
                }
            graph.edges.map { it.toString() } shouldContainExactly listOf("a -> mid", "b -> mid", "mid -> end")
            graph.edges.first().from shouldBe graph.node("a")
        }

        test("cancelling the caller stops every source and worker") {
            virtualTime {
                val graph =
                    stream("endless") {
                        val ticks = source<Int>("ticks") { while (true) emit(1).also { delay(10) } }
                        sink("slow", ticks) { _: Int -> delay(100) }
                    }
                val job = launch { graph.run() }
                delay(1_000)
                job.cancelAndJoin()
                job.children.count() shouldBe 0
                now shouldBe 1_000
            }
        }

        test("a million items through three stages arrive with exact counts") {
            val total = AtomicLong()
            val graph =
                stream("million") {
                    val numbers = source<Int>("numbers") { for (i in 1..1_000_000) emit(i) }
                    val plusOne = stage("plus one", numbers, workers = 2, buffer = 1024) { n: Int -> emit(n + 1L) }
                    val evens = stage("evens", plusOne, workers = 2, buffer = 1024) { n: Long -> if (n % 2 == 0L) emit(n) }
                    sink("sum", evens, workers = 2, buffer = 1024) { n: Long -> total.addAndGet(n) }
                }
            val run = runBlocking(Dispatchers.Default) { graph.run() }
            run.stats(graph.node("plus one")).emitted shouldBe 1_000_000
            run.stats(graph.node("evens")).emitted shouldBe 500_000
            run.stats(graph.node("sum")).emitted shouldBe 500_000
            total.get() shouldBe (1L..1_000_000L).filter { (it + 1) % 2 == 0L }.sumOf { it + 1 }
        }

        test("back-pressure: a slow sink bounds the items in flight to the buffers plus the items in hand") {
            virtualTime {
                val emitted = AtomicInteger()
                val sunk = AtomicInteger()
                var most = 0
                val graph =
                    stream("pressure") {
                        val fast = source<Int>("fast") { repeat(1_000) { emit(it).also { emitted.incrementAndGet() } } }
                        val pass = stage("pass", fast, workers = 2, buffer = 5) { n: Int -> emit(n) }
                        sink("slow", pass, workers = 1, buffer = 3) { _: Int ->
                            most = maxOf(most, emitted.get() - sunk.get())
                            delay(10)
                            sunk.incrementAndGet()
                        }
                    }
                graph.run()
                sunk.get() shouldBe 1_000
                // buffers 5 + 3, plus one item in each of the 2 stage workers and the 1 sink worker
                (most <= 5 + 3 + 2 + 1) shouldBe true
                (most >= 5 + 3) shouldBe true
            }
        }

        test("stream listeners hear the start, every failed item and the end; a throwing listener breaks nothing") {
            virtualTime {
                val events = EventLog()
                val listener =
                    object : dev.adagio.stream.StreamListener {
                        override fun onStreamStarted(run: dev.adagio.stream.StreamRun) = events.add("started")

                        override fun onItemFailed(
                            run: dev.adagio.stream.StreamRun,
                            node: dev.adagio.stream.StreamNode<*>,
                            item: Any?,
                            error: Throwable,
                        ) = events.add("${node.name} failed on $item")

                        override fun onStreamFinished(
                            run: dev.adagio.stream.StreamRun,
                            error: Throwable?,
                        ) = events.add("finished ${error?.javaClass?.simpleName}")
                    }
                val thrower =
                    object : dev.adagio.stream.StreamListener {
                        override fun onStreamStarted(run: dev.adagio.stream.StreamRun) = throw IllegalStateException("listener bug")
                    }
                s4(mutableListOf(), FailurePolicy.CONTINUE, failOn = "World").run(listeners = listOf(thrower, listener))
                events.toList() shouldContainExactly listOf("started", "load failed on World", "finished null")

                val halting = EventLog()
                val recorder =
                    object : dev.adagio.stream.StreamListener {
                        override fun onStreamFinished(
                            run: dev.adagio.stream.StreamRun,
                            error: Throwable?,
                        ) = halting.add("finished ${error?.javaClass?.simpleName}")
                    }
                shouldThrow<StreamFailedException> { s4(mutableListOf(), failOn = "Hello").run(listeners = listOf(recorder)) }
                halting.toList() shouldContainExactly listOf("finished StreamFailedException")
            }
        }

        test("bad stream definitions are refused") {
            shouldThrow<DagDefinitionException> {
                stream("dups") {
                    source<Int>("a") {}
                    source<Int>("a") {}
                }
            }.message shouldContain "already has a node named 'a'"
            shouldThrow<DagDefinitionException> { stream("w") { sink<Int>("s", emptyList(), workers = 0) {} } }.message shouldContain
                "needs at least 1 worker"
            shouldThrow<DagDefinitionException> { stream("b") { sink<Int>("s", emptyList(), buffer = 0) {} } }
            shouldThrow<DagDefinitionException> {
                stream("loop") {
                    val a = stage<Int, Int>("a", emptyList()) { emit(it) }
                    val b = stage<Int, Int>("b", a) { emit(it) }
                    connect(b, a)
                }
            }.message shouldContain "has a loop: a -> b -> a"
            shouldThrow<DagDefinitionException> {
                stream("sink-out") {
                    val s = sink<Int>("s", emptyList()) {}
                    @Suppress("UNCHECKED_CAST")
                    stage<Int, Int>("t", s as dev.adagio.stream.StreamNode<Int>) { emit(it) }
                }
            }.message shouldContain "is a sink and emits nothing"
        }
    })
