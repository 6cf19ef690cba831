package dev.adagio.examples

import dev.adagio.Dag
import dev.adagio.FailurePolicy
import dev.adagio.Node
import dev.adagio.Pool
import dev.adagio.Retry
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.invoke
import kotlinx.coroutines.delay
import java.io.IOException
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds

/**
 * Execution policies on a checkout that calls flaky services under limits:
 * - `order`, `stock` and `history` share a database pool of 2 permits (across every run);
 * - `quote` fails twice, then succeeds: a timeout per attempt and exponential retries get it through;
 * - `promo` is too slow: its timeout fires and its fallback value stands in;
 * - `loyalty` skips itself for guests, and `receipt` takes it as an optional input;
 * - a report with the continue policy finishes its healthy sections when one fails.
 */
object PoliciesExample {
    val database = Pool("database", permits = 2)

    fun checkout(quoteFlakes: Int): Dag<Int, String> {
        val quoteCalls = AtomicInteger()
        return dag("checkout-policies") { orderId: Node<Int> ->
            val order = node("order", orderId) { id -> delay(20).let { "order-$id" } }.pool(database)
            val stock = node("stock", orderId) { delay(30).let { 5 } }.pool(database)
            node("history", orderId) { delay(40).let { listOf(1, 2) } }.pool(database)
            val quote =
                node("quote", order) {
                    delay(10)
                    if (quoteCalls.incrementAndGet() <= quoteFlakes) throw IOException("quote service flaked")
                    42
                }.timeout(200.milliseconds).retry(Retry.exponential(3, initialDelay = 10.milliseconds))
            val promo = node("promo", order) { delay(1000).let { 5 } }.timeout(50.milliseconds).fallback { 0 }
            val loyalty = node("loyalty", orderId) { id -> if (id % 2 == 0) skip("guest checkout") else 10 }
            node("receipt", quote, promo, stock, optional(loyalty)) { q, p, s, l ->
                "price ${q - p - l.getOrDefault(0)}, $s in stock"
            }
        }
    }

    val report: Dag<Unit, String> =
        dag("report") {
            val sales = node("sales") { delay(20).let { 100 } }
            val returns = node("returns") { delay(10).let<Unit, Int> { throw IllegalStateException("returns feed is down") } }
            val net = node("net", sales, returns) { s, r -> s - r }
            node("summary", optional(net), sales) { n, s -> "sales $s, net ${n.getOrNull() ?: "unknown"}" }
        }

    /** Runs both and describes what happened. */
    suspend fun describe(): String =
        buildString {
            val run = checkout(quoteFlakes = 2).run(7, RunOptions(maxConcurrency = 3))
            appendLine("  checkout: ${run.output}")
            for (outcome in run.outcomes.drop(1)) {
                append("    ${outcome.node.name.padEnd(8)} ${outcome.status.name.padEnd(9)} attempts ${outcome.attempts}")
                outcome.error?.let { append("  (${it.message})") }
                appendLine()
            }
            // Under CONTINUE the run returns when its output has a value; the failures are listed in it.
            val reportRun = report.run(Unit, RunOptions(failurePolicy = FailurePolicy.CONTINUE))
            appendLine("  report, continue policy: ${reportRun.output}; failed: ${reportRun.failures.joinToString { it.node.name }}")
        }
}
