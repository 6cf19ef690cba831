package dev.adagio.live

import dev.adagio.DagDefinitionException
import dev.adagio.EdgeKind
import dev.adagio.NodeFailedException
import dev.adagio.NodeKind
import dev.adagio.NodeStatus
import dev.adagio.NodeTimeoutException
import dev.adagio.Pool
import dev.adagio.Retry
import dev.adagio.dag
import dev.adagio.live.live
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.milliseconds

/** Live mode has what `dag` has: order edges, blocking nodes, policies, 0–4 inputs, optional names. */
class LiveParitySpec :
    FunSpec({
        test("aiodag's model with an exogenous dependency: a node that waits for a side effect, recorded as an order edge") {
            virtualTime {
                val said = mutableListOf<String>()
                val run =
                    live("exogenous") {
                        val migrate by node {
                            delay(100)
                            said += "migrated"
                        }
                        val config = node { "cfg" }
                        val serve = options(after = listOf(migrate)).node(config) { c -> "serving $c".also { said += it } }
                        serve
                    }
                said shouldContainExactly listOf("migrated", "serving cfg")
                run.output shouldBe "serving cfg"
                run.outcome(run.dag.node("node3")).startOffset shouldBe 100.milliseconds
                run.dag.edges
                    .filter { it.kind == EdgeKind.ORDER }
                    .map { it.from.name to it.to.name } shouldContainExactly
                    listOf("migrate" to "node3")
            }
        }

        test("every arity of node and blockingNode, named or not, in one live run") {
            virtualTime {
                val run =
                    live("arities") {
                        val a = node { 1 }
                        val b = blockingNode(a) { it + 1 }
                        val c = node("c", a, b) { x, y -> x + y }
                        val d = blockingNode("d", a, b, c) { x, y, z -> x + y + z }
                        val e = node(a, b, c, d) { w, x, y, z -> w + x + y + z }
                        val f by blockingNode(a, b, c, d) { w, x, y, z -> w * x * y * z }
                        val g = blockingNode { 0 }
                        node(listOf(e, f, g)) { it.sum() }
                    }
                run.output shouldBe 12 + 36
                run.dag.nodes.map { it.name } shouldContainExactly
                    listOf("input", "node1", "blocking2", "c", "d", "node5", "f", "blocking7", "node8")
                run.dag.nodes
                    .map { it.kind }
                    .count { it == NodeKind.BLOCKING } shouldBe 4
            }
        }

        test("a live node's timeout fails it with NodeTimeoutException, at the limit exactly") {
            virtualTime {
                val failure =
                    shouldThrow<NodeFailedException> {
                        live("timeout") {
                            options(timeout = 300.milliseconds).node("slow") {
                                delay(1_000)
                                1
                            }
                        }
                    }
                failure.nodeName shouldBe "slow"
                failure.cause.shouldBeInstanceOf<NodeTimeoutException>().message shouldBe
                    "Node 'slow' timed out after 300 ms."
                failure.run.outcome(failure.run.dag.node("slow")).duration shouldBe 300.milliseconds
            }
        }

        test("a live node retries as a dag node does, its attempts recorded") {
            virtualTime {
                val seen = mutableListOf<Int>()
                val run =
                    live("retry") {
                        options(retry = Retry.fixed(3, 50.milliseconds)).node("flaky") {
                            seen += attempt
                            if (attempt < 3) error("flake $attempt")
                            "ok"
                        }
                    }
                run.output shouldBe "ok"
                seen shouldContainExactly listOf(1, 2, 3)
                run.outcome(run.dag.output).attempts shouldBe 3
                run.makespan shouldBe 100.milliseconds
            }
        }

        test("live nodes given one pool share its permits") {
            virtualTime {
                val pool = Pool("live-db", 1)
                val run =
                    live("pooled") {
                        val db = options(pool = pool)
                        val a = db.node("a") { delay(100).let { 1 } }
                        val b = db.node("b") { delay(100).let { 2 } }
                        node("sum", a, b) { x, y -> x + y }
                    }
                run.output shouldBe 3
                run.makespan shouldBe 200.milliseconds
                listOf("a", "b").map { run.outcome(run.dag.node(it)).startOffset } shouldContainExactly
                    listOf(0.milliseconds, 100.milliseconds)
                pool.availablePermits shouldBe 1
            }
        }

        test("a skipped live node skips its dependents, naming it, and the run goes on") {
            virtualTime {
                val run =
                    live("skips") {
                        val guest = node<Int>("loyalty") { skip("guest checkout") }
                        node("points", guest) { it * 2 }
                        node("total") { 5 }
                    }
                run.output shouldBe 5
                run.status(run.dag.node("loyalty")) shouldBe NodeStatus.SKIPPED
                run.status(run.dag.node("points")) shouldBe NodeStatus.SKIPPED
                run.outcome(run.dag.node("points")).error!!.message shouldBe
                    "Node 'points' was skipped: its input 'loyalty' was skipped."
            }
        }

        test("bad live options are refused when declared") {
            virtualTime {
                shouldThrow<DagDefinitionException> {
                    live("bad") { options(timeout = (-1).milliseconds).node { 1 } }
                }
            }
        }
    })
