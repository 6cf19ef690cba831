@file:OptIn(dev.adagio.AdagioRemoteApi::class)

package dev.adagio.internal

import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.DriverStall
import dev.adagio.FailurePolicy
import dev.adagio.Messages
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeOutcome
import dev.adagio.NodeStatus
import dev.adagio.OptionalInput
import dev.adagio.RunCancelledException
import dev.adagio.RunClock
import dev.adagio.RunOptions
import dev.adagio.RunTimeoutException
import dev.adagio.Scheduling
import dev.adagio.SkippedException
import dev.adagio.codeFor
import dev.adagio.outcomeOf
import dev.adagio.statusFor
import kotlinx.coroutines.CompletableJob
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.withContext
import java.util.concurrent.CancellationException
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED

/**
 * One run of one graph: the driver loop and all per-run state, in arrays indexed by node.
 *
 * The driver runs in the caller's coroutine. It keeps a ready queue over per-node dependency counters
 * and starts each ready node by calling its body directly, undispatched: a body that returns without
 * suspending costs no dispatch, and its dependents are queued, never started recursively, so no stack
 * grows with the graph. Bodies that suspend finish on their own; their jobs' completion handlers post
 * them to [inbox], which only the driver drains, so run state is touched by the driver alone.
 */
internal class Execution<I, O>(
    internal val dag: Dag<I, O>,
    @JvmField val input: I,
    internal val options: RunOptions,
    /** For a reactive graph's recomputation: the previous values and the sources' new ones; else null. */
    @JvmField internal val reuse: Reuse? = null,
    /** For a node computed alone ([dev.adagio.runAlone]): the node and its inputs; else null. */
    @JvmField internal val alone: Alone? = null,
    /** For a live run: the block that adds the run's nodes while it runs; else null. */
    @JvmField internal val grower: Grower? = null,
) {
    @JvmField val graph: Graph = dag.graph

    /** The graph's own nodes; those from here on were added while the run ran ([growth]). */
    @JvmField internal val base = graph.size

    /** How many nodes the run has: the graph's, and any it added. */
    @JvmField internal var size = base

    @JvmField internal val sequential = options.sequential

    @JvmField internal var needed: BooleanArray? =
        if (alone != null) {
            BooleanArray(size).also { it[alone.node] = true }
        } else if (options.targets.isEmpty()) {
            null
        } else {
            graph.ancestorsOf(
                options.targets.map(dag::indexOf).toIntArray(),
            )
        }

    @JvmField internal val limit = if (sequential) 1 else options.maxConcurrency

    private val continueOnFailure = options.failurePolicy == FailurePolicy.CONTINUE

    @JvmField var values: Array<Any?> = arrayOfNulls(size)

    @JvmField internal var status = ByteArray(size)

    @JvmField internal var startNanos = LongArray(size)

    @JvmField internal var endNanos = LongArray(size)

    @JvmField internal var attempts = IntArray(size)

    @JvmField internal var errors: Array<Throwable?>? = null

    /** The nodes added while the run runs, and what the graph's nodes gained; null until the first is. */
    @JvmField internal var growth: Growth? = null

    /** Whether the live block still runs: it may add nodes while no node runs. */
    @JvmField internal var growing = false

    /** What the live block threw, if anything but cancellation: the run fails with it. */
    @JvmField internal var growerError: Throwable? = null

    @JvmField internal var outputIndex = if (dag.hasOutput) dag.output.index else Dag.NO_OUTPUT

    /** Per node, in a recomputation: whether its value is new in this run, so its dependents must recompute. */
    @JvmField internal val changed: BooleanArray? = reuse?.let { BooleanArray(size) }

    /** In a recomputation: ready nodes that will keep their values, taken before any other. */
    private val reusedReady: IntQueue? = reuse?.let { IntQueue(4) }

    @JvmField internal var counters = IntArray(size)

    @JvmField internal val ready = IntQueue()

    @JvmField internal val heap =
        if (limit < Int.MAX_VALUE &&
            options.scheduling == Scheduling.CRITICAL_PATH
        ) {
            RankHeap(graph.ranks)
        } else {
            null
        }

    @JvmField internal var nextInOrder = 0

    @JvmField internal var running = 0

    @JvmField internal var stopping = false

    @JvmField internal val failures = IntList(0)

    /** Per node: the input that dooms it to be skipped, or -1; null until a node fails or skips. */
    @JvmField internal var skipCause: IntArray? = null

    /** The graph's pools, or null; none when nodes are computed elsewhere or alone (the remote side bounds them). */
    @JvmField internal val pools: Array<dev.adagio.Pool?>? = if (options.remote != null || alone != null) null else graph.pools

    /** Per node: its wait for a pool permit; null when the graph has no pools. */
    @JvmField internal var waiters: Array<PoolWaiter?>? = pools?.let { arrayOfNulls(size) }

    @JvmField internal val granted = IntQueue(4)

    @JvmField internal var waiting = 0

    @JvmField internal val listeners =
        if (options.listeners.isEmpty() && options.interceptors.isEmpty()) {
            null
        } else {
            Listeners(options.listeners + options.interceptors, dag, input, (needed?.count { it } ?: size) - 1)
        }

    /** The run's interceptors around each node attempt; null without any (one check per start). */
    val interception: Interception? = if (options.interceptors.isEmpty()) null else Interception(options.interceptors, listeners!!.info)

    /** Whether anyone listens: node policies announce retries only then. */
    val announcesRetries: Boolean get() = listeners != null

    /** The nodes whose bodies held the driver while others waited; null until one does. */
    @JvmField internal var stalls: ArrayList<DriverStall>? = null

    /** A task whose node finished inline without making its job, kept for the next node (see [NodeTask.reusable]). */
    private var spare: NodeTask? = null

    /**
     * When the last node started finished inline, without listeners: its end time, which the next node
     * the driver starts in the same step takes as its start time (the driver did nothing in between but
     * its bookkeeping), so a node that completes inline costs one clock reading, not two; else -1.
     */
    private var lastInlineEnd = -1L

    @JvmField internal val inbox = Inbox()

    internal lateinit var clock: RunClock

    @JvmField internal var origin = 0L
    internal lateinit var runJob: CompletableJob
    internal lateinit var nodeContext: CoroutineContext

    suspend fun execute(): DagRun<O> {
        val caller = currentCoroutineContext()
        clock = caller[RunClock] ?: RunClock.SYSTEM
        origin = clock.nanoTime() - (options.resume?.elapsedNanos ?: 0L)
        runJob = SupervisorJob(caller[Job])
        nodeContext = Nesting.nodeContext(caller, dag.name)
        val resume = options.resume
        if (resume != null) preset(resume)
        if (alone != null) {
            seed(alone)
        } else {
            for (i in 1 until size) {
                counters[i] = graph.inDegree(i)
                if (counters[i] == 0 && isNeeded(i) && status[i] == PENDING) makeReady(i)
            }
        }
        var timedOut = false
        var error: Throwable? = null
        val timer = RunTimer(dag.name, options.timeoutNanos, caller[RunNotice])
        val stopNow = {
            runJob.cancel(CancellationException(Messages.runTimedOut(dag.name, options.timeoutNanos)))
            // From the timer's thread: the nodes added while the run ran are the driver's alone, so they show in outcomes() only.
            timedOutView(dag, status, values, errors, startNanos, endNanos, attempts, options.timeoutNanos)
        }
        try {
            timedOut =
                timer.run(stopNow) {
                    listeners?.runStarted()
                    succeed(0, input, 0L, null)
                    if (resume != null) releasePreset(resume)
                    if (grower != null) {
                        growing = true
                        grower.start(this, CoroutineScope(nodeContext + Job(runJob)))
                    }
                    drive()
                }
            if (timedOut) stop(CancellationException(Messages.runTimedOut(dag.name, options.timeoutNanos)))
        } catch (e: CancellationException) {
            stop(e)
            closeParts()
            error = RunCancelledException(dag.name, result(), e)
        } finally {
            abandonPoolWaits()
            runJob.cancel()
            grower?.ended()
        }
        closeParts()
        // What the live block threw (a refused declaration, say) is the run's error.
        if (error == null) error = growerError
        if (error == null && timedOut) error = RunTimeoutException(dag.name, options.timeoutNanos, result())
        // Under CONTINUE a caller who gets what it asked for (the output, or every target) gets the run, its failures listed.
        if (error == null && failures.size > 0 && !(continueOnFailure && askedForHaveValues())) error = failure()
        // A listener that blocks in onRunFinished still lets the run's future fail at the timeout.
        if (listeners != null) timer.finish(now(), ::result) { listeners.runFinished(result(), error) }
        if (error != null) throw error
        return result()
    }

    /** Cancels every running node and waits, whatever happens to the caller, until none is running. */
    private suspend fun stop(cause: CancellationException) {
        stopping = true
        runJob.cancel(cause)
        withContext(NonCancellable) { drain() }
    }

    internal fun failure(): NodeFailedException {
        val run = result()
        val errors = errors!!
        val first = failures[0]
        return NodeFailedException(nodeAt(first).name, errors[first]!!, run).apply {
            for (k in 1 until failures.size) addSuppressed(NodeFailedException(nodeAt(failures[k]).name, errors[failures[k]]!!, run))
        }
    }

    private suspend fun drive() {
        // Seen before every start: once the caller (or the run's timeout) cancels, no node starts, even when
        // bodies return without suspending and the driver never reaches a suspension point.
        val driver = currentCoroutineContext()[Job]
        while (true) {
            while (!stopping) {
                // Nodes that keep their values (found reusable when they became ready) take no concurrency slot.
                if (reusedReady?.isEmpty() == false) {
                    reuseValue(reusedReady.poll())
                    continue
                }
                if (running >= limit) break
                if (driver != null && !driver.isActive) driver.ensureActive()
                val next = takeReady()
                if (next < 0) break
                val causes = skipCause
                if (causes != null && causes[next] >= 0) {
                    skipDoomed(next)
                    continue
                }
                // Sequential mode takes nodes in topological order, not as they become ready.
                if (sequential && changed != null && reusable(next)) {
                    reuseValue(next)
                    continue
                }
                if (!acquirePermit(next)) continue
                start(next)
                // A node that failed (or finished with children) without suspending is already in the inbox.
                if (!inbox.isEmpty()) drainInbox()
            }
            // Nothing can start now: the run is over unless a running node will still finish, a permit come,
            // or the live block add a node.
            if (running == 0 && (stopping || waiting == 0) && !growing && (grower == null || grower.close(inbox))) return
            lastInlineEnd = -1
            inbox.await()
            drainInbox()
        }
    }

    /** The next node to start, or -1; permit holders first, then by the run's scheduling. */
    private fun takeReady(): Int {
        if (!granted.isEmpty()) return granted.poll()
        if (sequential) {
            if (running > 0 || waiting > 0) return -1
            // A run that grew: the first node, in topological order then the added ones, whose dependencies
            // have all ended (a map's elements before the map's dependents, which wait for them).
            if (growth != null) return nextAdded()
            while (nextInOrder < size) {
                val i = graph.topoAt(nextInOrder++)
                if (status[i] == PENDING && isNeeded(i)) return i
            }
            return -1
        }
        if (heap != null) return if (heap.isEmpty()) -1 else heap.poll()
        return if (ready.isEmpty()) -1 else ready.poll()
    }

    internal fun makeReady(i: Int) {
        if (sequential) return
        if (reusedReady != null && reusable(i)) {
            reusedReady.add(i)
            return
        }
        if (heap != null) heap.add(i) else ready.add(i)
    }

    internal fun isNeeded(i: Int): Boolean = needed.let { it == null || it[i] }

    /** Whether the output (or, with targets, every target) has a value. */
    private fun askedForHaveValues(): Boolean {
        if (options.targets.isEmpty()) return !dag.hasOutput || hasValue(status[dag.output.index])
        return options.targets.all { hasValue(status[dag.indexOf(it)]) }
    }

    internal fun start(i: Int) {
        status[i] = RUNNING
        attempts[i] = 1
        val begin = lastInlineEnd
        startNanos[i] = if (begin >= 0) begin else now()
        lastInlineEnd = -1
        running++
        listeners?.nodeStarted(nodeAt(i), startNanos[i])
        val task = spare?.also { spare = null }?.apply { reset(i) } ?: NodeTask(this, i, nodeContext, runJob)
        val body =
            when {
                i >= base -> growth!!.body(i)!!.also { task.offset = growth!!.offset(i) }
                options.remote != null -> options.remote
                alone != null -> alone.body(graph)
                else -> graph.bodies[i]!!
            }
        val result =
            try {
                if (interception == null || body.framesAttempts) body.start(task, task) else interception.start(body, task, task)
            } catch (e: Throwable) {
                task.bodyThrew(e)
                return
            }
        if (result === COROUTINE_SUSPENDED) {
            if (!sequential) suspendedStart(i)
            return
        }
        if (task.bodyReturned(result)) {
            running--
            releasePermit(i)
            attempts[i] = task.attemptNumber
            val end = now()
            if (end - startNanos[i] > stallNanos) checkStall(i, end)
            succeed(i, result, end, task.recovered)
            if (listeners == null) lastInlineEnd = end
            if (task.reusable) spare = task
        }
    }

    internal fun finish(task: NodeTask) {
        val i = task.index
        running--
        releasePermit(i)
        attempts[i] = task.attemptNumber
        val cause = task.cause
        if (cause == null) succeed(i, task.value, now(), task.recovered) else fail(i, Errors.unwrap(cause))
    }

    internal fun succeed(
        i: Int,
        value: Any?,
        end: Long,
        recovered: Throwable?,
    ) {
        if (changed != null) {
            changed[i] =
                try {
                    reuse!!.isNew(i, value)
                } catch (e: Throwable) {
                    fail(i, e)
                    return
                }
        }
        values[i] = value
        status[i] = SUCCEEDED
        endNanos[i] = end
        if (recovered != null) errorsArray()[i] = recovered
        if (i != 0) listeners?.nodeFinished(outcome(i))
        release(i, ok = true)
        if (i >= base) partEnded(i)
    }

    /** Lowers the counters of [i]'s dependents; when [i] has no value, dooms those that need it. */
    internal fun release(
        i: Int,
        ok: Boolean,
    ) {
        if (i < base) {
            val outs = graph.outs
            val optional = graph.outOptional
            for (e in graph.outStart[i] until graph.outStart[i + 1]) releaseOne(i, outs[e], ok, optional != null && optional[e])
        }
        val gained = growth?.outs(i) ?: return
        for (k in 0 until gained.size) {
            val d = gained[k]
            if (d >= 0) releaseOne(i, d, ok, false) else releaseOne(i, -d - 1, ok, true)
        }
    }

    /** Lowers dependent [d]'s counter for [i]; when [i] has no value and [d] needs one, dooms [d]. */
    private fun releaseOne(
        i: Int,
        d: Int,
        ok: Boolean,
        optional: Boolean,
    ) {
        if (!ok && !optional) {
            val causes = skipCause ?: IntArray(status.size) { -1 }.also { skipCause = it }
            if (causes[d] < 0) causes[d] = i
        }
        if (--counters[d] == 0 && isNeeded(d) && status[d] == PENDING) makeReady(d)
    }

    private fun skipDoomed(i: Int) {
        val cause = skipCause!![i]
        changed?.set(i, true)
        status[i] = SKIPPED
        startNanos[i] = -1
        endNanos[i] = -1
        errorsArray()[i] = SkippedException(Messages.skippedAfter(nodeAt(i).name, nodeAt(cause).name, statusOf(cause)))
        listeners?.nodeFinished(outcome(i))
        release(i, ok = false)
        if (i >= base) partEnded(i)
    }

    internal fun fail(
        i: Int,
        cause: Throwable,
    ) {
        endNanos[i] = now()
        changed?.set(i, true)
        errorsArray()[i] = cause
        recordFailure(i, cause)
        listeners?.nodeFinished(outcome(i))
        if (i >= base) partEnded(i)
    }

    private fun recordFailure(
        i: Int,
        cause: Throwable,
    ) {
        when {
            cause is SkippedException -> {
                status[i] = SKIPPED
                release(i, ok = false)
            }

            cause is CancellationException && (stopping || !runJob.isActive) -> {
                status[i] = CANCELLED
            }

            else -> {
                status[i] = if (cause is CancellationException) CANCELLED else FAILED
                failures.add(i)
                if (continueOnFailure) {
                    release(i, ok = false)
                } else if (!stopping) {
                    stopping = true
                    runJob.cancel(CancellationException(Messages.runCancelled(nodeAt(i).name)))
                }
            }
        }
    }

    /** Node [i]'s outcome so far, for listeners. */
    internal fun outcome(i: Int): NodeOutcome<Any?> =
        outcomeOf(nodeAt(i), status[i], values[i], errors?.get(i), attempts[i], startNanos[i], endNanos[i])

    internal fun errorsArray(): Array<Throwable?> = errors ?: arrayOfNulls<Throwable>(status.size).also { errors = it }

    /** What an optional input hands its consumer: the node's value, or why it has none. */
    fun resultOf(i: Int): OptionalInput<Any?> = OptionalInput(statusOf(i), if (hasValue(status[i])) values[i] else null, errors?.get(i))

    internal fun statusOf(i: Int): NodeStatus = statusFor(status[i])

    /** Node [i]'s data inputs: a view of [values] when all are plain, else a copy with the optional ones' outcomes. */
    fun dataInputs(i: Int): List<Any?> {
        if (i >= base) return addedInputs(i)
        val from = graph.depStart[i]
        val count = graph.dataCount[i]
        val deps = graph.deps
        val optional = graph.depOptional
        if (optional == null || !anyOptional(optional, from, count)) return InputView(values, deps, from, count)
        return InputList(Array(count) { k -> if (optional[from + k]) resultOf(deps[from + k]) else values[deps[from + k]] })
    }

    internal fun anyOptional(
        optional: BooleanArray,
        from: Int,
        count: Int,
    ): Boolean {
        for (e in from until from + count) if (optional[e]) return true
        return false
    }

    private fun drainInbox() {
        while (true) {
            when (val message = inbox.poll() ?: return) {
                is NodeTask -> finish(message)
                is PoolWaiter -> if (!stopping) granted.add(message.node)
                is Listeners.Retrying -> listeners?.nodeRetrying(message)
                is Added -> add(message)
                is Grower.Ended -> growerEnded(message)
            }
        }
    }

    /** Waits for every running node to finish; used when the run stops early. */
    private suspend fun drain() {
        drainInbox()
        while (running > 0 || growing) {
            inbox.await()
            drainInbox()
        }
    }

    /** Hands the driver a finished node or a granted permit, from any thread. */
    fun post(message: Any) = inbox.post(message)

    internal fun now(): Long = clock.nanoTime() - origin

    // ---- Growth: nodes added while the run runs (live nodes, a map's elements, an included graph's nodes).

    fun nodeAt(i: Int): Node<*> = if (i < base) graph.nodes[i] else growth!!.node(i)

    /** Node [i]'s name, from any thread (a map element's handle is not made for it). */
    fun nameAt(i: Int): String = if (i < base) graph.nodes[i].name else growth!!.name(i)

    /** Map element [i]'s item. */
    fun itemOf(i: Int): Any? = growth!!.item(i)

    /** How long a body may hold the driver while nodes wait ([Stalls]); never, in a sequential run. */
    @JvmField internal val stallNanos = if (sequential) Long.MAX_VALUE else Stalls.thresholdNanos

    /** The graph as the run has grown it, [n] nodes, with the run's output. */
    private fun runDag(n: Int): Dag<I, O> = growth?.freeze(n, outputIndex) ?: dag

    internal fun result(): DagRun<O> {
        val stalls = stalls?.toList() ?: emptyList()
        if (growth == null) return DagRun(dag, status, values, errors, startNanos, endNanos, attempts, stalls)
        // The grown graph is made when the result's graph is first read; arrays sized exactly are not copied.
        val n = size
        val exact = status.size == n
        val record = { runDag(n) }
        return DagRun(
            null,
            if (exact) status else status.copyOf(n),
            if (exact) values else values.copyOf(n),
            if (exact) errors else errors?.copyOf(n),
            if (exact) startNanos else startNanos.copyOf(n),
            if (exact) endNanos else endNanos.copyOf(n),
            if (exact) attempts else attempts.copyOf(n),
            stalls,
            DagRun.Grown(graph.id, outputIndex, record),
        )
    }
}

internal const val PENDING: Byte = 0
internal const val RUNNING: Byte = 1
internal const val SUCCEEDED: Byte = 2
internal const val FAILED: Byte = 3
internal const val CANCELLED: Byte = 4
internal const val SKIPPED: Byte = 5
internal const val WAITING: Byte = 6
internal const val REUSED: Byte = 7

/** Whether a node with status [code] has a value: it succeeded, or kept its value from the previous recomputation. */
internal fun hasValue(code: Byte): Boolean = code == SUCCEEDED || code == REUSED
