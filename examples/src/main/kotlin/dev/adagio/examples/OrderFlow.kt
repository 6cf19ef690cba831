package dev.adagio.examples

import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.Node
import dev.adagio.Retry
import dev.adagio.dag
import dev.adagio.invoke
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.milliseconds

/**
 * A graph used as a node of another: the order flow includes the checkout graph, whose nodes run
 * inside the order flow's run (one scope, one cancellation), with their own policies, and show in its
 * outcomes by path (`checkout/payment`).
 */
object OrderFlow {
    data class Receipt(
        val order: Int,
        val paid: Int,
    )

    /** Checkout on its own: price the order and charge it (the charge retried). */
    val checkout: Dag<Int, Receipt> =
        dag("checkout") { orderId: Node<Int> ->
            val price = node("price", orderId) { id -> delay(20).let { id * 100 } }
            val payment = node("payment", price) { amount -> delay(30).let { amount } }.retry(Retry.fixed(2, 5.milliseconds))
            node("receipt", orderId, payment) { id, paid -> Receipt(id, paid) }
        }

    /** The order flow: validate, check out (the included graph), then ship and mail at once. */
    val orderFlow: Dag<Int, String> =
        dag("order flow") { orderId: Node<Int> ->
            val valid = node("validate", orderId) { id -> delay(10).let { id } }
            val receipt = include(checkout, valid)
            val shipped = node("ship", receipt) { r -> delay(40).let { "order ${r.order} shipped" } }
            val mailed = node("mail", receipt) { r -> delay(15).let { "receipt for ${r.paid} mailed" } }
            node("done", shipped, mailed) { s, m -> "$s, $m" }
        }

    suspend fun run(order: Int = 7): DagRun<String> = orderFlow.run(order)
}
