package dev.adagio.stream

import dev.adagio.FailurePolicy
import dev.adagio.Messages
import dev.adagio.internal.Errors
import dev.adagio.internal.dispatchedTo
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicIntegerArray
import java.util.concurrent.atomic.AtomicLongArray
import kotlin.time.Duration.Companion.nanoseconds

/**
 * One run of a [StreamGraph], with statistics readable while it goes on and after it ends.
 *
 * Get one with [StreamGraph.newRun] to watch it from another coroutine, or from [StreamGraph.run] when
 * it is over. A run executes once.
 *
 * How it ends: a node is done when everything upstream of it is done and its workers have drained its
 * buffer; its buffer closes when the last node feeding it is done (a source when its body and its
 * coroutines are). So the run ends when every node is done, with no shared count of items in flight.
 * Statistics are counted per worker, without contention, and summed on read: exact once the run ended,
 * a consistent-enough picture while it goes on.
 */
public class StreamRun internal constructor(
    /** The graph being run. */
    public val graph: StreamGraph,
    private val start: Map<StreamNode<*>, List<Any?>>,
    listeners: List<StreamListener> = emptyList(),
) {
    private val listeners = if (listeners.isEmpty()) null else streamListeners(listeners, graph.name)

    private val size = graph.nodes.size
    private val specs = graph.specs

    /** Per node: the nodes it sends items to, and the predicate of each of those edges (null: every item). */
    private val downstream = Array(size) { IntArray(0) }
    private val outFilters = Array(size) { emptyArray<((Any?) -> Boolean)?>() }

    /** Per node: its incoming edges, each as the emitting node and the edge's position among that node's [downstream]. */
    private val incoming = Array(size) { IntArray(0) }

    /** Per node: one tally per worker (a source: one), summed on read. */
    private val tallies =
        Array(size) { i ->
            Array(maxOf(1, specs[i].workers)) {
                Tally(
                    specs.sumOf { to ->
                        to.inputs.count { it == i }
                    },
                )
            }
        }

    /** Per node: start items put into its buffer. */
    private val fed = AtomicLongArray(size)
    private val kept = Array(size) { CopyOnWriteArrayList<Throwable>() }
    private val queues = arrayOfNulls<ItemQueue>(size)

    /** Per node: the nodes (and start feeds) still sending to it; its buffer closes at 0. */
    private val producersLeft = AtomicIntegerArray(size)

    /** Per node: workers still running; the node is done at 0. */
    private val workersLeft = AtomicIntegerArray(size)
    private val started = AtomicBoolean()

    @Volatile private var over = false

    @Volatile private var failure: Pair<Int, Throwable>? = null

    @Volatile private var runScope: CoroutineScope? = null

    init {
        val lists = Array(size) { ArrayList<Int>() }
        specs.forEachIndexed { i, spec -> for (from in spec.inputs) lists[from] += i }
        for (i in 0 until size) downstream[i] = lists[i].toIntArray()
        for (to in 0 until size) {
            val spec = specs[to]
            incoming[to] = IntArray(spec.inputs.size * 2)
            spec.inputs.forEachIndexed { k, from ->
                incoming[to][2 * k] = from
                incoming[to][2 * k + 1] = downstream[from].indexOf(to)
            }
        }
        for (from in 0 until size) {
            outFilters[from] = Array(downstream[from].size) { k -> edgeFilter(from, downstream[from][k]) }
        }
        for (node in start.keys) graph.own(node)
    }

    private fun edgeFilter(
        from: Int,
        to: Int,
    ): ((Any?) -> Boolean)? = specs[to].filters.getOrNull(specs[to].inputs.indexOf(from))

    /** Statistics of [node] now. */
    public fun stats(node: StreamNode<*>): NodeStats = snapshot(graph.own(node))

    /** Statistics of every node now, in declaration order. */
    public val statistics: List<NodeStats> get() = List(size) { snapshot(it) }

    /** How many items went from [from] to [to] so far (0 when [to] does not take items from [from]). */
    public fun itemsOnEdge(
        from: StreamNode<*>,
        to: StreamNode<*>,
    ): Long {
        val f = graph.own(from)
        val k = downstream[f].indexOf(graph.own(to))
        return if (k < 0) 0 else sum(f, Tally.carried(k))
    }

    /**
     * What the edge from [from] to [to] carried and refused so far.
     *
     * @throws NoSuchElementException when [to] does not take items from [from].
     */
    public fun edgeStats(
        from: StreamNode<*>,
        to: StreamNode<*>,
    ): EdgeStats {
        graph.own(from)
        graph.own(to)
        val edge =
            graph.edges.firstOrNull { it.from == from && it.to == to }
                ?: throw NoSuchElementException(Messages.unknownEdge(graph.name, from.name, to.name))
        return edgeSnapshot(edge)
    }

    /** Statistics of every edge now, aligned with [StreamGraph.edges]. */
    public val edgeStatistics: List<EdgeStats> get() = graph.edges.map { edgeSnapshot(it) }

    private fun edgeSnapshot(edge: StreamEdge): EdgeStats {
        val f = edge.from.index
        val k = downstream[f].indexOf(edge.to.index)
        return EdgeStats(edge, sum(f, Tally.carried(k)), sum(f, Tally.refused(k)))
    }

    /** Items queued or being processed right now, across the graph (a batch node's gathered items included). */
    public val itemsInFlight: Long
        get() {
            var total = 0L
            for (i in 0 until size) total += arrived(i) - sum(i, Tally.DONE)
            return maxOf(0, total)
        }

    /** Whether the run has ended, in success, failure or cancellation. */
    public val isFinished: Boolean get() = over

    private fun sum(
        node: Int,
        slot: Int,
    ): Long {
        var total = 0L
        for (tally in tallies[node]) total += tally.read(slot)
        return total
    }

    private fun arrived(i: Int): Long {
        var total = fed.get(i)
        val edges = incoming[i]
        for (e in 0 until edges.size / 2) total += sum(edges[2 * e], Tally.carried(edges[2 * e + 1]))
        return total
    }

    private fun snapshot(i: Int): NodeStats {
        // Taken first: an item is counted as arrived once its sender's send returned, so read that later.
        val taken = sum(i, Tally.TAKEN)
        val busy = sum(i, Tally.BUSY)
        val emitted = sum(i, Tally.EMITTED)
        val failed = sum(i, Tally.FAILED)
        val arrived = maxOf(arrived(i), taken)
        return NodeStats(graph.nodes[i], arrived, taken, emitted, failed, arrived - taken, busy.toInt(), kept[i].toList())
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
                // Without start items every source starts; with them, only the nodes they name.
                val starts =
                    BooleanArray(
                        size,
                    ) { i -> if (start.isEmpty()) specs[i].kind == StreamNodeKind.SOURCE else start.containsKey(graph.nodes[i]) }
                for (i in 0 until size) {
                    val spec = specs[i]
                    if (spec.kind == StreamNodeKind.SOURCE) continue
                    queues[i] = ItemQueue(spec.buffer)
                    producersLeft.set(i, spec.inputs.size + if (starts[i]) 1 else 0)
                    workersLeft.set(i, spec.workers)
                }
                for (i in 0 until size) {
                    val spec = specs[i]
                    when {
                        spec.kind != StreamNodeKind.SOURCE -> {
                            val queue = queues[i]!!
                            val on = spec.dispatcher
                            for (w in 0 until spec.workers) {
                                val tally = tallies[i][w]
                                val hand = handOf(i, tally)
                                // The watch is in the worker's own context from its launch: a coroutine's
                                // context element costs a call per resumption, where adding it later with
                                // withContext would cost a walk of the worker's frames per resumption.
                                val watch = LaunchWatch(hand)
                                launch(watch) {
                                    if (on == null) work(i, tally, watch, hand) else dispatchedTo(on) { work(i, tally, watch, hand) }
                                }
                            }
                            if (producersLeft.get(i) == 0) queue.close()
                        }

                        !starts[i] -> {
                            nodeDone(i)
                        }
                    }
                }
                for (i in 0 until size) {
                    if (!starts[i]) continue
                    if (specs[i].kind != StreamNodeKind.SOURCE) {
                        launch(start = CoroutineStart.UNDISPATCHED) { feed(i, start.getValue(graph.nodes[i])) }
                        continue
                    }
                    val on = specs[i].dispatcher
                    launch(start = CoroutineStart.UNDISPATCHED) { if (on == null) runSource(i) else dispatchedTo(on) { runSource(i) } }
                }
            }
        } catch (e: CancellationException) {
            val (node, cause) = failure ?: throw e.also { error = it }
            error = StreamFailedException(graph.nodes[node].name, cause, this)
            throw error!!
        } finally {
            over = true
            listeners?.each { it.onStreamFinished(this, error) }
        }
    }

    /**
     * Runs source [i]'s body; the source is done when its body and every coroutine it launched are. Any
     * throwable but the run's own cancellation is the source's failure, which halts the run.
     */
    private suspend fun runSource(i: Int) {
        val job = currentCoroutineContext().job
        val tally = tallies[i][0]
        try {
            coroutineScope {
                specs[i].body(StreamWorker(this@StreamRun, i, coroutineContext, tally, start[graph.nodes[i]] ?: emptyList()), null)
            }
        } catch (e: Throwable) {
            if (e is CancellationException && !job.isActive) throw e
            failedOn(i, tally, null, Errors.unwrap(e), 1)
            return
        }
        nodeDone(i)
    }

    /**
     * Puts a start node's [items] into its buffer, as an upstream node's emit would (waiting while the
     * buffer is full); the node's buffer stays open until every item is in.
     */
    private suspend fun feed(
        i: Int,
        items: List<Any?>,
    ) {
        val queue = queues[i]!!
        for (item in items) {
            queue.send(item)
            fed.incrementAndGet(i)
        }
        producerDone(i)
    }

    /**
     * One worker of node [i]: takes items (a batch node: lists of them) until its buffer closes and is
     * drained; once the run stops, starts no body.
     *
     * A worker with a [hand] takes items in chunks and stages what it emits ([WorkerHand]); it gives its
     * hand up before it waits, so that a pause never hides an item.
     *
     * Bodies run in the worker's own scope, one item after another, not in a new scope per item (whose
     * creation, attached to the worker's job and detached again, cost more than the rest of an item's
     * hand-off): the scope is the item's while the item runs. What the body launched in it is joined
     * before the item is done ([process]; a [LaunchWatch] says whether it launched anything, so the usual
     * item does not look); when such a child fails, the scope fails with it, and this loop counts the
     * failure against the item that launched it and goes on in a new scope.
     */
    private suspend fun work(
        i: Int,
        tally: Tally,
        watch: LaunchWatch,
        hand: WorkerHand?,
    ) {
        val queue = queues[i]!!
        val own = currentCoroutineContext().job
        try {
            while (true) {
                var block: ItemBlock? = null
                try {
                    coroutineScope {
                        val current =
                            ItemBlock(specs[i], StreamWorker(this@StreamRun, i, coroutineContext, tally, hand = hand, watch = watch), watch)
                        block = current
                        val scope = coroutineContext.job
                        val batching = specs[i].batching
                        if (batching == null) {
                            while (true) {
                                if (!hand!!.hasNext) {
                                    hand.end()
                                    var n = hand.refill()
                                    while (n == 0) {
                                        queue.awaitItems()
                                        n = hand.refill()
                                    }
                                    if (n < 0) break
                                }
                                val item = hand.take()
                                // An item is dropped, not taken, once the run halted or was cancelled.
                                if (failure != null || !scope.isActive) {
                                    tally.add(Tally.DONE, 1)
                                    continue
                                }
                                tally.add(Tally.TAKEN, 1)
                                current.item = item
                                process(current, scope, i, 1, tally, hand)
                            }
                        } else {
                            workInBatches(current, scope, i, queue, batching, tally)
                        }
                    }
                    break
                } catch (e: Throwable) {
                    val failedItems = block?.count ?: 0
                    if (!own.isActive || failedItems == 0) throw e
                    // A coroutine the current item's body launched failed, and took the worker's scope with it.
                    block!!.count = 0
                    failedOn(i, tally, block!!.item, Errors.unwrap(e), failedItems)
                }
            }
        } finally {
            // Stopped with a hand still owned (cancelled, or a body's error out of the loop): what it holds goes back.
            hand?.end()
        }
        if (workersLeft.decrementAndGet(i) == 0) nodeDone(i)
    }

    /** A hand for a worker of node [i] counting into [tally]; null for a batch node, whose lists are its chunks. */
    private fun handOf(
        i: Int,
        tally: Tally,
    ): WorkerHand? {
        val spec = specs[i]
        if (spec.batching != null) return null
        return WorkerHand(queues[i]!!, spec.workers, Array(downstream[i].size) { k -> queues[downstream[i][k]]!! }, tally)
    }

    /** A batch node's worker: gathers lists as [batching] says and processes each, the last when the buffer closes. */
    private suspend fun workInBatches(
        block: ItemBlock,
        job: Job,
        i: Int,
        queue: ItemQueue,
        batching: Batching,
        tally: Tally,
    ) {
        var open = true
        while (open) {
            var first = queue.poll()
            while (first === ItemQueue.NOTHING) {
                queue.awaitItems()
                first = queue.poll()
            }
            if (first === ItemQueue.CLOSED) break
            val batch = ArrayList<Any?>(minOf(batching.size, 64))
            batch += first
            // What is already waiting joins at once; then, until the linger time ends, what arrives.
            open = queue.takeInto(batch, batching.size, wait = false)
            if (open && batch.size < batching.size && batching.lingerNanos > 0) {
                open =
                    if (batching.lingerNanos == Long.MAX_VALUE) {
                        queue.takeInto(batch, batching.size, wait = true)
                    } else {
                        // Waiting takes nothing, so the timeout loses no item.
                        withTimeoutOrNull(batching.lingerNanos.nanoseconds) { queue.takeInto(batch, batching.size, wait = true) } ?: true
                    }
            }
            if (failure != null || !job.isActive) {
                tally.add(Tally.DONE, batch.size.toLong())
                continue
            }
            tally.add(Tally.TAKEN, batch.size.toLong())
            block.item = batch
            process(block, job, i, batch.size, tally, null)
        }
    }

    /**
     * Processes the [block]'s item (a batch node: a list of [count] items) on node [i], in the worker's
     * [scope]: the item is done when the body and every coroutine it launched there are. Any throwable but
     * the scope's cancellation fails the item (each item of the list), counted and kept, whatever its
     * class, and cancels what the body launched, as a scope of its own would. When the scope itself fails
     * (a launched coroutine failed), [work] counts the item. Inline, so the hot loop allocates no frame per item.
     */
    @Suppress("NOTHING_TO_INLINE")
    private suspend inline fun process(
        block: ItemBlock,
        scope: Job,
        i: Int,
        count: Int,
        tally: Tally,
        hand: WorkerHand?,
    ) {
        block.count = count
        block.watch.launched = false
        tally.set(Tally.BUSY, 1)
        try {
            block.invoke(hand)
            hand?.awaitOwner()
            if (block.watch.launched) joinChildren(scope, hand)
            if (specs[i].kind == StreamNodeKind.SINK) tally.add(Tally.EMITTED, count.toLong())
            block.count = 0
        } catch (e: Throwable) {
            hand?.awaitOwner()
            if (e is CancellationException && !scope.isActive) throw e
            block.count = 0
            if (block.watch.launched) joinChildren(scope, hand, cancel = true)
            failedOn(i, tally, block.item, Errors.unwrap(e), count)
        } finally {
            tally.set(Tally.BUSY, 0)
            tally.add(Tally.DONE, count.toLong())
        }
    }

    /** Node [i] is done: each node downstream has one producer fewer. */
    private fun nodeDone(i: Int) {
        for (to in downstream[i]) producerDone(to)
    }

    /** One producer of node [i] is done; after the last, its buffer closes and its workers finish once it is drained. */
    private fun producerDone(i: Int) {
        if (producersLeft.decrementAndGet(i) == 0) queues[i]!!.close()
    }

    /** Node [i] failed on [item] (null for a source; a list for a batch node): counted, kept, told to listeners, and FAIL_FAST stops the run. */
    private fun failedOn(
        i: Int,
        tally: Tally,
        item: Any?,
        error: Throwable,
        count: Int,
    ) {
        listeners?.each { it.onItemFailed(this, graph.nodes[i], item, error) }
        tally.count(Tally.FAILED, count.toLong())
        if (kept[i].size < KEPT_ERRORS) kept[i] += error
        if (specs[i].policy == FailurePolicy.FAIL_FAST) failed(i, error)
    }

    /** Sends [item] from node [from] downstream; see [tryEmit]. */
    internal suspend fun emit(
        from: Int,
        tally: Tally,
        item: Any?,
    ) {
        val rest = tryEmit(from, tally, item, null)
        if (rest != SENT) emitRest(from, tally, item, rest)
    }

    /**
     * Sends [item] from node [from] downstream, without suspending as far as it can: over every edge, or
     * over the one its router picks, each edge's filter permitting. Counted in the emitting worker's
     * [tally]. Returns [SENT], or where a full buffer stopped it: the edge (shifted left by one; the low bit
     * set when the router picked that edge alone), for [emitRest] to go on from.
     */
    internal fun tryEmit(
        from: Int,
        tally: Tally,
        item: Any?,
        hand: WorkerHand?,
    ): Int {
        // An owned hand counts in plain fields of its own, added to the worker's tally when it publishes.
        val counts = hand?.counts
        if (counts == null) tally.count(Tally.EMITTED, 1) else counts[Tally.EMITTED]++
        val targets = downstream[from]
        val filters = outFilters[from]
        val router = specs[from].router
        val chosen = if (router == null) ALL else routeOf(from, router(item))
        for (k in targets.indices) {
            val filter = filters[k]
            if ((chosen != ALL && chosen != k) || (filter != null && !filter(item))) {
                if (counts == null) tally.count(Tally.refused(k), 1) else counts[Tally.refused(k)]++
                continue
            }
            val sent = if (hand != null) hand.put(k, item) else queues[targets[k]]!!.trySend(item)
            if (!sent) return (k shl 1) or (if (chosen == ALL) 0 else 1)
            if (counts == null) tally.count(Tally.carried(k), 1) else counts[Tally.carried(k)]++
        }
        return SENT
    }

    /** Goes on where [tryEmit] stopped: waits to send [item] over that edge, then sends it over the edges after it. */
    internal suspend fun emitRest(
        from: Int,
        tally: Tally,
        item: Any?,
        rest: Int,
    ) {
        val targets = downstream[from]
        val filters = outFilters[from]
        val first = rest shr 1
        queues[targets[first]]!!.send(item)
        tally.count(Tally.carried(first), 1)
        val routed = rest and 1 == 1
        for (k in first + 1 until targets.size) {
            // The router picked that edge alone: the edges after it refuse the item, as tryEmit counted those before.
            val filter = filters[k]
            if (routed || (filter != null && !filter(item))) {
                tally.count(Tally.refused(k), 1)
                continue
            }
            queues[targets[k]]!!.send(item)
            tally.count(Tally.carried(k), 1)
        }
    }

    /** The position among [from]'s edges of the node its router picked; [NONE] for null. */
    private fun routeOf(
        from: Int,
        target: StreamNode<*>?,
    ): Int {
        if (target == null) return NONE
        val k = if (target.graph === graph.token) downstream[from].indexOf(target.index) else -1
        if (k < 0) throw IllegalArgumentException(Messages.routeNotDownstream(graph.nodes[from].name, target.name))
        return k
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

    internal companion object {
        const val KEPT_ERRORS = 100
        private const val ALL = -1
        private const val NONE = -2
        const val SENT = -1
    }
}
