package dev.adagio.stream

import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds

/**
 * An edge of a stream graph: [from] sends the items it emits to [to], every item unless the edge is
 * [filtered] (only those its predicate accepts) or [from] is [routed] (only those its router sends here).
 */
public class StreamEdge internal constructor(
    /** The emitting node. */
    public val from: StreamNode<*>,
    /** The receiving node. */
    public val to: StreamNode<*>,
    /** Whether the edge carries only the items its predicate accepts (declared with [StreamNode.where]). */
    public val filtered: Boolean = false,
    /** Whether [from] has a router, which sends each item to one of its edges or none ([StreamBuilder.route]). */
    public val routed: Boolean = false,
) {
    override fun equals(other: Any?): Boolean = other is StreamEdge && other.from === from && other.to === to

    override fun hashCode(): Int = 31 * from.hashCode() + to.hashCode()

    override fun toString(): String = "${from.name} -> ${to.name}"
}

/** The role of a stream node. */
public enum class StreamNodeKind { SOURCE, STAGE, SINK }

/**
 * Where a stage or a sink takes items from: a node (every item it emits), or a node's items that pass a
 * filter (`node.where { … }`). Pass either wherever a stage, a sink or [StreamBuilder.connect] takes an input.
 */
public sealed interface StreamInput<out T> {
    /** The node the items come from. */
    public val node: StreamNode<T>
}

/** A node's items that pass [predicate]: the input of one filtered edge. */
internal class FilteredInput<out T>(
    override val node: StreamNode<T>,
    val predicate: (Any?) -> Boolean,
) : StreamInput<T> {
    override fun toString(): String = "${node.name} where …"
}

/** A typed handle to one node of one stream graph; [T] is the type of the items it emits. */
public class StreamNode<out T> internal constructor(
    internal val graph: Any,
    /** The node's position in declaration order. */
    public val index: Int,
    /** The node's name, unique in its graph. */
    public val name: String,
    /** Source, stage or sink. */
    public val kind: StreamNodeKind,
) : StreamInput<T> {
    /** This node itself: as an input, it sends every item it emits. */
    override val node: StreamNode<T> get() = this

    /**
     * This node's items that pass [predicate], as the input of one edge: `sink("big", numbers.where { it > 9 }) { … }`.
     * The other edges of this node are not affected; an item no edge accepts is dropped (counted as refused
     * in each edge's [EdgeStats]). The predicate runs in the emitting body's `emit`, so what it throws fails
     * the emitting item.
     */
    @JvmSynthetic
    public fun where(predicate: (T) -> Boolean): StreamInput<T> =
        FilteredInput(this) { item ->
            @Suppress("UNCHECKED_CAST")
            predicate(item as T)
        }

    override fun toString(): String = "StreamNode($name)"
}

/**
 * How a batch stage or sink groups its items: lists of up to [size] items, handed over when full, when
 * [linger] has passed since a list's first item, or when the node's inputs end (the last list may be shorter).
 */
public class Batching internal constructor(
    /** The most items in one list. */
    public val size: Int,
    /** How long a list waits for more items after its first, in nanoseconds; `Long.MAX_VALUE` waits for a full list or the end. */
    public val lingerNanos: Long,
) {
    /** How long a list waits for more items after its first; [Duration.INFINITE] waits for a full list or the end. */
    @get:JvmSynthetic
    public val linger: Duration get() = if (lingerNanos == Long.MAX_VALUE) Duration.INFINITE else lingerNanos.nanoseconds

    override fun toString(): String = "Batching(size $size, linger $linger)"
}
