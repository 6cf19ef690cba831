package dev.adagio.reactive

import dev.adagio.AdagioInteropApi
import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.FailurePolicy
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeKind
import dev.adagio.NodeStatus
import dev.adagio.RunOptions
import dev.adagio.RunTimeoutException
import dev.adagio.internal.Errors
import dev.adagio.internal.Execution
import dev.adagio.internal.Reuse
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.isActive
import kotlinx.coroutines.jdk9.asPublisher
import kotlinx.coroutines.launch
import java.util.concurrent.Flow as JdkFlow

/**
 * A reactive graph: a [Dag] whose sources are fed by flows, recomputed each time a source has a new
 * value. Built with [reactive]; immutable, and may be run (collected) any number of times, each
 * collection independent of the others.
 *
 * **Incremental.** A recomputation runs only the nodes downstream of a source with a new value (through
 * data and order edges); every other node keeps its value and is reported as `REUSED`. A node declared
 * with `distinctUntilChanged` whose new value equals its previous one stops the recomputation there. A
 * node with no value from the previous recomputation (it failed, was skipped or cancelled) recomputes.
 *
 * **Glitch-free.** Recomputations run one at a time, each on one snapshot of the sources' values, so no
 * node ever sees a mix of old and new inputs. Values that arrive meanwhile wait, as each source's
 * [SourceMode] says.
 */
public class ReactiveDag<O> internal constructor(
    /** The graph: for inspection and diagrams. Its source nodes take values only from a reactive run. */
    @get:JvmSynthetic
    public val dag: Dag<Unit, O>,
    private val sources: List<Source>,
) {
    /**
     * The graph, for Java: `reactive.dag()`, as a `Dag<?, O>` (its input type, `Unit`, is Kotlin's and
     * means nothing to a Java caller, who never runs it directly).
     */
    @JvmName("dag")
    @AdagioInteropApi
    public fun dagForJava(): Dag<*, O> = dag

    /** The graph's name. */
    public val name: String get() = dag.name

    /** The source nodes, in declaration order. */
    public val sourceNodes: List<Node<*>> get() = sources.map { it.node }

    /**
     * Runs the graph reactively: collects every source, and emits one [Recomputation] each time the
     * graph computes, first when every source has a value, then whenever one has a new one.
     *
     * Each recomputation is a run with [options] (failure policy, concurrency limit, timeout, listeners,
     * scheduling) in the collector's coroutine context, so `runTest` runs it in virtual time. A failed
     * recomputation is emitted with its [Recomputation.error]; with [FailurePolicy.FAIL_FAST] the flow then
     * throws that error. The flow completes when every source's flow has completed and every value has
     * been computed; a source whose flow fails ends it with [SourceFailedException]. Cancelling the
     * collector cancels every source and every running node.
     */
    @JvmSynthetic
    public fun results(
        options: RunOptions = RunOptions(),
        onFailure: FailurePolicy = FailurePolicy.CONTINUE,
    ): Flow<Recomputation<O>> =
        flow {
            coroutineScope {
                val wake = Channel<Unit>(Channel.CONFLATED)
                val inboxes = sources.map { Channel<Any?>(if (it.mode == SourceMode.CONFLATE) Channel.CONFLATED else QUEUE_CAPACITY) }
                for (k in sources.indices) {
                    launch {
                        val inbox = inboxes[k]
                        try {
                            sources[k].values.collect {
                                inbox.send(it)
                                wake.trySend(Unit)
                            }
                            inbox.close()
                        } catch (e: Throwable) {
                            if (e is CancellationException && !isActive) throw e
                            // A source failure stops the graph at once: this failure cancels the flow's scope,
                            // the running recomputation and every other source with it.
                            throw SourceFailedException(sources[k].node.name, Errors.unwrap(e))
                        }
                        wake.trySend(Unit)
                    }
                }
                val size = dag.nodes.size
                val current = arrayOfNulls<Any?>(size)
                val fresh = BooleanArray(size)
                val known = BooleanArray(sources.size)
                val closed = BooleanArray(sources.size)
                var previous: DagRun<O>? = null
                var number = 0L
                while (true) {
                    var pending = false
                    for (k in sources.indices) {
                        val i = sources[k].node.index
                        // A queued source gives one value per recomputation; a conflated one its latest.
                        if (!closed[k] && !(fresh[i] && sources[k].mode == SourceMode.QUEUE)) {
                            val next = inboxes[k].tryReceive()
                            if (next.isSuccess) {
                                current[i] = next.getOrThrow()
                                fresh[i] = true
                                known[k] = true
                            } else if (next.isClosed) {
                                next.exceptionOrNull()?.let { throw it }
                                closed[k] = true
                            }
                        }
                        if (fresh[i]) pending = true
                    }
                    if (pending && known.all { it }) {
                        val changed = sources.filter { fresh[it.node.index] }.map { it.node }
                        val reuse = Reuse(dag.graph, previous, current, fresh.copyOf())
                        fresh.fill(false)
                        var error: Throwable? = null
                        val run =
                            try {
                                Execution(dag, Unit, options, reuse).execute()
                            } catch (e: NodeFailedException) {
                                error = e
                                @Suppress("UNCHECKED_CAST")
                                e.run as DagRun<O>
                            } catch (e: RunTimeoutException) {
                                error = e
                                @Suppress("UNCHECKED_CAST")
                                e.run as DagRun<O>
                            }
                        previous = run
                        emit(Recomputation(++number, run, error, changed))
                        if (error != null && onFailure == FailurePolicy.FAIL_FAST) throw error
                    } else if (closed.all { it }) {
                        break
                    } else {
                        wake.receive()
                    }
                }
            }
        }

    /**
     * [results] as a `java.util.concurrent.Flow.Publisher`, for Java: each subscription runs the graph
     * on the options' executor (`Dispatchers.Default` when none), honouring demand; cancelling the
     * subscription cancels every source and every running node.
     */
    @JvmOverloads
    @AdagioInteropApi
    public fun publisher(
        options: RunOptions = RunOptions.defaults(),
        onFailure: FailurePolicy = FailurePolicy.CONTINUE,
    ): JdkFlow.Publisher<Recomputation<O>> = results(options, onFailure).asPublisher(options.asyncContext())

    override fun toString(): String = "ReactiveDag($name: ${dag.nodes.size} nodes, ${sources.size} sources)"

    private companion object {
        const val QUEUE_CAPACITY = 64
    }
}

