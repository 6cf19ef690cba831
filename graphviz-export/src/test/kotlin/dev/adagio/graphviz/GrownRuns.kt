package dev.adagio.graphviz

import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.FailurePolicy
import dev.adagio.Node
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.invoke
import kotlinx.coroutines.runBlocking

/** Runs that grew (a map, an include), for the Java tests to draw. */
object GrownRuns {
    /** A map over five ids whose fourth element fails, under CONTINUE: 4 succeeded, 1 failed. */
    @JvmStatic
    fun mapGraph(): Dag<Unit, Int> =
        dag("crawl") {
            val pages = node("list") { listOf(1, 2, 3, 4, 5) }
            val fetched = mapOutcomes("fetched", pages) { id -> if (id == 4) error("page $id is gone") else id }
            node("index", fetched) { all -> all.count { it.getOrNull() != null } }
        }

    @JvmStatic
    fun mapRun(): DagRun<*> = runBlocking { mapGraph().run(Unit, RunOptions(failurePolicy = FailurePolicy.CONTINUE)) }

    /** An order flow that includes a checkout graph. */
    @JvmStatic
    fun includeGraph(): Dag<Unit, String> {
        val checkout =
            dag("checkout") { id: Node<Int> ->
                val order = node("order", id) { "order$it" }
                node("payment", order) { "paid $it" }
            }
        return dag("order flow") {
            val id = node("id") { 7 }
            val paid = include(checkout, id)
            node("mail", paid) { "mailed $it" }
        }
    }

    @JvmStatic
    fun includeRun(): DagRun<*> = runBlocking { includeGraph().run(Unit) }
}
