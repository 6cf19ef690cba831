package dev.adagio.internal

import dev.adagio.DriverStall
import dev.adagio.Messages

/** Bodies that hold the run's driver while other nodes wait: the threshold, and the one report per node and graph. */
internal object Stalls {
    private val logger: System.Logger = System.getLogger("dev.adagio")

    /** How long a body may hold the driver while nodes wait before it counts: 100 ms, or `-Dadagio.driverStallMillis`. */
    val thresholdNanos: Long =
        (
            System
                .getProperty("adagio.driverStallMillis")
                ?.trim()
                ?.toLongOrNull()
                ?.takeIf { it >= 0 } ?: 100L
        ) * 1_000_000

    /** Logs [stall] of node [index] in [graph] (named [graphName]), the first time that node stalls. */
    fun report(
        graph: Graph,
        index: Int,
        graphName: String,
        stall: DriverStall,
    ) {
        if (!graph.stallsReported.add(index)) return
        logger.log(System.Logger.Level.WARNING, Messages.driverStall(stall.node.name, graphName, stall.heldNanos, stall.waiting))
    }
}

/** Ready nodes not yet started. */
internal fun Execution<*, *>.readyCount(): Int = heap?.count() ?: ready.size

/** After a start that suspended: reads the clock, only when other nodes wait, for a body that blocked first. */
internal fun Execution<*, *>.suspendedStart(i: Int) {
    if (readyCount() > 0) checkStall(i, now())
}

/** Records (and reports once per node and graph) that node [i]'s body held the driver until [now] while nodes waited. */
internal fun Execution<*, *>.checkStall(
    i: Int,
    now: Long,
) {
    val held = now - startNanos[i]
    if (held <= stallNanos) return
    val waiting = readyCount()
    if (waiting == 0) return
    val stall = DriverStall(nodeAt(i), held, waiting)
    (stalls ?: ArrayList<DriverStall>(2).also { stalls = it }).add(stall)
    Stalls.report(graph, i, dag.name, stall)
}
