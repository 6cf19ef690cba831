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
