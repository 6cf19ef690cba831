@file:JvmName("Timelines")

package dev.adagio.examples

import dev.adagio.DagRun
import dev.adagio.NodeKind
import dev.adagio.NodeStatus

/** Renders a run as a text timeline: one row per node, a bar from its start to its end. */
@JvmOverloads
fun timeline(
    run: DagRun<*>,
    width: Int = 48,
): String {
    val rows = run.outcomes.filter { it.node.kind != NodeKind.INPUT && it.status != NodeStatus.NOT_STARTED }
    val span = maxOf(run.makespanNanos, 1)
    val nameWidth = rows.maxOfOrNull { it.node.name.length } ?: 0
    return buildString {
        for (row in rows.sortedWith(compareBy({ it.startNanos }, { it.node.index }))) {
            val from = (row.startNanos * width / span).toInt()
            val to = maxOf(from + 1, (row.endNanos * width / span).toInt())
            append("  ").append(row.node.name.padEnd(nameWidth)).append(" |")
            append(" ".repeat(from)).append("#".repeat(to - from)).append(" ".repeat(width - to)).append("| ")
            append("%5d ms -> %5d ms".format(row.startNanos / 1_000_000, row.endNanos / 1_000_000))
            if (row.status != NodeStatus.SUCCEEDED) append("  ").append(row.status)
            append('\n')
        }
        append("  makespan ").append(run.makespanNanos / 1_000_000).append(" ms\n")
    }
}
