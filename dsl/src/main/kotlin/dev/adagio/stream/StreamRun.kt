package dev.adagio.stream

import dev.adagio.FailurePolicy
import dev.adagio.Messages
import dev.adagio.internal.Errors
import dev.adagio.internal.dispatchedTo
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.future.future
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import java.util.concurrent.CompletionStage
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import kotlin.coroutines.CoroutineContext

/**
 * One run of a [StreamGraph], with statistics readable while it goes on and after it ends.
 *
 * Get one with [StreamGraph.newRun] to watch it from another coroutine, or from [StreamGraph.run] when
 * it is over. A run executes once.
 */
public class StreamRun internal constructor(
    /** The graph being run. */
    public val graph: StreamGraph,
    private val start: Map<StreamNode<*>, List<Any?>>,
    listeners: List<StreamListener> = emptyList(),
) {
    private val listeners = if (listeners.isEmpty()) null else streamListeners(listeners, graph.name)

    private val size = graph.nodes.size
    private val counters = Array(size) { Counters() }
    private val downstream = Array(size) { IntArray(0) }

    /** Items sent on each edge, aligned with [downstream]. */
    private val edgeItems = Array(size) { emptyArray<AtomicLong>() }
    private val channels = arrayOfNulls<Channel<Any?>>(size)
    private val inFlight = AtomicLong()
    private val sourcesLeft = AtomicInteger()
    private val finished = CompletableDeferred<Unit>()
    private val started = AtomicBoolean()

    @Volatile private var failure: Pair<Int, Throwable>? = null

    init {
        val lists = Array(size) { ArrayList<Int>() }
        graph.specs.forEachIndexed { i, spec -> for (from in spec.inputs) lists[from] += i }
        for (i in 0 until size) {
            downstream[i] = lists[i].toIntArray()
            edgeItems[i] = Array(downstream[i].size) { AtomicLong() }
        }
        for (node in start.keys) graph.own(node)
    }

    /** Statistics of [node] now. */
    public fun stats(node: StreamNode<*>): NodeStats = snapshot(graph.own(node))

    /** Statistics of every node now, in declaration order. */
    public val statistics: List<NodeStats> get() = List(size) { snapshot(it) }

    /** How many items went from [from] to [to] so far. */
    public fun itemsOnEdge(
        from: StreamNode<*>,
        to: StreamNode<*>,
    ): Long {
        val f = graph.own(from)
        val k = downstream[f].indexOf(graph.own(to))
        return if (k < 0) 0 else edgeItems[f][k].get()
    }

    /** Items queued or being processed right now, across the graph. */
    public val itemsInFlight: Long get() = inFlight.get()

    /** Whether the run has ended. */
    public val isFinished: Boolean get() = finished.isCompleted

    private fun snapshot(i: Int): NodeStats {
        val c = counters[i]
        val taken = c.received.get()
        val arrived = c.delivered.get()
        return NodeStats(
            graph.nodes[i],
            maxOf(arrived, taken),
            taken,
            c.out.get(),
            c.errors.get(),
            maxOf(0, arrived - taken),
            c.busy.get(),
            c.kept.toList(),
        )
    }

    /** Runs the graph until it is done; see [StreamGraph.run]. */
    @JvmSynthetic
    public suspend fun execute() {
        check(started.compareAndSet(false, true)) { Messages.streamRanTwice(graph.name) }
        listeners?.each { it.onStreamStarted(this) }
        var error: Throwable? = null
        try {
            coroutineScope {
                runScope = this
                for (i in 0 until size) {
                    val spec = graph.specs[i]
                    if (spec.kind == StreamNodeKind.SOURCE) continue
                    val channel = Channel<Any?>(spec.buffer)
                    channels[i] = channel
                    val on = spec.dispatcher
                    repeat(spec.workers) { launch { if (on == null) work(i, channel) else dispatchedTo(on) { work(i, channel) } } }
                }
                // Without start items every source starts; with them, only the nodes they name.
                val starting =
                    graph.specs.indices.filter { i ->
                        if (start.isEmpty()) graph.specs[i].kind == StreamNodeKind.SOURCE else start.containsKey(graph.nodes[i])
                    }
                sourcesLeft.set(starting.size)
                if (starting.isEmpty()) finish()
                for (i in starting) {
                    if (graph.specs[i].kind != StreamNodeKind.SOURCE) {
                        launch(start = CoroutineStart.UNDISPATCHED) { feed(i, start.getValue(graph.nodes[i])) }
                        continue
                    }
                    val on = graph.specs[i].dispatcher
                    launch(start = CoroutineStart.UNDISPATCHED) { if (on == null) runSource(i) else dispatchedTo(on) { runSource(i) } }
                }
                finished.await()
                channels.forEach { it?.close() }
            }
        } catch (e: CancellationException) {
            val (node, cause) = failure ?: throw e.also { error = it }
            error = StreamFailedException(graph.nodes[node].name, cause, this)
            throw error!!
        } finally {
            listeners?.each { it.onStreamFinished(this, error) }
        }
    }

    /**
     * Runs source [i]'s body; the source is done when its body and every coroutine it launched are. Any
     * throwable but the run's own cancellation is the source's failure, which halts the run.
     */
    private suspend fun runSource(i: Int) {
        val job = currentCoroutineContext().job
        try {
            coroutineScope {
                graph.specs[i].body(StreamWorker(this@StreamRun, i, coroutineContext, start[graph.nodes[i]] ?: emptyList()), null)
            }
        } catch (e: Throwable) {
            if (e is CancellationException && !job.isActive) throw e
            failedOn(i, null, Errors.unwrap(e))
        } finally {
            if (sourcesLeft.decrementAndGet() == 0 && inFlight.get() == 0L) finish()
        }
    }

    /**
     * Puts a start node's [items] into its buffer, as an upstream node's emit would (waiting while the
     * buffer is full); the node counts as started until every item is in.
     */
    private suspend fun feed(
        i: Int,
        items: List<Any?>,
    ) {
        try {
            for (item in items) {
                inFlight.incrementAndGet()
                channels[i]!!.send(item)
                counters[i].delivered.incrementAndGet()
            }
        } finally {
            if (sourcesLeft.decrementAndGet() == 0 && inFlight.get() == 0L) finish()
        }
    }

    /** One worker of node [i]: takes items until the channel closes; once the run stops, starts no body. */
    private suspend fun work(
        i: Int,
        channel: Channel<Any?>,
    ) {
        val job = currentCoroutineContext().job
        val worker = StreamWorker(this, i, currentCoroutineContext())
        for (item in channel) {
            // A taken item is dropped, not processed, once the run halted or was cancelled.
            if (failure != null || !job.isActive) {
                release()
                continue
            }
            process(worker, job, i, item)
        }
    }

    /**
     * Processes [item] on node [i]: the item is done when the body and every coroutine it launched are.
     * Any throwable but the run's own cancellation is a failed item, counted and kept, whatever its class.
     */
    private suspend fun process(
        worker: StreamWorker,
        job: Job,
        i: Int,
        item: Any?,
    ) {
        val c = counters[i]
        c.received.incrementAndGet()
        c.busy.incrementAndGet()
        try {
            coroutineScope { graph.specs[i].body(worker, item) }
            if (graph.specs[i].kind == StreamNodeKind.SINK) c.out.incrementAndGet()
        } catch (e: Throwable) {
            if (e is CancellationException && !job.isActive) throw e
            failedOn(i, item, Errors.unwrap(e))
        } finally {
            c.busy.decrementAndGet()
            release()
        }
    }

    /** An item is no longer in flight; the last one, once the sources are done, ends the run. */
    private fun release() {
        if (inFlight.decrementAndGet() == 0L && sourcesLeft.get() == 0) finish()
    }

    /** Node [i] failed on [item] (null for a source): counted, kept, told to listeners, and FAIL_FAST stops the run. */
    private fun failedOn(
        i: Int,
        item: Any?,
        error: Throwable,
    ) {
        val c = counters[i]
        listeners?.each { it.onItemFailed(this, graph.nodes[i], item, error) }
        c.errors.incrementAndGet()
        if (c.kept.size < KEPT_ERRORS) c.kept += error
        if (graph.specs[i].policy == FailurePolicy.FAIL_FAST) failed(i, error)
    }

    /** Sends [item] from node [from] to every node downstream. */
    internal suspend fun emit(
        from: Int,
        item: Any?,
    ) {
        counters[from].out.incrementAndGet()
        val targets = downstream[from]
        val edges = edgeItems[from]
        for (k in targets.indices) {
            val to = targets[k]
            inFlight.incrementAndGet()
            edges[k].incrementAndGet()
            channels[to]!!.send(item)
            counters[to].delivered.incrementAndGet()
        }
    }

    /** The first FAIL_FAST failure stops the whole run: its scope is cancelled, every worker and source with it. */
    private fun failed(
        node: Int,
        error: Throwable,
    ) {
        synchronized(this) {
            if (failure != null) return
            failure = node to error
        }
        runScope!!.cancel(CancellationException(Messages.streamHalted(graph.nodes[node].name)))
    }

    @Volatile private var runScope: CoroutineScope? = null

    private fun finish() {
        finished.complete(Unit)
    }

    private class Counters {
        val received = AtomicLong()
        val out = AtomicLong()
        val errors = AtomicLong()
        val delivered = AtomicLong()
        val busy = AtomicInteger()
        val kept = CopyOnWriteArrayList<Throwable>()
    }

    internal companion object {
        const val KEPT_ERRORS = 100
    }
}

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

/** A node with the FAIL_FAST policy failed: the whole stream graph was stopped. [run] has the statistics. */
public class StreamFailedException internal constructor(
    /** The node that failed. */
    public val nodeName: String,
    cause: Throwable,
    /** The run, stopped. */
    public val run: StreamRun,
) : RuntimeException(Messages.streamFailed(nodeName, cause), cause)

/** A source's or worker's view of the run: the emitter its body receives. */
internal class StreamWorker(
    private val run: StreamRun,
    private val node: Int,
    override val coroutineContext: CoroutineContext,
    override val arguments: List<Any?> = emptyList(),
) : SourceScope<Any?> {
    override suspend fun emit(item: Any?) = run.emit(node, item)

    /** The same emitter for Java bodies: the stage completes once the item is sent downstream. */
    val forJava: JavaEmitter<Any?> by lazy(LazyThreadSafetyMode.NONE) {
        val scope = CoroutineScope(coroutineContext)
        JavaEmitter { item -> scope.future(start = CoroutineStart.UNDISPATCHED) { run.emit(node, item).let { null } } }
    }

    fun nameOf(): String = run.graph.nodes[node].name
}
