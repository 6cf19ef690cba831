package dev.adagio.card

import dev.adagio.Dag
import dev.adagio.DagDefinition
import dev.adagio.DagDefinitionException
import dev.adagio.FailurePolicy
import dev.adagio.Node
import dev.adagio.NodeStatus
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.invoke
import dev.adagio.run
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.delay

/** async-dag's shape: one source, three end nodes, each read typed after the run. */
private object Report : DagDefinition<Int>("report") {
    val rows by node(input) { n -> List(n) { it + 1 } }
    val total by node(rows) { it.sum() }
    val count by node(rows) { it.size }
    val label by node(total, count) { t, c -> "$c rows, total $t" }
}

private object Slow : DagDefinition<Unit>() {
    val fast by node {
        delay(10)
        "fast"
    }
    val slow by node {
        delay(500)
        7
    }
    val both by node(fast, slow) { f, s -> "$f/$s" }
}

private object Late : DagDefinition<Unit>("late") {
    val a by node { 1 }
}

/**
 * The design card's literal shape, whose block ends with a declaration, and graphs without an output
 * node: every node runs and the nodes are read with typed handles.
 */
class CardWithoutOutputSpec :
    FunSpec({
        test("the design card compiles as written, its block ending with a declaration, and runs every node") {
            virtualTime {
                val card =
                    dag {
                        val a = node { 1 }
                        val b = node(a) { x -> x + 1 }
                    }
                val typed: Dag<Unit, Unit> = card
                typed.hasOutput shouldBe false
                card.nodes.map { it.name } shouldContainExactly listOf("input", "node1", "node2")
                val run = card.run()
                run.output shouldBe Unit
                run.outcomes.map { it.status }.distinct() shouldContainExactly listOf(NodeStatus.SUCCEEDED)
                run[card.node("node2")] shouldBe 2
                shouldThrow<IllegalStateException> { card.output }.message shouldContain "has no output node"
            }
        }

        test("a block that ends with a node still gives that node's type, nested generic calls and all") {
            virtualTime {
                val graph =
                    dag {
                        val a = node { listOf(1, 2) }
                        node(a) { xs -> xs.map { "n=$it" }.filter { it.isNotEmpty() } }
                    }
                val typed: Dag<Unit, List<String>> = graph
                typed.hasOutput shouldBe true
                graph().shouldContainExactly("n=1", "n=2")
                val ifElse =
                    dag {
                        val a = node { 2 }
                        if (true) node(a) { it * 2 } else node(a) { it * 3 }
                    }
                val typedIf: Dag<Unit, Int> = ifElse
                typedIf() shouldBe 4
            }
        }

        test("a definition object exposes several typed results, its nodes named after its properties") {
            virtualTime {
                Report.dag.nodes.map { it.name } shouldContainExactly listOf("input", "rows", "total", "count", "label")
                val run = Report.dag.run(4)
                val total: Int = run[Report.total]
                val count: Int = run[Report.count]
                val label: String = run[Report.label]
                total shouldBe 10
                count shouldBe 4
                label shouldBe "4 rows, total 10"
                Report.dag.leaves shouldContainExactly listOf(Report.label)
            }
        }

        test("a definition's targets run only what they need, in virtual time") {
            virtualTime {
                val run = Slow.dag.run(Unit, targets = listOf(Slow.fast))
                run[Slow.fast] shouldBe "fast"
                run.status(Slow.slow) shouldBe NodeStatus.NOT_STARTED
                run.makespan.inWholeMilliseconds shouldBe 10
                Slow.dag.run()[Slow.both] shouldBe "fast/7"
            }
        }

        test("a definition refuses a node declared after its graph was built, naming where to declare") {
            Late.dag.nodes.size shouldBe 2
            shouldThrow<DagDefinitionException> { Late.node { 2 } }.message shouldContain
                "declare every node and edge in the definition's body"
        }

        test("CONTINUE on a graph without output returns the run, with its failures listed") {
            virtualTime {
                val graph =
                    dag("partial") {
                        val ok = node("ok") { 1 }
                        val bad = node<Int>("bad") { error("down") }
                        val after = node("after", ok) { it + 1 }
                    }
                val run = graph.run(Unit, RunOptions(failurePolicy = FailurePolicy.CONTINUE))
                run.failures.map { it.node.name } shouldContainExactly listOf("bad")
                run[graph.node("after")] shouldBe 2
            }
        }

        test("a graph with an input still ends with its output node") {
            virtualTime {
                val double = dag { x: Node<Int> -> node(x) { it * 2 } }
                double(4) shouldBe 8
            }
        }
    })
