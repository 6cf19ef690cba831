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

/** Random DAGs with random failures under the continue policy, in virtual time. */
@OptIn(ExperimentalKotest::class)
class ContinuePropertySpec :
    FunSpec({
        test("every node not downstream of a failure succeeds, every node downstream is skipped, none runs twice") {
            checkAll(200 * stress, PropTestConfig(seed = 5), Arb.long()) { seed ->
                val random = Random(seed)
                val size = random.nextInt(1, 60)
                val deps = List(size) { i -> if (i == 0) emptyList() else List(random.nextInt(0, 4)) { random.nextInt(0, i) }.distinct() }
                val fails = BooleanArray(size) { random.nextDouble() < 0.15 }
                val millis = List(size) { random.nextLong(0, 10) }
                // The expected statuses, worked out without the engine.
                val expected =
                    Array(size) { NodeStatus.SUCCEEDED }.also { e ->
                        for (i in 0 until size) {
                            e[i] =
                                when {
                                    deps[i].any { e[it] != NodeStatus.SUCCEEDED } -> NodeStatus.SKIPPED
                                    fails[i] -> NodeStatus.FAILED
                                    else -> NodeStatus.SUCCEEDED
                                }
                        }
                    }
                val runs = AtomicIntegerArray(size)
                virtualTime {
                    val graph =
                        dag("random-continue") {
                            val nodes = ArrayList<Node<Int>>()
                            for (i in 0 until size) {
                                nodes +=
                                    node("n$i", deps[i].map { nodes[it] }) { _ ->
                                        runs.incrementAndGet(i)
                                        delay(millis[i])
                                        if (fails[i]) error("n$i fails")
                                        i
                                    }
                            }
                            nodes.last()
                        }
                    // CONTINUE returns exactly when the output (the last node) has a value, every failure listed in the run.
                    val outputSucceeds = expected.last() == NodeStatus.SUCCEEDED
                    val run =
                        try {
                            graph.run(Unit, RunOptions(failurePolicy = FailurePolicy.CONTINUE)).also {
                                outputSucceeds shouldBe true
                                it.failures.size shouldBe expected.count { s -> s == NodeStatus.FAILED }
                            }
                        } catch (e: NodeFailedException) {
                            outputSucceeds shouldBe false
                            expected[e.nodeName.removePrefix("n").toInt()] shouldBe NodeStatus.FAILED
                            (1 + e.suppressed.size) shouldBe expected.count { it == NodeStatus.FAILED }
                            e.run
                        }
                    for (i in 0 until size) {
                        run.status(graph.node("n$i")) shouldBe expected[i]
                        runs.get(i) shouldBe if (expected[i] == NodeStatus.SKIPPED) 0 else 1
                    }
                }
            }
        }
    })
