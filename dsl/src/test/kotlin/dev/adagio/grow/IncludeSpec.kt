package dev.adagio.grow

import dev.adagio.Dag
import dev.adagio.InnerNodeFailedException
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeKind
import dev.adagio.NodeOutcome
import dev.adagio.NodeStatus
import dev.adagio.Retry
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.invoke
import dev.adagio.ms
import dev.adagio.now
import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import dev.adagio.run
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlin.time.Duration.Companion.milliseconds

/** A graph used as a node of another: its nodes run inside the outer run, on its one driver. */
class IncludeSpec :
    FunSpec({
        fun checkout(): Dag<Int, String> =
            dag("checkout") { orderId: Node<Int> ->
                val order = node("order", orderId) { id -> delay(10).let { "order$id" } }
                val payment = node("payment", order) { o -> delay(20).let { "paid $o" } }
                node("receipt", order, payment) { o, p -> "$o: $p" }
            }

        test("the inner graph's nodes run in the outer run, reachable by path, and its output is the include's value") {
            virtualTime {
                val inner = checkout()
                val outer =
                    dag("order flow") {
                        val id = node("id") { delay(5).let { 7 } }
                        val done = include(inner, id)
                        node("mail", done) { r -> "mailed $r" }
                    }
                val run = outer.run(Unit)
                run.output shouldBe "mailed order7: paid order7"
                val d = run.dag
                d.node("checkout").kind shouldBe NodeKind.INCLUDE
                d.includedGraph(d.node("checkout")) shouldBe inner
                d.partsOf(d.node("checkout")).map { it.name } shouldContainExactly
                    listOf("checkout/input", "checkout/order", "checkout/payment", "checkout/receipt")
                run.outcome(d.node("checkout/payment")).startNanos.ms shouldBe 15
                run.outcome(d.node("checkout/payment")).endNanos.ms shouldBe 35
                run.outcome(d.node("checkout")).endNanos.ms shouldBe 35
                run.outcome(d.node("mail")).startNanos.ms shouldBe 35
                d.parentOf(d.node("checkout/order")) shouldBe d.node("checkout")
                now shouldBe 35
            }
        }

        test("an inner failure fails the include, naming the inner node, and cancels the rest of the run") {
            virtualTime {
                val inner =
                    dag("payment") { amount: Node<Int> ->
                        val charge = node("charge", amount) { a -> delay(10).also { error("declined $a") } }
                        node("notify", charge) { it }
                    }
                val outer =
                    dag("shop") {
                        val slow = node("slow") { delay(1_000) }
                        val amount = node("amount") { 5 }
                        val paid = include("pay", inner, amount)
                        node("ship", paid, slow) { _, _ -> "shipped" }
                    }
                val failure = shouldThrow<NodeFailedException> { outer.run(Unit) }
                failure.nodeName shouldBe "pay/charge"
                failure.cause!!.message shouldBe "declined 5"
                val run = failure.run
                run.status(run.dag.node("pay")) shouldBe NodeStatus.FAILED
                run
                    .outcome(run.dag.node("pay"))
                    .error
                    .shouldBeInstanceOf<InnerNodeFailedException>()
                    .nodeName shouldBe "pay/charge"
                run.status(run.dag.node("slow")) shouldBe NodeStatus.CANCELLED
                now shouldBe 10
            }
        }

        test("the inner graph's policies are kept, and the outer run's listeners see its nodes") {
            virtualTime {
                var tries = 0
                val inner =
                    dag("flaky") {
                        node("call") {
                            tries++
                            if (tries < 2) error("flake")
                            "ok"
                        }.retry(Retry.fixed(2, 10.milliseconds))
                    }
                val seen = mutableListOf<String>()
                val listener =
                    object : RunListener {
                        override fun onNodeStarted(
                            run: RunInfo,
                            node: dev.adagio.Node<*>,
                            atNanos: Long,
                        ) {
                            seen += "start ${node.name}"
                        }

                        override fun onNodeFinished(
                            run: RunInfo,
                            outcome: NodeOutcome<*>,
                        ) {
                            seen += "end ${outcome.node.name}"
                        }
                    }
                val outer = dag("outer") { include(inner) }
                val run = outer.run(Unit, RunOptions(listeners = listOf(listener)))
                run.output shouldBe "ok"
                run.outcome(run.dag.node("flaky/call")).attempts shouldBe 2
                seen shouldContainExactly listOf("start flaky", "start flaky/call", "end flaky/call", "end flaky")
            }
        }

        test("three levels of nesting") {
            virtualTime {
                val level3 = dag("c") { x: Node<Node3> -> node("leaf", x) { it.v + 1 } }
                val level2 = dag("b") { x: Node<Node3> -> include(level3, x) }
                val level1 =
                    dag("a") { x: Node<Int> ->
                        val wrapped = node("wrap", x) { Node3(it) }
                        include(level2, wrapped)
                    }
                val outer = dag("top") { node("n") { 41 }.let { include(level1, it) } }
                val run = outer.run(Unit)
                run.output shouldBe 42
                run.dag.node("a/b/c/leaf").name shouldBe "a/b/c/leaf"
                run.dag.parentOf(run.dag.node("a/b/c/leaf")) shouldBe run.dag.node("a/b/c")
            }
        }

        test("cancelling the caller cancels the included nodes and leaves nothing running") {
            virtualTime {
                val inner = dag("inner") { node("long") { delay(10_000) } }
                val outer = dag("outer") { include(inner) }
                val caller = launch { outer.run(Unit) }
                delay(50)
                caller.cancel()
                caller.join()
                caller.children.count() shouldBe 0
                now shouldBe 50
            }
        }
    })

data class Node3(
    val v: Int,
)
