package dev.adagio.observe

import dev.adagio.DagRun
import dev.adagio.NodeKind
import dev.adagio.dag
import dev.adagio.internal.Errors

/**
 * Exports a finished run as Chrome / Perfetto trace-event JSON: open the file in `ui.perfetto.dev` or
 * `chrome://tracing` to see each node as a bar on a timeline.
 *
 * Nodes are laid out in lanes, one track per lane: a node goes into the lowest lane that is free when it
 * starts, so lanes show how many nodes ran at once. Each bar is named after its node and carries its
 * status, attempts and error (if any) as arguments. Nodes that never started are left out.
 *
 * ```
 * File("run.trace.json").writeText(RunTrace.chromeTrace(run))
 * ```
 */
public object RunTrace {
    /**
     * Each node's lane, by node index: a node goes into the lowest lane free when it starts (ties by
     * declaration order), so the number of lanes is the most nodes that ran at once; -1 for the input
     * node and for nodes that never started. The lanes of the trace and of the HTML run report.
     */
    @JvmStatic
    public fun lanes(run: DagRun<*>): List<Int> {
        val lane = IntArray(run.outcomes.size) { -1 }
        val laneEnds = ArrayList<Long>()
        for (outcome in startedInOrder(run)) {
            val free = laneEnds.indexOfFirst { it <= outcome.startNanos }
            val chosen = if (free >= 0) free else laneEnds.size.also { laneEnds.add(0) }
            laneEnds[chosen] = outcome.endNanos
            lane[outcome.node.index] = chosen
        }
        return lane.toList()
    }

    private fun startedInOrder(run: DagRun<*>) =
        run.outcomes
            .filter { it.node.kind != NodeKind.INPUT && it.startNanos >= 0 }
            .sortedWith(compareBy({ it.startNanos }, { it.node.index }))

    /** The run as trace-event JSON text. */
    @JvmStatic
    public fun chromeTrace(run: DagRun<*>): String = StringBuilder().also { writeChromeTrace(run, it) }.toString()

    /** Writes the run as trace-event JSON to [out]. */
    @JvmStatic
    public fun writeChromeTrace(
        run: DagRun<*>,
        out: Appendable,
    ) {
        val started = startedInOrder(run)
        val laneOf = lanes(run)
        val lanes = started.map { laneOf[it.node.index] }
        val laneCount = (laneOf.maxOrNull() ?: -1) + 1
        out.append("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n")
        out.append("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":")
        json(out, run.dag.name).append("}}")
        for (lane in 0 until laneCount) {
            out.append(",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":").append((lane + 1).toString())
            out.append(",\"args\":{\"name\":\"lane ").append((lane + 1).toString()).append("\"}}")
        }
        started.forEachIndexed { k, outcome ->
            out.append(",\n{\"name\":")
            json(out, outcome.node.name)
            out
                .append(",\"cat\":\"")
                .append(
                    outcome.node.kind.name
                        .lowercase(),
                ).append("\",\"ph\":\"X\"")
            out.append(",\"ts\":").append(micros(outcome.startNanos))
            out.append(",\"dur\":").append(micros(outcome.durationNanos))
            out.append(",\"pid\":1,\"tid\":").append((lanes[k] + 1).toString())
            out
                .append(
                    ",\"args\":{\"status\":\"",
                ).append(outcome.status.name)
                .append("\",\"attempts\":")
                .append(outcome.attempts.toString())
            outcome.error?.let { error ->
                out.append(",\"error\":")
                json(out, Errors.describe(error))
            }
            out.append("}}")
        }
        out.append("\n]}\n")
    }

    private fun micros(nanos: Long): String = "%d.%03d".format(nanos / 1000, nanos % 1000)

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    private fun json(
        out: Appendable,
        text: String,
    ): Appendable {
        out.append('"')
        for (c in text) {
            when {
                c == '"' -> out.append("\\\"")
                c == '\\' -> out.append("\\\\")
                c == '\n' -> out.append("\\n")
                c == '\r' -> out.append("\\r")
                c == '\t' -> out.append("\\t")
                c < ' ' || c == '\u2028' || c == '\u2029' -> out.append("\\u%04x".format(c.code))
                else -> out.append(c)
            }
        }
        return out.append('"')
    }
}
