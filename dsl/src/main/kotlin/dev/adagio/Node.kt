package dev.adagio

/**
 * A typed handle to one node of one graph.
 *
 * A handle is produced by a [DagBuilder] and belongs to the graph that builder builds: passing it to
 * another graph's builder, definition or run result is an error that names both graphs. Handles compare
 * by identity.
 *
 * @param T the type of the value the node produces.
 */
public class Node<out T> internal constructor(
    internal val graph: GraphId,
    /** The node's position in declaration order, starting at 0 with the input node. */
    public val index: Int,
    /** The node's name, unique within its graph. */
    public val name: String,
    /** What kind of work the node does. */
    public val kind: NodeKind,
    /** Whether this handle is `optional(node)`: an input taken as a [NodeResult]. */
    internal val optional: Boolean = false,
) {
    /** The name of the graph this node belongs to. */
    public val graphName: String get() = graph.name

    override fun toString(): String = if (optional) "optional(Node($name))" else "Node($name)"
}

/** The kinds of node a graph can hold. */
public enum class NodeKind {
    /** The run's input: its value is the argument the run was started with. */
    INPUT,

    /** A suspending body, run in the run's coroutine context. */
    SUSPEND,

    /** A blocking body, run on a dispatcher for blocking work and interrupted when cancelled. */
    BLOCKING,

    /** A reactive graph's source: its value is the latest item of its flow (see `dev.adagio.reactive`). */
    SOURCE,
}

/** The identity of one graph, shared by its builder, its handles and its definition. */
internal class GraphId(
    val name: String,
) {
    override fun toString(): String = name
}
