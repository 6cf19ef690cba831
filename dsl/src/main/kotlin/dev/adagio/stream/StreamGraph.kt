package dev.adagio.stream

import dev.adagio.AdagioInteropApi
import dev.adagio.DagDefinitionException
import dev.adagio.FailurePolicy
import dev.adagio.Messages
import dev.adagio.internal.dispatcherFor
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.future.future
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor
import kotlin.contracts.ExperimentalContracts
import kotlin.contracts.InvocationKind
import kotlin.contracts.contract

/**
 * Builds a stream graph (async-graph-data-flow's model): sources emit items, stages take one item and
 * emit any number, sinks consume. Every item a node emits goes to every node downstream of it, unless
 * an edge filters ([StreamNode.where]) or the node routes ([StreamBuilder.route]); batch stages and
 * sinks take their items in lists ([StreamBuilder.batchStage]).
 *
 * ```
 * val etl = stream("etl") {
 *     val extract = source<String>("extract") { emit("hello"); emit("world") }
 *     val transform = stage("transform", extract) { word: String -> emit(word.replaceFirstChar(Char::titlecase)) }
 *     sink("load", transform) { word -> println(word) }
 * }
 * val run = etl.run()
 * ```
 *
 * Each stage and sink has a bounded input buffer ([buffer][StreamBuilder.stage] items; an emitter waits
 * while it is full, which is the back-pressure) and `workers` coroutines taking items from it. The run
 * ends when every source is done and no item is queued or being processed, whatever the order the nodes
 * were declared or connected in.
 *
 * **Errors halt by default.** A stage or sink whose body throws stops the whole graph
 * ([FailurePolicy.FAIL_FAST], `StreamFailedException`), where async-graph-data-flow logs the error and
 * carries on. [onError] sets the policy of every stage and sink declared without one;
 * `stream("etl", onError = FailurePolicy.CONTINUE) { … }` counts errors (`NodeStats.failed`) and goes
 * on, as the Python library does. A node's own `onError` wins over the graph's.
 */
@OptIn(ExperimentalContracts::class)
@JvmSynthetic
public fun stream(
    name: String,
    onError: FailurePolicy = FailurePolicy.FAIL_FAST,
    block: StreamBuilder.() -> Unit,
): StreamGraph {
    contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
    return StreamBuilder(name, Messages.DECLARE_IN_STREAM_BLOCK, onError).apply(block).build()
}

/** An immutable stream graph; run it any number of times. */
public class StreamGraph internal constructor(
    /** The graph's name. */
    public val name: String,
    internal val token: Any,
    internal val specs: List<StreamNodeSpec>,
    /** Every node, in declaration order. */
    public val nodes: List<StreamNode<*>>,
) {
    /** The node called [name]. */
    public fun node(name: String): StreamNode<*> =
        nodes.firstOrNull { it.name == name } ?: throw NoSuchElementException(Messages.unknownNode(this.name, name))

    /** The nodes [node] takes items from. */
    public fun inputs(node: StreamNode<*>): List<StreamNode<*>> = specs[own(node)].inputs.map { nodes[it] }

    /** The number of workers of [node] (0 for sources). */
    public fun workers(node: StreamNode<*>): Int = specs[own(node)].workers

    /** The buffer size of [node]: items that may wait for its workers (0 for sources). */
    public fun buffer(node: StreamNode<*>): Int = specs[own(node)].buffer

    /** What [node] does when its body throws on an item: halt the graph, or count the error and go on. */
    public fun errorPolicy(node: StreamNode<*>): FailurePolicy = specs[own(node)].policy

    /** How [node] groups its items when it is a batch stage or sink; null when it takes one item at a time. */
    public fun batching(node: StreamNode<*>): Batching? = specs[own(node)].batching

    /** Whether [node] has a router ([StreamBuilder.route]), which picks the one edge each of its items takes. */
    public fun isRouted(node: StreamNode<*>): Boolean = specs[own(node)].router != null

    /**
     * Every edge, in declaration order of its consumer, then of its inputs; each says whether it is
     * filtered and whether its emitting node routes.
     */
    public val edges: List<StreamEdge> by lazy(LazyThreadSafetyMode.PUBLICATION) {
        specs.indices.flatMap { to ->
            specs[to].inputs.mapIndexed { k, from ->
                StreamEdge(nodes[from], nodes[to], specs[to].filters[k] != null, specs[from].router != null)
            }
        }
    }

    internal fun own(node: StreamNode<*>): Int {
        if (node.graph !== token) throw DagDefinitionException(Messages.streamForeign(node.name, name))
        return node.index
    }

    /**
     * A new, not yet started run, whose statistics can be read while it goes on.
     *
     * [start] chooses where the run starts (async-graph-data-flow's `start`). When it is empty, every
     * source runs, without arguments. Otherwise only the nodes it names start: a source runs with its
     * list as its arguments (`SourceScope.arguments`), a stage or a sink receives its list as items, as
     * if an upstream node had emitted them. Sources it does not name do not run (their statistics read
     * 0), so neither does anything upstream of a node it starts, unless started itself.
     *
     * @throws DagDefinitionException when [start] names a node of another graph.
     */
    public fun newRun(
        start: Map<StreamNode<*>, List<Any?>> = emptyMap(),
        listeners: List<StreamListener> = emptyList(),
    ): StreamRun = StreamRun(this, start, listeners)

    /**
     * Runs the graph until every source is done and every item has been processed; returns the run with
     * its statistics.
     *
     * A body's failure is whatever it throws except the run's own cancellation (its own
     * `CancellationException` included); an item is done when its body and the coroutines it launched
     * are, and a source when its body and its coroutines are. Once the run halts or is cancelled, no
     * body starts on any item.
     *
     * @throws StreamFailedException when a node with the FAIL_FAST policy fails (the whole graph is stopped).
     * @throws DagDefinitionException when [start] names a node of another graph.
     */
    @JvmSynthetic
    public suspend fun run(
        start: Map<StreamNode<*>, List<Any?>> = emptyMap(),
        listeners: List<StreamListener> = emptyList(),
    ): StreamRun = newRun(start, listeners).also { it.execute() }

    /**
     * Starts a run from outside coroutines (Java) on [executor] (`Dispatchers.Default` when null). The
     * future completes with the run when it is done, exceptionally with [StreamFailedException] when a
     * node halts it; cancelling the future stops every source and worker.
     */
    @JvmOverloads
    @AdagioInteropApi
    public fun runAsync(
        start: Map<StreamNode<*>, List<Any?>> = emptyMap(),
        executor: Executor? = null,
        listeners: List<StreamListener> = emptyList(),
    ): CompletableFuture<StreamRun> = CoroutineScope(dispatcherFor(executor)).future { run(start, listeners) }

    override fun toString(): String = "StreamGraph($name: ${nodes.size} nodes)"
}
