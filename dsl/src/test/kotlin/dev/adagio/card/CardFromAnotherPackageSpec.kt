package dev.adagio.card

import dev.adagio.DagDefinitionException
import dev.adagio.Pool
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.observe.ProgressReporter
import dev.adagio.run
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.delay

/**
 * What a user's own package sees, importing only `dev.adagio.dag`: nameless nodes, property names and
 * blocking nodes are members, so no extension import is needed.
 */
class CardFromAnotherPackageSpec :
    FunSpec({
        test("the card's shape, property-named nodes and every blocking arity compile with only `dag` imported") {
            virtualTime {
                val graph =
                    dag {
                        val a = node { 1 }
                        val b by node(a) { it + 1 }
                        val c = blockingNode(a, b) { x, y -> x + y }
                        val d = blockingNode(a, b, c) { x, y, z -> x + y + z }
                        val e by blockingNode(a, b, c, d) { w, x, y, z -> w + x + y + z }
                        blockingNode(listOf(a, e)) { it.sum() }
                    }
                graph.nodes.map { it.name } shouldContainExactly listOf("input", "node1", "b", "blocking3", "blocking4", "e", "blocking6")
                graph.run(Unit).output shouldBe 13
            }
        }

        test("ProgressReporter takes its update as a trailing lambda, as documented") {
            virtualTime {
                val updates = mutableListOf<String>()
                val progress = ProgressReporter { updates += it.toString() }
                dag {
                    val a = node { 1 }
                    node(a) { it + 1 }
                }.run(Unit, RunOptions(listeners = listOf(progress)))
                updates.size shouldBe 2
                progress.snapshot().done shouldBe 2
            }
        }

        test("two Pool objects with one name in one graph are refused: they would not limit each other") {
            val message =
                shouldThrow<DagDefinitionException> {
                    dag("orders") {
                        val a = node { 1 }.pool(Pool("db", 1))
                        node(a) { it + 1 }.pool(Pool("db", 1))
                    }
                }.message!!
            message shouldContain "two different Pool objects named 'db'"
            val shared = Pool("db", 1)
            dag {
                val a = node { 1 }.pool(shared)
                node(a) { it + 1 }.pool(shared)
            }.nodes.size shouldBe 3
        }

        test("the README's Kotlin quick start runs as written") {
            virtualTime {
                val greet =
                    dag {
                        val name by node {
                            delay(100)
                            "Ada"
                        }
                        val greeting by node {
                            delay(100)
                            "Hello"
                        }
                        node(greeting, name) { g, n -> "$g, $n!" }
                    }
                val run = greet.run()
                run.output shouldBe "Hello, Ada!"
                run.outcomes.drop(1).map { it.toString() } shouldContainExactly
                    listOf(
                        "name: SUCCEEDED [at 0 ms, took 100 ms]",
                        "greeting: SUCCEEDED [at 0 ms, took 100 ms]",
                        "node3: SUCCEEDED [at 100 ms, took 0 ms]",
                    )
            }
        }
    })