/**
 * One computation of a reactive graph: which sources brought new values, every node's outcome
 * (recomputed nodes with their statuses and times, the others `REUSED`), and the error when it failed.
 */
public class Recomputation<out O> internal constructor(
    /** The recomputation's number in its collection, from 1. */
    public val number: Long,
    /** Every node's outcome; reused nodes are `REUSED` and keep their values. */
    public val run: DagRun<O>,
    /** Why the recomputation failed ([NodeFailedException] or [RunTimeoutException]); null when it succeeded. */
    public val error: Throwable?,
    /** The sources with a new value since the previous recomputation (all of them in the first). */
    public val changedSources: List<Node<*>>,
) {
    /** Whether every node that ran succeeded (under `CONTINUE`, a recomputation may have an output and failures). */
    public val isSuccess: Boolean get() = error == null && run.failures.isEmpty()

    /** The output's value (recomputed or reused); throws [IllegalStateException] when it has none. */
    public val output: O get() = run.output

    /** The value of [node] in this recomputation (recomputed or reused). */
    public operator fun <T> get(node: Node<T>): T = run[node]

    /**
     * The nodes that ran in this recomputation, whatever their outcome (sources with new values included),
     * in declaration order. Nodes neither here nor in [reused] were skipped or not started.
     */
    public val recomputed: List<Node<*>>
        get() = run.outcomes.filter { it.node.kind != NodeKind.INPUT && it.status in RAN }.map { it.node }

    /** The nodes that kept their previous values, in declaration order. */
    public val reused: List<Node<*>> get() = run.outcomes.filter { it.status == NodeStatus.REUSED }.map { it.node }

    private companion object {
        val RAN = setOf(NodeStatus.SUCCEEDED, NodeStatus.FAILED, NodeStatus.CANCELLED)
    }

    override fun toString(): String =
        "Recomputation #$number of ${run.dag.name}: recomputed ${recomputed.map { it.name }}, reused ${reused.map { it.name }}" +
            (error?.let { ", failed: ${Errors.describe(it)}" } ?: "")
}
