package dev.adagio.stream

import dev.adagio.DagDefinitionException
import dev.adagio.FailurePolicy
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.currentTime
import java.io.IOException
import java.util.Collections
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

private fun <T> syncList(): MutableList<T> = Collections.synchronizedList(ArrayList())

/** Issue #20: filters and routers on edges, batch stages and sinks, statistics per edge. */
class StreamRoutingSpec :
    FunSpec({
        test("a filtered edge carries only what its predicate accepts; the node's other edges carry everything") {
            virtualTime {
                val evens = syncList<Int>()
                val all = syncList<Int>()
                val graph =
                    stream("filters") {
                        val numbers = source<Int>("numbers") { (1..10).forEach { emit(it) } }
                        sink("evens", numbers.where { it % 2 == 0 }) { n -> evens += n }
                        sink("all", numbers) { n: Int -> all += n }
                    }
                val run = graph.run()
                evens shouldContainExactly listOf(2, 4, 6, 8, 10)
                all shouldContainExactly (1..10).toList()
                run.edgeStats(graph.node("numbers"), graph.node("evens")).let {
                    it.carried shouldBe 5
                    it.refused shouldBe 5
                }
                run.edgeStats(graph.node("numbers"), graph.node("all")).carried shouldBe 10
                shouldThrow<NoSuchElementException> { run.edgeStats(graph.node("evens"), graph.node("all")) }.message shouldContain
                    "no edge from 'evens' to 'all'"
                run.stats(graph.node("evens")).arrived shouldBe 5
                run.stats(graph.node("numbers")).emitted shouldBe 10
                graph.edges.map { "$it ${it.filtered}" } shouldContainExactly listOf("numbers -> evens true", "numbers -> all false")
                run.edgeStatistics.map { it.toString() } shouldContainExactly
                    listOf("numbers -> evens: carried 5, refused 5", "numbers -> all: carried 10, refused 0")
            }
        }

        test("a router sends each item over the one edge it picks; null drops it; the other edges count it as refused") {
            virtualTime {
                val small = syncList<Int>()
                val big = syncList<Int>()
                val graph =
                    stream("router") {
                        val numbers = source<Int>("numbers") { (1..12).forEach { emit(it) } }
                        val smallSink = sink("small", numbers) { n: Int -> small += n }
                        val bigSink = sink("big", numbers) { n: Int -> big += n }
                        route(numbers) { n ->
                            if (n % 4 == 0) {
                                null
                            } else if (n < 6) {
                                smallSink
                            } else {
                                bigSink
                            }
                        }
                    }
                val run = graph.run()
                small shouldContainExactly listOf(1, 2, 3, 5)
                big shouldContainExactly listOf(6, 7, 9, 10, 11)
                run.edgeStats(graph.node("numbers"), graph.node("small")).let {
                    it.carried shouldBe 4
                    it.refused shouldBe 8
                }
                graph.isRouted(graph.node("numbers")) shouldBe true
                graph.edges.all { it.routed } shouldBe true
                run.stats(graph.node("numbers")).emitted shouldBe 12
            }
        }

        // Issue #32: a routed item that waited for room on its chosen edge was not counted as refused by the
        // edges after that one.
        test("edges a router did not pick count every item as refused, when the picked edge's buffer was full") {
            virtualTime {
                for (policy in listOf(FailurePolicy.FAIL_FAST, FailurePolicy.CONTINUE)) {
                    val graph =
                        stream("full") {
                            val numbers = source<Int>("numbers") { (1..500).forEach { emit(it) } }
                            sink("before", numbers) { _: Int -> }
                            val picked = sink("picked", numbers, buffer = 1, onError = policy) { _: Int -> delay(1) }
                            sink("after", numbers) { _: Int -> }
                            route(numbers) { picked }
                        }
                    val run = graph.run()
                    run.edgeStats(graph.node("numbers"), graph.node("picked")).carried shouldBe 500
                    run.edgeStats(graph.node("numbers"), graph.node("before")).refused shouldBe 500
                    run.edgeStats(graph.node("numbers"), graph.node("after")).refused shouldBe 500
                }
            }
        }

        test("a router's pick still passes the edge's own filter") {
            virtualTime {
                val got = syncList<Int>()
                val graph =
                    stream("router-filter") {
                        val numbers = source<Int>("numbers") { (1..6).forEach { emit(it) } }
                        val odd = sink("odd", numbers.where { it % 2 == 1 }) { n -> got += n }
                        sink("never", numbers) { _: Int -> error("not picked") }
                        route(numbers) { odd }
                    }
                val run = graph.run()
                got shouldContainExactly listOf(1, 3, 5)
                run.edgeStats(graph.node("numbers"), graph.node("odd")).refused shouldBe 3
                run.edgeStats(graph.node("numbers"), graph.node("never")).refused shouldBe 6
            }
        }

        test("a router that picks a node not downstream fails the emitting item, naming both nodes") {
            virtualTime {
                val graph =
                    stream("bad-route") {
                        val numbers = source<Int>("numbers") { (1..3).forEach { emit(it) } }
                        val double = stage<Int, Int>("double", numbers, onError = FailurePolicy.CONTINUE) { emit(it * 2) }
                        val out = sink("out", double) { _: Int -> }
                        sink("elsewhere", numbers) { _: Int -> }
                        route(double) { n -> if (n == 4) numbers else out }
                    }
                val run = graph.run()
                val stats = run.stats(graph.node("double"))
                stats.failed shouldBe 1
                stats.keptErrors
                    .single()
                    .shouldBeInstanceOf<IllegalArgumentException>()
                    .message shouldContain
                    "'double' chose 'numbers'"
                run.stats(graph.node("out")).taken shouldBe 2
            }
        }

        test("a predicate that throws fails the emitting item under its node's policy") {
            virtualTime {
                val graph =
                    stream("bad-filter") {
                        val numbers = source<Int>("numbers") { (1..3).forEach { emit(it) } }
                        val same = stage<Int, Int>("same", numbers) { emit(it) }
                        sink("out", same.where { check(it != 2) { "two" }.let { true } }) { _: Int -> }
                    }
                val failure = shouldThrow<StreamFailedException> { graph.run() }
                failure.nodeName shouldBe "same"
                failure.cause!!.message shouldBe "two"
            }
        }

        test("a batch sink gets full lists, and the rest when its inputs end") {
            virtualTime {
                val batches = syncList<List<Int>>()
                val graph =
                    stream("batches") {
                        val numbers = source<Int>("numbers") { (1..7).forEach { emit(it) } }
                        batchSink("save", numbers, size = 3) { batch -> batches += batch }
                    }
                val run = graph.run()
                batches shouldContainExactly listOf(listOf(1, 2, 3), listOf(4, 5, 6), listOf(7))
                run.stats(graph.node("save")).let {
                    it.taken shouldBe 7
                    it.emitted shouldBe 7
                    it.arrived shouldBe 7
                }
                graph.batching(graph.node("save"))!!.let {
                    it.size shouldBe 3
                    it.linger shouldBe Duration.INFINITE
                }
                graph.batching(graph.node("numbers")).shouldBeNull()
            }
        }

        test("a batch waits its linger time after its first item, in virtual time, then goes with what it has") {
            virtualTime {
                val batches = syncList<Pair<Long, List<Int>>>()
                val graph =
                    stream("linger") {
                        val numbers =
                            source<Int>("numbers") {
                                emit(1)
                                emit(2)
                                delay(100)
                                emit(3)
                                delay(30)
                                emit(4)
                                delay(500)
                                emit(5)
                            }
                        batchSink("save", numbers, size = 10, linger = 50.milliseconds) { batch -> batches += currentTime to batch }
                    }
                graph.run()
                batches shouldContainExactly
                    listOf(50L to listOf(1, 2), 150L to listOf(3, 4), 630L to listOf(5))
            }
        }

        test("a batch stage emits what its body makes of each list; linger 0 takes only what is waiting") {
            virtualTime {
                val sums = syncList<Int>()
                val graph =
                    stream("batch-stage") {
                        val numbers =
                            source<Int>("numbers") {
                                (1..4).forEach { emit(it) }
                                delay(10)
                                (5..6).forEach { emit(it) }
                            }
                        val sum = batchStage<Int, Int>("sum", numbers, size = 3, linger = Duration.ZERO) { batch -> emit(batch.sum()) }
                        sink("out", sum) { n: Int -> sums += n }
                    }
                val run = graph.run()
                // The source runs first: 1-4 wait, the stage takes 1-3 then 4 alone; after the delay, 5-6.
                sums shouldContainExactly listOf(6, 4, 11)
                run.stats(graph.node("sum")).let {
                    it.taken shouldBe 6
                    it.emitted shouldBe 3
                }
            }
        }

        test("a batch that throws fails each of its items; under CONTINUE the next batches go on") {
            virtualTime {
                val saved = syncList<List<Int>>()
                val failedItems = syncList<Any?>()
                val listener =
                    object : StreamListener {
                        override fun onItemFailed(
                            run: StreamRun,
                            node: StreamNode<*>,
                            item: Any?,
                            error: Throwable,
                        ) {
                            failedItems += item
                        }
                    }
                val graph =
                    stream("batch-fail", onError = FailurePolicy.CONTINUE) {
                        val numbers = source<Int>("numbers") { (1..5).forEach { emit(it) } }
                        batchSink("save", numbers, size = 2) { batch ->
                            if (3 in batch) throw IOException("disk full")
                            saved += batch
                        }
                    }
                val run = graph.run(listeners = listOf(listener))
                saved shouldContainExactly listOf(listOf(1, 2), listOf(5))
                failedItems shouldContainExactly listOf(listOf(3, 4))
                run.stats(graph.node("save")).let {
                    it.failed shouldBe 2
                    it.emitted shouldBe 3
                }
            }
        }

        test("a run started at a batch node batches its start items") {
            virtualTime {
                val batches = syncList<List<Int>>()
                val graph =
                    stream("start-batch") {
                        val numbers = source<Int>("numbers") { error("not started") }
                        batchSink("save", numbers, size = 2) { batch -> batches += batch }
                    }
                graph.run(mapOf(graph.node("save") to listOf(1, 2, 3)))
                batches shouldContainExactly listOf(listOf(1, 2), listOf(3))
            }
        }

        test("what a body launches is joined before the item is done; a child that fails under CONTINUE fails its own item only") {
            val log = syncList<String>()
            val graph =
                stream("children", onError = FailurePolicy.CONTINUE) {
                    val numbers = source<Int>("numbers") { (1..4).forEach { emit(it) } }
                    val work =
                        stage<Int, Int>("work", numbers) { n ->
                            log += "body $n"
                            CoroutineScope(currentCoroutineContext()).launch {
                                delay(20)
                                log += "child $n"
                                if (n == 2) throw IOException("child of 2")
                            }
                            emit(n)
                        }
                    sink("out", work) { _: Int -> }
                }
            val run = runBlocking(Dispatchers.Default) { graph.run() }
            log shouldContainExactly listOf("body 1", "child 1", "body 2", "child 2", "body 3", "child 3", "body 4", "child 4")
            run.stats(graph.node("work")).let {
                it.failed shouldBe 1
                it.taken shouldBe 4
                it.keptErrors.single().message shouldBe "child of 2"
            }
            run.stats(graph.node("out")).taken shouldBe 4
        }

        test("definition errors: an edge twice, a bad batch size or linger, two routers, a router on a sink") {
            shouldThrow<DagDefinitionException> {
                stream("twice") {
                    val a = source<Int>("a") { emit(1) }
                    sink("b", listOf(a, a.where { it > 0 })) { _: Int -> }
                }
            }.message shouldContain "connects 'a' to 'b' twice"
            shouldThrow<DagDefinitionException> {
                stream("size") { batchSink("b", source<Int>("a") { emit(1) }, size = 0) { _ -> } }
            }.message shouldContain "batch size of at least 1"
            shouldThrow<DagDefinitionException> {
                stream("linger") { batchSink("b", source<Int>("a") { emit(1) }, size = 2, linger = (-1).milliseconds) { _ -> } }
            }.message shouldContain "linger time of 0 or more"
            shouldThrow<DagDefinitionException> {
                stream("routers") {
                    val a = source<Int>("a") { emit(1) }
                    val b = sink("b", a) { _: Int -> }
                    route(a) { b }
                    route(a) { null }
                }
            }.message shouldContain "already has a router"
            shouldThrow<DagDefinitionException> {
                stream("sink-route") {
                    val b = sink("b", source<Int>("a") { emit(1) }) { _: Int -> }
                    route(b) { null }
                }
            }.message shouldContain "is a sink"
        }

        test("connect takes a filtered input, so a graph declared in any order can filter too") {
            virtualTime {
                val got = syncList<Int>()
                val graph =
                    stream("connect-filter") {
                        val out = sink("out", emptyList<StreamInput<Int>>()) { n: Int -> got += n }
                        val numbers = source<Int>("numbers") { (1..5).forEach { emit(it) } }
                        connect(numbers.where { it > 3 }, out)
                    }
                graph.run()
                got shouldContainExactlyInAnyOrder listOf(4, 5)
            }
        }
    })
