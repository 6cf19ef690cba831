package dev.adagio.stream

import dev.adagio.Messages

/**
 * One node's statistics. Two counts of what came in, because they differ once a run halts: [arrived]
 * counts the items that reached the node's buffer (async-graph-data-flow's "in"), [taken] those a worker
 * took from it to process. Then [emitted], [failed], [queued] (arrived, not yet taken) and [busy].
 */
public class NodeStats internal constructor(
    /** The node. */
    public val node: StreamNode<*>,
    /** Items that reached the node's buffer (start items included); 0 for a source. */
    public val arrived: Long,
    /** Items a worker took from the buffer to process. */
    public val taken: Long,
    /** Items the node emitted (for a sink, items it consumed without error). */
    public val emitted: Long,
    /** Items whose processing threw (for a source: 1 when its body threw). */
    public val failed: Long,
    /** Items waiting in the node's buffer: arrived, not yet taken. */
    public val queued: Long,
    /** Workers processing an item now. */
    public val busy: Int,
    /** The first errors (up to 100), in the order they happened. */
    public val keptErrors: List<Throwable>,
) {
    override fun toString(): String =
        "${node.name}: arrived $arrived, taken $taken, emitted $emitted, failed $failed, queued $queued, busy $busy"
}

/** What one edge carried: [carried] items went over it, [refused] were emitted by its node but not sent over it (its filter or its node's router said no). */
public class EdgeStats internal constructor(
    /** The edge. */
    public val edge: StreamEdge,
    /** Items sent over the edge. */
    public val carried: Long,
    /** Items its emitting node emitted that the edge did not take. */
    public val refused: Long,
) {
    override fun toString(): String = "$edge: carried $carried, refused $refused"
}

/** A node with the FAIL_FAST policy failed: the whole stream graph was stopped. [run] has the statistics. */
public class StreamFailedException internal constructor(
    /** The node that failed. */
    public val nodeName: String,
    cause: Throwable,
    /** The run, stopped. */
    public val run: StreamRun,
) : RuntimeException(Messages.streamFailed(nodeName, cause), cause)
