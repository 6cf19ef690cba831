package dev.adagio

import kotlin.properties.ReadOnlyProperty
import kotlin.reflect.KProperty

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
    name: String,
    /** What kind of work the node does. */
    public val kind: NodeKind,
    /** Whether this handle is `optional(node)`: an input taken as a [OptionalInput]. */
    internal val optional: Boolean = false,
) {
    /**
     * The node's name, unique within its graph: the one given, the property's for a node declared with
     * `val x by node { … }`, or else its kind and declaration index (`node3`, `blocking4`).
     */
    public var name: String = name
        internal set

    /** The name of the graph this node belongs to. */
    public val graphName: String get() = graph.name

    /**
     * Turns this node's failure (after its retries) into success with the value [recover] computes from
     * the error, while its graph is being declared. The run result keeps the error in the node's outcome
     * and marks it recovered. Cancellation and skips are not failures and are not recovered.
     *
     * A member rather than an extension, so the value's type is the node's: `node { 1 }.fallback { "oops" }`
     * does not compile, where an extension would widen the node to `Node<Any>`.
     */
    @AdagioInteropApi
    public fun fallback(recover: java.util.function.Function<in Throwable, out @UnsafeVariance T>): Node<T> = javaFallback(recover)

    private fun javaFallback(recover: java.util.function.Function<in Throwable, out @UnsafeVariance T>): Node<T> {
        val builder = graph.builder ?: throw DagDefinitionException(Messages.builderClosed(graph.name, Messages.DECLARE_BEFORE_BUILD))
        builder.setFallback(this, recover)
        return this
    }

    /**
     * Turns this node's failure (after its retries) into success with the value [recover] computes from
     * the error; see the other `fallback`. (Hidden from Java, which calls the `java.util.function` form.)
     */
    @JvmSynthetic
    public fun fallback(recover: (Throwable) -> @UnsafeVariance T): Node<T> = javaFallback(java.util.function.Function { recover(it) })

    /** Turns this node's failure (after its retries) into success with [value]; see [fallback]. */
    public fun fallbackValue(value: @UnsafeVariance T): Node<T> = fallback { _: Throwable -> value }

    /**
     * Names a node declared without a name after the property it is declared with:
     * `val price by node(order) { o -> o.total }` declares the node `price`. A node given a name keeps it,
     * and so does a node of a graph already built.
     *
     * @throws DagDefinitionException when the graph already has a node with the property's name.
     */
    @JvmSynthetic
    public operator fun provideDelegate(
        thisRef: Any?,
        property: KProperty<*>,
    ): ReadOnlyProperty<Any?, Node<T>> {
        graph.builder?.nameAfterProperty(index, property.name)
        return ReadOnlyProperty { _, _ -> this }
    }

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

    /**
     * A map: one element node per item of its input list, each running the map's body, added to the run
     * when the list is ready (`fetched[0]`, `fetched[1]`, …); its value is the list of their values.
     */
    MAP,

    /**
     * Another graph included as a node: its nodes are added to the run under this node's name
     * (`checkout/payment`) when its input is ready; its value is that graph's output.
     */
    INCLUDE,
}

/** The identity of one graph, shared by its builder, its handles and its definition. */
internal class GraphId(
    val name: String,
) {
    /** The builder while the graph is being declared (for property-delegated names); null once built. */
    @Volatile var builder: GraphBuilder<*>? = null

    override fun toString(): String = name
}
