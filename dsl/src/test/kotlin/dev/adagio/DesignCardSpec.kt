package dev.adagio

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.IOException

/** The design card's shape compiles as written; names are optional, and properties name their nodes. */
class DesignCardSpec :
    FunSpec({
        test("the design card's shape runs with no graph name and no node names; the block's last node is the output") {
            virtualTime {
                val graph =
                    dag {
                        val a = node { 1 }
                        node(a) { it + 1 }
                    }
                graph.name shouldBe "dag"
                graph.nodes.map { it.name } shouldContainExactly listOf("input", "node1", "node2")
                graph.run(Unit).output shouldBe 2
            }
        }

        test("a nameless graph with an input") {
            virtualTime {
                val double =
                    dag { x: Node<Int> ->
                        node(x) { it * 2 }
                    }
                double(21) shouldBe 42
                double.name shouldBe "dag"
            }
        }

        test("a block that returns a node keeps the node's type as the output type") {
            virtualTime {
                val graph: Dag<Unit, String> =
                    dag {
                        val a = node { 20 }
                        node(a) { "n=$it" }
                    }
                graph(Unit) shouldBe "n=20"
            }
        }

        test("a node declared with a property delegate takes the property's name, in runs and errors too") {
            virtualTime {
                val checkout =
                    dag("checkout") { orderId: Node<Int> ->
                        val order by node(orderId) { it * 2 }
                        val price by node(order) { it + 1 }
                        price
                    }
                checkout.nodes.map { it.name } shouldContainExactly listOf("input", "order", "price")
                val run = checkout.run(3)
                run.output shouldBe 7
                run.outcome(checkout.node("order")).value shouldBe 6
                val failing =
                    dag {
                        val audit by node { throw IOException("disk full") }
                        audit
                    }
                shouldThrow<NodeFailedException> { failing.run(Unit) }.nodeName shouldBe "audit"
            }
        }

        test("a named node keeps its name under a property delegate") {
            val graph =
                dag {
                    val a by node("explicit") { 1 }
                    a
                }
            graph.nodes.map { it.name } shouldContainExactly listOf("input", "explicit")
        }

        test("made-up names stay unique, and a property that repeats a name is refused with the usual message") {
            val graph =
                dag {
                    node("node2") { 1 }
                    node { 2 }
                }
            graph.nodes.map { it.name } shouldContainExactly listOf("input", "node2", "node2_2")
            shouldThrow<DagDefinitionException> {
                dag {
                    node("price") { 1 }
                    val price by node { 2 }
                    price
                }
            }.message shouldContain "already has a node named 'price'"
        }

        test("nameless blocking nodes are named after their kind") {
            virtualTime {
                val graph =
                    dag {
                        val a = blockingNode { 1 }
                        val total by blockingNode(a) { it + 1 }
                        total
                    }
                graph.nodes.map { it.name } shouldContainExactly listOf("input", "blocking1", "total")
                graph.run(Unit).output shouldBe 2
            }
        }

        test("a fallback's type is the node's own: fallbackValue and fallback are members taking the node's T, so they cannot widen it") {
            // `node { 1 }.fallbackValue("oops")` must not compile. An extension `fun <T> Node<T>.fallbackValue(value: T)`
            // lets Kotlin infer T = Any (Node is covariant); a member's T is fixed by the receiver.
            Node::class.java.methods
                .single { it.name == "fallbackValue" }
                .genericParameterTypes
                .single()
                .toString() shouldBe "T"
            // Two forms of `fallback`: a Kotlin function, synthetic so Java does not see it, and the
            // java.util.function.Function that Java sees.
            val (hidden, visible) =
                Node::class.java.methods
                    .filter { it.name == "fallback" }
                    .partition { it.isSynthetic }
            hidden.single().parameterTypes.single() shouldBe Function1::class.java
            visible
                .single()
                .genericParameterTypes
                .single()
                .toString() shouldContain "? extends T"

            fun quoteService(): Int = throw IOException("down")
            virtualTime {
                val graph =
                    dag {
                        val quote = node { quoteService() }.fallbackValue(100)
                        node(quote) { it + 1 }
                    }
                graph.run(Unit).output shouldBe 101
            }
        }
    })
