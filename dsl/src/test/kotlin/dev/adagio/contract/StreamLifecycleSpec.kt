package dev.adagio.contract

import dev.adagio.DagDefinitionException
import dev.adagio.FailurePolicy
import dev.adagio.stream.StreamBuilder
import dev.adagio.stream.StreamFailedException
import dev.adagio.stream.stream
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout

/** The stream defects the contract issue observed, each as a test. */
class StreamLifecycleSpec :
    FunSpec({
        test("a stage that ends in its own CancellationException under CONTINUE counts an error, and the run completes") {
            virtualTime {
                val graph =
                    stream("own-cancel") {
                        val items = source<Int>("items") { (1..3).forEach { emit(it) } }
                        val work =
                            stage<Int, Int>("work", items, onError = FailurePolicy.CONTINUE) { x ->
                                if (x == 2) withTimeout(1) { delay(1_000) }
                                emit(x)
                            }
                        sink("out", work) { _: Int -> }
                    }
                val run = graph.run()
                run.stats(graph.node("work")).failed shouldBe 1
                run.stats(graph.node("out")).taken shouldBe 2
            }
        }

        test("a source that throws CancellationException itself fails the run, not a truncated success") {
            virtualTime {
                val graph =
                    stream("source-cancel") {
                        val items =
                            source<Int>("items") {
                                emit(1)
                                throw CancellationException("the source's own")
                            }
                        sink("out", items) { _: Int -> }
                    }
                val failure = shouldThrow<StreamFailedException> { graph.run() }
                failure.nodeName shouldBe "items"
                failure.cause!!.message shouldBe "the source's own"
            }
        }

        test("a source is done when its children are: items its children emit after the body returned all arrive") {
            virtualTime {
                val got = syncList<Int>()
                val graph =
                    stream("children") {
                        val items =
                            source<Int>("items") {
                                repeat(3) { k ->
                                    launch {
                                        delay(10L * (k + 1))
                                        emit(k)
                                    }
                                }
                            }
                        sink("out", items) { x: Int -> got += x }
                    }
                graph.run()
                got shouldContainExactlyInAnyOrder listOf(0, 1, 2)
            }
        }

        test("after a FAIL_FAST failure no body starts on any item, in the failing node or any other") {
            virtualTime {
                val starts = syncList<String>()
                val graph =
                    stream("halt") {
                        val items = source<Int>("items") { (1..10).forEach { emit(it) } }
                        sink("fails", items) { x: Int ->
                            starts += "fails $x"
                            throw IllegalStateException("no")
                        }
                        sink("other", items) { x: Int -> starts += "other $x" }
                    }
                shouldThrow<StreamFailedException> { graph.run() }
                starts.filter { it.startsWith("fails") } shouldContainExactly listOf("fails 1")
                // "other" runs before "fails" takes its first item, or not at all: never after the halt.
                starts.indexOf("fails 1") shouldBe starts.size - 1
            }
        }

        test("a built stream graph is frozen: the builder refuses connect and new nodes after build") {
            val builder = StreamBuilder.create("frozen")
            val a = builder.source<Int>("a") { emit(1) }
            val b = builder.stage<Int, Int>("b", a) { emit(it) }
            val c = builder.sink("c", b) { _: Int -> }
            val graph = builder.build()
            shouldThrow<DagDefinitionException> { builder.connect(b, b) }.message shouldContain "already built"
            shouldThrow<DagDefinitionException> { builder.sink("d", a) { _: Int -> } }.message shouldContain "already built"
            graph.inputs(b).map { it.name } shouldContainExactly listOf("a")
            graph.inputs(c).map { it.name } shouldContainExactly listOf("b")
        }

        test("start items for a node of another graph are refused, naming the node") {
            val other = stream("other") { sink("b", source<Int>("a") { emit(1) }) { _: Int -> } }
            val graph = stream("args") { sink("c", source<Int>("a") { emit(1) }) { _: Int -> } }
            shouldThrow<DagDefinitionException> { graph.newRun(mapOf(other.node("b") to listOf(1))) }.message shouldContain "'b'"
        }

        test("a source has 0 workers and a 0 buffer, as documented") {
            val graph =
                stream("workers") {
                    val a = source<Int>("a") { emit(1) }
                    sink("b", a, workers = 3) { _: Int -> }
                }
            graph.workers(graph.node("a")) shouldBe 0
            graph.buffer(graph.node("a")) shouldBe 0
            graph.workers(graph.node("b")) shouldBe 3
        }

        test("a stage's failure is a counted error whatever its exception, CancellationException included") {
            virtualTime {
                val graph =
                    stream("counted") {
                        val items = source<Int>("items") { emit(1) }
                        val work = stage<Int, Int>("work", items) { throw CancellationException("own") }
                        sink("out", work) { _: Int -> }
                    }
                val failure = shouldThrow<StreamFailedException> { graph.run() }
                failure.cause.shouldBeInstanceOf<CancellationException>()
                failure.run.stats(graph.node("work")).failed shouldBe 1
            }
        }
    })
