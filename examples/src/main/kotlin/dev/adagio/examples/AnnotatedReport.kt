package dev.adagio.examples

import dev.adagio.annotated.DagNode
import dev.adagio.annotated.From
import dev.adagio.annotated.Retried
import kotlinx.coroutines.delay

/**
 * A graph declared as annotated methods (dagio's model): `rows` blocks a thread, `totals` and
 * `average` suspend, `flakyExport` is retried; each parameter names the node it takes. Build it with
 * `AnnotatedDags.build(AnnotatedReport())`; running with target `average` runs `rows` and `average`
 * only.
 */
class AnnotatedReport {
    var exportCalls = 0
        private set

    @DagNode
    fun rows(): List<Int> = listOf(3, 5, 8, 13)

    @DagNode
    suspend fun totals(
        @From("rows") rows: List<Int>,
    ): Int = delay(10).let { rows.sum() }

    @DagNode
    suspend fun average(
        @From("rows") rows: List<Int>,
    ): Double = delay(10).let { rows.average() }

    @DagNode
    @Retried(attempts = 3, delayMillis = 5)
    suspend fun flakyExport(
        @From("totals") total: Int,
        @From("average") average: Double,
    ): String {
        if (++exportCalls < 2) throw java.io.IOException("export service flaked")
        return "total $total, average $average"
    }
}
