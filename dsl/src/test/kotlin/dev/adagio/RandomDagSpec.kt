package dev.adagio

import io.kotest.common.ExperimentalKotest
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.property.Arb
import io.kotest.property.PropTestConfig
import io.kotest.property.arbitrary.long
import io.kotest.property.checkAll
import kotlinx.coroutines.delay
import java.util.concurrent.atomic.AtomicIntegerArray
import kotlin.random.Random

/** Engine invariants over random DAGs, in virtual time. */
@OptIn(ExperimentalKotest::class)
class RandomDagSpec :
    FunSpec({
        /** A random DAG: node i takes up to 3 data inputs and up to 2 order dependencies among nodes before it. */
        class Shape(
            seed: Long,
        ) {
            private val random = Random(seed)
            val size = random.nextInt(1, 80)
            val data = List(size) { i -> if (i == 0) emptyList() else List(random.nextInt(0, 4)) { random.nextInt(0, i) } }
            val order = List(size) { i -> if (i == 0) emptyList() else List(random.nextInt(0, 3)) { random.nextInt(0, i) }.distinct() }
            val millis = List(size) { random.nextLong(0, 20) }

            /** Longest path of durations ending at each node, computed independently of the engine. */
            val finish =
                LongArray(size).also { f ->
                    for (i in 0 until size) f[i] = ((data[i] + order[i]).maxOfOrNull { f[it] } ?: 0L) + millis[i]
                }
        }

        test("every node runs exactly once, never before its dependencies, and the makespan is the critical path") {
            checkAll(200 * stress, PropTestConfig(seed = 20261121), Arb.long()) { seed ->
                val shape = Shape(seed)
                val runs = AtomicIntegerArray(shape.size)
                virtualTime {
                    val graph =
                        dag("random") {
                            val nodes = ArrayList<Node<Long>>()
                            for (i in 0 until shape.size) {
                                val inputs = shape.data[i].map { nodes[it] }
                                val node =
                                    node("n$i", inputs) { values ->
                                        runs.incrementAndGet(i)
                                        delay(shape.millis[i])
                                        values.sum() + 1
                                    }
                                node.after(*shape.order[i].map { nodes[it] }.toTypedArray())
                                nodes += node
                            }
                            nodes.last()
                        }
                    val run = graph.run()
                    for (i in 0 until shape.size) {
                        runs.get(i) shouldBe 1
                        val outcome = run.outcome(graph.node("n$i"))
                        val ready = (shape.data[i] + shape.order[i]).maxOfOrNull { run.outcome(graph.node("n$it")).endNanos } ?: 0L
                        outcome.startNanos shouldBe ready
                        outcome.endNanos.ms shouldBe shape.finish[i]
                    }
                    run.makespanNanos.ms shouldBe shape.finish.max()
                    now shouldBe shape.finish.max()
                }
            }
        }

        test("sequential mode runs every node once, one at a time, in topological order") {
            checkAll(50 * stress, PropTestConfig(seed = 7), Arb.long()) { seed ->
                val shape = Shape(seed)
                virtualTime {
                    val graph =
                        dag("random-seq") {
                            val nodes = ArrayList<Node<Long>>()
                            for (i in 0 until shape.size) {
                                nodes += node("n$i", shape.data[i].map { nodes[it] }) { v -> delay(shape.millis[i]).let { v.sum() + 1 } }
                                nodes.last().after(*shape.order[i].map { nodes[it] }.toTypedArray())
                            }
                            nodes.last()
                        }
                    val run = graph.run(sequential = true)
                    val outcomes = run.outcomes.drop(1)
                    outcomes.zipWithNext().forEach { (a, b) -> b.startNanos shouldBe a.endNanos }
                    now shouldBe shape.millis.sum()
                }
            }
        }
    })
