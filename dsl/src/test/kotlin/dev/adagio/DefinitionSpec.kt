package dev.adagio

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.delay

class DefinitionSpec :
    FunSpec({
        test("a duplicate node name is refused, naming the graph and the name") {
            val e =
                shouldThrow<DagDefinitionException> {
                    dag("dups") {
                        node("fetch") { 1 }
                        node("fetch") { 2 }
                    }
                }
            e.message shouldContain "Graph 'dups' already has a node named 'fetch'"
        }

        test("the input node's name is taken like any other") {
            shouldThrow<DagDefinitionException> { dag("in") { node("input") { 1 } } }.message shouldContain
                "already has a node named 'input'"
        }

        test("an empty or blank node name is refused") {
            listOf("", "  ").forEach { blank ->
                shouldThrow<DagDefinitionException> { dag("blank") { node(blank) { 1 } } }.message shouldContain
                    "A node name in graph 'blank' is empty, blank or invisible"
            }
        }

        test("a blank graph name is refused") {
            shouldThrow<DagDefinitionException> { dag(" ") { node("a") { 1 } } }.message shouldContain "is empty, blank or invisible"
        }

        test("a handle from another graph is refused, naming both graphs") {
            lateinit var foreign: Node<Int>
            dag("first") { node("a") { 1 }.also { foreign = it } }
            val e = shouldThrow<DagDefinitionException> { dag("second") { node("b", foreign) { it + 1 } } }
            e.message shouldContain "Node 'a' belongs to graph 'first', not to graph 'second'"
        }

        test("a run result refuses a handle from another graph") {
            virtualTime {
                lateinit var foreign: Node<Int>
                dag("first") { node("a") { 1 }.also { foreign = it } }
                val run = dag("second") { node("b") { 2 } }.run()
                shouldThrow<DagDefinitionException> { run[foreign] }.message shouldContain "not to graph 'second'"
            }
        }

        test("an order edge from a node to itself is a cycle of length 1") {
            val e = shouldThrow<DagCycleException> { dag("self") { node("a") { 1 }.let { it.after(it) } } }
            e.path shouldContainExactly listOf("a", "a")
            e.message shouldContain "would close a cycle in graph 'self': a -> a"
        }

        test("a cycle through order and data edges is reported with its path and leaves the graph unchanged") {
            lateinit var error: DagCycleException
            val graph =
                dag("loop") {
                    val a = node("a") { 1 }
                    val b = node("b", a) { it + 1 }
                    val c = node("c", b) { it + 1 }
                    error = shouldThrow<DagCycleException> { a.after(c) }
                    c
                }
            error.path shouldContainExactly listOf("a", "b", "c", "a")
            error.message shouldContain "a -> b -> c -> a"
            graph.orderDependencies(graph.node("a")) shouldBe emptyList()
            graph.edges.map { it.toString() } shouldContainExactly listOf("a --> b", "b --> c")
        }

        test("a cycle of two order edges is reported and the whole after call is undone") {
            lateinit var error: DagCycleException
            val graph =
                dag("two") {
                    val a = node("a") { 1 }
                    val b = node("b") { 2 }
                    val c = node("c") { 3 }
                    b.after(a)
                    error = shouldThrow<DagCycleException> { a.after(c, b) }
                    c
                }
            error.path shouldContainExactly listOf("a", "b", "a")
            graph.orderDependencies(graph.node("a")) shouldBe emptyList()
            graph.dependents(graph.node("c")) shouldBe emptyList()
        }

        test("an order edge to an earlier-declared node is honoured by the topological order and the run") {
            virtualTime {
                val log = EventLog()
                val graph =
                    dag("backwards") {
                        val first = node("declared first") { log.add("first") }
                        val second = node("declared second") { delay(10).also { log.add("second") } }
                        first.after(second)
                        second
                    }
                graph.topologicalOrder.map { it.name } shouldContainExactly listOf("input", "declared second", "declared first")
                graph.run()
                log.toList() shouldContainExactly listOf("second", "first")
            }
        }

        test("a graph can be inspected without running it") {
            val graph =
                dag("shape") { input: Node<Int> ->
                    val a = node("a", input) { it + 1 }
                    val b = node("b", input) { it * 2 }
                    val log = node("log") { }
                    node("sum", a, b) { x, y -> x + y }.after(log)
                }
            graph.name shouldBe "shape"
            graph.nodes.map { it.name } shouldContainExactly listOf("input", "a", "b", "log", "sum")
            graph.nodes.map { it.kind }.toSet() shouldBe setOf(NodeKind.INPUT, NodeKind.SUSPEND)
            graph.input.name shouldBe "input"
            graph.output.name shouldBe "sum"
            graph.edges.map { "${it.from.name}->${it.to.name}:${it.kind}" } shouldContainExactly
                listOf("input->a:DATA", "input->b:DATA", "a->sum:DATA", "b->sum:DATA", "log->sum:ORDER")
            graph.dependencies(graph.output).map { it.name } shouldContainExactly listOf("a", "b", "log")
            graph.orderDependencies(graph.output).map { it.name } shouldContainExactly listOf("log")
            graph.dependents(graph.input).map { it.name } shouldContainExactly listOf("a", "b")
            graph.roots.map { it.name } shouldContainExactly listOf("input", "log")
            graph.leaves.map { it.name } shouldContainExactly listOf("sum")
            graph.topologicalOrder.map { it.name } shouldContainExactly listOf("input", "a", "b", "log", "sum")
            shouldThrow<NoSuchElementException> { graph.node("nope") }.message shouldContain "Graph 'shape' has no node named 'nope'"
        }

        test("blocking nodes are marked as such") {
            val graph = dag("kinds") { blockingNode("io") { 1 } }
            graph.output.kind shouldBe NodeKind.BLOCKING
        }

        test("a builder used after its graph was built refuses new nodes") {
            lateinit var leaked: DagBuilder<Unit>
            dag("leak") {
                leaked = this
                node("a") { 1 }
            }
            shouldThrow<DagDefinitionException> { leaked.node("late") { 2 } }.message shouldContain
                "has already built its graph"
        }

        test("a bad definition never starts a run: errors surface while building") {
            var ran = false
            shouldThrow<DagDefinitionException> {
                dag("never") {
                    node("a") { ran = true }
                    node("a") { ran = true }
                }
            }
            ran shouldBe false
        }
    })
