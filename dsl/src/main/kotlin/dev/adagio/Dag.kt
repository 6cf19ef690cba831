package dev.adagio

import dev.adagio.internal.Execution
import dev.adagio.internal.Graph
import dev.adagio.internal.IncludeInvoker
import dev.adagio.internal.dispatcherFor
import kotlinx.coroutines.Dispatchers
import java.util.concurrent.Executor

/**
 * An immutable, validated graph of asynchronous work, with an input of type [I] and an output of type [O].
 *
 * A `Dag` is built once with [dag] and run any number of times, concurrently too: every run keeps its
 * state to itself. Running starts every node as soon as all its dependencies have succeeded, in the
 * caller's coroutine context (so `runTest` runs it in virtual time), and returns when every node it
 * started has finished.
 *
 * **Failure.** The first node that fails cancels every running node, no further node starts, and the
 * run throws [NodeFailedException] naming the node, with the node's exception as its cause.
 *
 * **Cancellation.** Cancelling the caller cancels every running node; the run returns only when none is
 * still running.
 *
 * `checkout(orderId)` runs it and returns the output (a suspending `invoke`). Java callers run it through
 * the facade (`Dags.of(dag)`), which sees no suspend function: those are hidden from Java.
 */
public class Dag<I, O> internal constructor(
    internal val graph: Graph,
    outputIndex: Int,
) {
    /** The graph's name, shown in errors and diagrams. */
    public val name: String get() = graph.id.name

    /** Every node, in declaration order; the input node comes first. */
    public val nodes: List<Node<*>> get() = graph.nodes

    /** The input node: its value is the argument a run is started with. */
    @Suppress("UNCHECKED_CAST")
    public val input: Node<I> = graph.nodes[0] as Node<I>

    /**
     * Whether the graph has an output node. A graph built from a block that ends with a declaration, or
     * from a [DagDefinition], has none: every node runs and the run's output is `Unit`.
     */
    public val hasOutput: Boolean = outputIndex != NO_OUTPUT

    @Suppress("UNCHECKED_CAST")
    private val outputNode: Node<O>? = if (hasOutput) graph.nodes[outputIndex] as Node<O> else null

    /**
     * The output node: its value is the run's output.
     *
     * @throws IllegalStateException when the graph has no output node ([hasOutput] is false).
     */
    public val output: Node<O> get() = outputNode ?: throw IllegalStateException(Messages.noOutputNode(name))

    /** Every edge: data edges in parameter order, then order edges, grouped by consumer. */
    public val edges: List<Edge>
        get() =
            buildList {
                for (i in 0 until graph.size) {
                    for (e in graph.depStart[i] until graph.depStart[i + 1]) {
                        val kind = if (e - graph.depStart[i] < graph.dataCount[i]) EdgeKind.DATA else EdgeKind.ORDER
                        add(Edge(graph.nodes[graph.deps[e]], graph.nodes[i], kind))
                    }
                }
            }

    /** The nodes in an order where each comes after all its dependencies. */
    public val topologicalOrder: List<Node<*>> get() = List(graph.size) { graph.nodes[graph.topoAt(it)] }

    /**
     * The nodes with no dependency, the input node among them: the graph's roots. ("Source" means one
     * thing across Adagio: a node fed from outside the graph, as a stream's or a reactive graph's.)
     */
    public val roots: List<Node<*>> get() = graph.nodes.filter { graph.inDegree(it.index) == 0 }

    /** The nodes no other node depends on: the graph's leaves. */
    public val leaves: List<Node<*>> get() = graph.nodes.filter { graph.outStart[it.index + 1] == graph.outStart[it.index] }

    /** The data inputs of [node], in parameter order (repeated when it takes one input twice). */
    public fun dataInputs(node: Node<*>): List<Node<*>> {
        val i = indexOf(node)
        return (graph.depStart[i] until graph.depStart[i] + graph.dataCount[i]).map { graph.nodes[graph.deps[it]] }
    }

    /** The nodes [node] must wait for without taking their values (`after`). */
    public fun orderDependencies(node: Node<*>): List<Node<*>> {
        val i = indexOf(node)
        return (graph.depStart[i] + graph.dataCount[i] until graph.depStart[i + 1]).map { graph.nodes[graph.deps[it]] }
    }

    /** Every node [node] waits for: its data inputs, then its order dependencies. */
    public fun dependencies(node: Node<*>): List<Node<*>> = dataInputs(node) + orderDependencies(node)

    /** The nodes that wait for [node], one entry per edge. */
    public fun dependents(node: Node<*>): List<Node<*>> {
        val i = indexOf(node)
        return (graph.outStart[i] until graph.outStart[i + 1]).map { graph.nodes[graph.outs[it]] }
    }

    /**
     * In a graph recorded from a run that grew (`run.dag`): the map or include node that added [node] (a
     * map's element, an included graph's node); null for any other node, and in a graph as declared.
     */
    public fun parentOf(node: Node<*>): Node<*>? =
        graph.groups
            ?.get(indexOf(node))
            ?.takeIf { it >= 0 }
            ?.let { graph.nodes[it] }

    /**
     * In a graph recorded from a run that grew: the nodes the map or include [node] added, in order (for an
     * include, its graph's input node first); empty for any other node, and in a graph as declared.
     */
    public fun partsOf(node: Node<*>): List<Node<*>> {
        val i = indexOf(node)
        val groups = graph.groups ?: return emptyList()
        return graph.nodes.filter { groups[it.index] == i }
    }

    /** The graph that include node [node] includes; null for any other node. */
    public fun includedGraph(node: Node<*>): Dag<*, *>? = (graph.rawBodies[indexOf(node)] as? IncludeInvoker)?.dag

    /** What [node] declares beyond its body: timeout, retries, fallback, pool, weight, dispatcher. */
    public fun policies(node: Node<*>): NodePolicies = graph.specs?.get(indexOf(node))?.describe() ?: NodePolicies.NONE

    /** The node called [name]; throws [NoSuchElementException] when there is none. */
    public fun node(name: String): Node<*> =
        graph.nodes[
            graph.byName[name]
                ?: throw NoSuchElementException(Messages.unknownNode(this.name, name)),
        ]

    /**
     * Runs the graph with [input] and returns every node's outcome.
     *
     * @param targets when not empty, only these nodes and their ancestors run; the rest are `NOT_STARTED`.
     * @param sequential when true, one node runs at a time, in topological order (for debugging).
     * @throws NodeFailedException when a node fails; its `run` holds every node's outcome.
     */
    @JvmSynthetic
    public suspend fun run(
        input: I,
        targets: Collection<Node<*>> = emptyList(),
        sequential: Boolean = false,
    ): DagRun<O> = run(input, RunOptions(targets = targets, sequential = sequential))

    /**
     * Runs the graph with [input] as [options] say (failure policy, concurrency limit, timeout, …) and
     * returns every node's outcome.
     *
     * @throws NodeFailedException when a node fails (with `FAIL_FAST`, the first; with `CONTINUE`, the first,
     *   every other failure attached as suppressed); its `run` holds every node's outcome.
     * @throws RunTimeoutException when the run exceeds its timeout.
     * @throws RunCancelledException when the caller is cancelled.
     */
    @JvmSynthetic
    public suspend fun run(
        input: I,
        options: RunOptions,
    ): DagRun<O> = Execution(this, input, options).execute()

    /** Runs the graph with [input] and returns its output: `checkout(orderId)`. */
    @JvmSynthetic
    public suspend operator fun invoke(input: I): O = run(input).output

    /**
     * Starts a run with [input] and returns a future of its result: the entry for callers outside
     * coroutines, such as the Java facade.
     *
     * The engine's own work runs on the options' executor (`Dispatchers.Default` when none). A failed run
     * completes the future exceptionally with [NodeFailedException] (or [RunTimeoutException]) itself, not
     * wrapped. Cancelling the future cancels the run: every running node is cancelled, its stage cancelled,
     * its blocking thread interrupted; the future fails at once with a [RunCancellingException] whose
     * `outcomes()` completes with every node's outcome when the last node has stopped.
     */
    @JvmOverloads
    @AdagioInteropApi
    public fun runAsync(
        input: I,
        options: RunOptions = RunOptions.defaults(),
    ): RunFuture<DagRun<O>> =
        RunFuture<DagRun<O>>(name).start(options.asyncContext()) {
            val run = run(input, options)
            run to run
        }

    /**
     * Starts a run with [input] and returns a future of its output; see [runAsync] for threading, failure
     * and cancellation.
     */
    @JvmOverloads
    @AdagioInteropApi
    public fun invokeAsync(
        input: I,
        executor: Executor? = null,
    ): RunFuture<O> =
        RunFuture<O>(name).start(dispatcherFor(executor)) {
            val run = run(input)
            run.output to run
        }

    internal fun indexOf(node: Node<*>): Int {
        if (node.graph !== graph.id) throw DagDefinitionException(Messages.foreignNode(node, name))
        return node.index
    }

    override fun toString(): String = "Dag($name: ${graph.size} nodes)"

    internal companion object {
        /** The output index of a graph without an output node. */
        const val NO_OUTPUT: Int = -1
    }
}

/** Runs a graph that takes no input. */
@JvmSynthetic
public suspend fun <O> Dag<Unit, O>.run(
    targets: Collection<Node<*>> = emptyList(),
    sequential: Boolean = false,
): DagRun<O> = run(Unit, targets, sequential)

/** Runs a graph that takes no input and returns its output. */
@JvmSynthetic
public suspend operator fun <O> Dag<Unit, O>.invoke(): O = invoke(Unit)
