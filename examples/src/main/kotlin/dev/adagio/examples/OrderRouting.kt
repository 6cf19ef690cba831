package dev.adagio.examples

import dev.adagio.stream.StreamRun
import dev.adagio.stream.stream
import java.util.Collections
import kotlin.time.Duration.Companion.milliseconds

/**
 * Routing, filters and batches on a stream (what async-graph-data-flow's issues 10 and 13 asked for):
 * a router sends each order by kind, sales to pricing and refunds to the refund desk, and drops test
 * orders; priced sales go to the ledger, which writes them in batches of 3 (flushed after 50 ms, or at
 * the end), and the large ones also to an audit, over a filtered edge.
 */
object OrderRouting {
    data class Order(
        val id: Int,
        val kind: String,
        val amount: Int,
    )

    /** What the run wrote: the ledger's batches (order ids), the refunds, the audited orders, and the run. */
    class Result(
        val ledgerBatches: List<List<Int>>,
        val refunds: List<Int>,
        val audited: List<Int>,
        val run: StreamRun,
    )

    val orders =
        listOf(
            Order(1, "sale", 20),
            Order(2, "sale", 700),
            Order(3, "refund", 15),
            Order(4, "sale", 35),
            Order(5, "test", 1),
            Order(6, "sale", 1200),
            Order(7, "refund", 900),
            Order(8, "sale", 60),
        )

    suspend fun run(): Result {
        val batches = Collections.synchronizedList(ArrayList<List<Int>>())
        val refunds = Collections.synchronizedList(ArrayList<Int>())
        val audited = Collections.synchronizedList(ArrayList<Int>())
        val graph =
            stream("order-routing") {
                val incoming = source<Order>("orders") { orders.forEach { emit(it) } }
                val pricing = stage("pricing", incoming) { order: Order -> emit(order.copy(amount = order.amount * 120 / 100)) }
                val refundDesk = sink("refund desk", incoming) { order: Order -> refunds += order.id }
                route(incoming) { order ->
                    when (order.kind) {
                        "sale" -> pricing
                        "refund" -> refundDesk
                        else -> null // test orders go nowhere
                    }
                }
                batchSink("ledger", pricing, size = 3, linger = 50.milliseconds) { batch -> batches += batch.map { it.id } }
                sink("audit", pricing.where { it.amount >= 500 }) { order -> audited += order.id }
            }
        return Result(batches, refunds, audited, graph.run())
    }
}
