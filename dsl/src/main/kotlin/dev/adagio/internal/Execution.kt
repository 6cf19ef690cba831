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
    private val dag: Dag<I, O>,
    @JvmField val input: I,
    private val options: RunOptions,
    /** For a reactive graph's recomputation: the previous values and the sources' new ones; else null. */
    private val reuse: Reuse? = null,
    /** For a node computed alone ([dev.adagio.runAlone]): the node and its inputs; else null. */
    private val alone: Alone? = null,
    /** For a live run: the block that adds the run's nodes while it runs; else null. */
    private val grower: Grower? = null,
) {
    @JvmField val graph: Graph = dag.graph

    /** The graph's own nodes; those from here on were added while the run ran ([growth]). */
    private val base = graph.size

    /** How many nodes the run has: the graph's, and any it added. */
    private var size = base
    private val sequential = options.sequential
    private var needed: BooleanArray? =
        if (alone != null) {
            BooleanArray(size).also { it[alone.node] = true }
        } else if (options.targets.isEmpty()) {
            null
        } else {
            graph.ancestorsOf(
                options.targets.map(dag::indexOf).toIntArray(),
            )
        }
    private val limit = if (sequential) 1 else options.maxConcurrency
    private val continueOnFailure = options.failurePolicy == FailurePolicy.CONTINUE

    @JvmField var values: Array<Any?> = arrayOfNulls(size)
    private var status = ByteArray(size)
    private var startNanos = LongArray(size)
    private var endNanos = LongArray(size)
    private var attempts = IntArray(size)
    private var errors: Array<Throwable?>? = null

    /** The nodes added while the run runs, and what the graph's nodes gained; null until the first is. */
    private var growth: Growth? = null

    /** Whether the live block still runs: it may add nodes while no node runs. */
    private var growing = false

    /** What the live block threw, if anything but cancellation: the run fails with it. */
    private var growerError: Throwable? = null
    private var outputIndex = if (dag.hasOutput) dag.output.index else Dag.NO_OUTPUT

    /** Per node, in a recomputation: whether its value is new in this run, so its dependents must recompute. */
    private val changed: BooleanArray? = reuse?.let { BooleanArray(size) }

    /** In a recomputation: ready nodes that will keep their values, taken before any other. */
    private val reusedReady: IntQueue? = reuse?.let { IntQueue(4) }

    private var counters = IntArray(size)
    private val ready = IntQueue()
    private val heap = if (limit < Int.MAX_VALUE && options.scheduling == Scheduling.CRITICAL_PATH) RankHeap(graph.ranks) else null
    private var nextInOrder = 0
    private var running = 0
    private var stopping = false
    private val failures = IntList(0)

    /** Per node: the input that dooms it to be skipped, or -1; null until a node fails or skips. */
    private var skipCause: IntArray? = null

    /** The graph's pools, or null; none when nodes are computed elsewhere or alone (the remote side bounds them). */
    private val pools: Array<dev.adagio.Pool?>? = if (options.remote != null || alone != null) null else graph.pools

    /** Per node: its wait for a pool permit; null when the graph has no pools. */
    private var waiters: Array<PoolWaiter?>? = pools?.let { arrayOfNulls(size) }
    private val granted = IntQueue(4)
    private var waiting = 0

    private val listeners =
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
    private var stalls: ArrayList<DriverStall>? = null

    /** A task whose node finished inline without making its job, kept for the next node (see [NodeTask.reusable]). */
    private var spare: NodeTask? = null

    /**
     * When the last node started finished inline, without listeners: its end time, which the next node
     * the driver starts in the same step takes as its start time (the driver did nothing in between but
     * its bookkeeping), so a node that completes inline costs one clock reading, not two; else -1.
     */
    private var lastInlineEnd = -1L

    private val inbox = Inbox()

    private lateinit var clock: RunClock
    private var origin = 0L
    private lateinit var runJob: CompletableJob
    private lateinit var nodeContext: CoroutineContext

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
            val n = base
            timedOutView(
                dag,
                status.copyOf(n),
                values.copyOf(n),
                errors?.copyOf(n),
                startNanos.copyOf(n),
                endNanos.copyOf(n),
                attempts.copyOf(n),
                options.timeoutNanos,
            )
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

    private fun failure(): NodeFailedException {
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
            // Nodes added while the run ran come first: a map's elements before the map's dependents.
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

    private fun makeReady(i: Int) {
        if (sequential) return
        if (reusedReady != null && reusable(i)) {
            reusedReady.add(i)
            return
        }
        if (heap != null) heap.add(i) else ready.add(i)
    }

    /** True when node [i] may start now: it needs no pool, holds its permit, or got one; else it waits. */
    private fun acquirePermit(i: Int): Boolean {
        val pool = poolOf(i) ?: return true
        val wait = waiters?.get(i)
        if (wait != null && wait.state == PoolWaiter.GRANTED) {
            wait.state = PoolWaiter.STARTED
            waiting--
            return true
        }
        if (pool.tryAcquire()) return true
        val priority = if (options.scheduling == Scheduling.CRITICAL_PATH) rankOf(i) else 0L
        val newWait = PoolWaiter(this, i, priority)
        (waiters ?: arrayOfNulls<PoolWaiter>(status.size).also { waiters = it })[i] = newWait
        status[i] = WAITING
        waiting++
        pool.enqueue(newWait)
        return false
    }

    private fun abandonPoolWaits() {
        val waiters = waiters ?: return
        for (i in 0 until size) {
            val wait = waiters[i] ?: continue
            if (wait.state != PoolWaiter.STARTED) poolOf(i)!!.abandon(wait)
        }
    }

    private fun isNeeded(i: Int): Boolean = needed.let { it == null || it[i] }

    /** Whether the output (or, with targets, every target) has a value. */
    private fun askedForHaveValues(): Boolean {
        if (options.targets.isEmpty()) return !dag.hasOutput || hasValue(status[dag.output.index])
        return options.targets.all { hasValue(status[dag.indexOf(it)]) }
    }

    /**
     * Whether node [i] keeps its previous value in this recomputation: it had one, it is not a source with
     * a new value, and none of its dependencies (data or order) changed.
     */
    private fun reusable(i: Int): Boolean {
        val reuse = reuse!!
        if (!reuse.hadValue(i) || reuse.isFresh(i)) return false
        val changed = changed!!
        for (e in graph.depStart[i] until graph.depStart[i + 1]) if (changed[graph.deps[e]]) return false
        return true
    }

    private fun reuseValue(i: Int) {
        values[i] = reuse!!.previousValue(i)
        status[i] = REUSED
        startNanos[i] = -1
        endNanos[i] = -1
        listeners?.nodeFinished(outcome(i))
        release(i, ok = true)
    }

    /** What a source node's body returns: its source's current value. */
    fun sourceValue(i: Int): Any? {
        val reuse = reuse ?: throw UnsupportedOperationException(Messages.sourceOutsideReactive(nodeAt(i).name))
        return reuse.current(i)
    }

    private fun start(i: Int) {
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

    /** Sets the outcomes of the nodes a resumed run had finished ([dev.adagio.RemoteProgress]). */
    private fun preset(resume: dev.adagio.RemoteProgress) {
        for (i in 1 until size) {
            val code = codeFor(resume.statuses[i])
            if (code == PENDING) continue
            setOutcome(i, code, resume.values[i], resume.errors[i])
            startNanos[i] = resume.startNanos[i]
            endNanos[i] = resume.endNanos[i]
            attempts[i] = resume.attempts[i]
            if (code == FAILED) failures.add(i)
        }
    }

    /** Gives node [i] an outcome it did not compute in this run (seeded or resumed). */
    private fun setOutcome(
        i: Int,
        code: Byte,
        value: Any?,
        error: Throwable?,
    ) {
        status[i] = code
        values[i] = value
        if (error != null) errorsArray()[i] = error
    }

    /** Releases the dependents of the preset nodes, in topological order, as if each had just finished. */
    private fun releasePreset(resume: dev.adagio.RemoteProgress) {
        for (k in 0 until size) {
            val i = graph.topoAt(k)
            if (i == 0 || codeFor(resume.statuses[i]) == PENDING) continue
            release(i, ok = status[i] == SUCCEEDED)
        }
    }

    /** Gives node [alone]'s dependencies their values (and outcomes, for optional ones), and readies it. */
    private fun seed(alone: Alone) {
        val i = alone.node
        val from = graph.depStart[i]
        for (e in from until graph.depStart[i + 1]) {
            val d = graph.deps[e]
            if (d == 0) continue
            val k = e - from
            val given = if (k < graph.dataCount[i]) alone.inputs[k] else Unit
            if (graph.depOptional?.get(e) == true) {
                val outcome = given as OptionalInput<*>
                setOutcome(d, codeFor(outcome.status), outcome.getOrNull(), outcome.error)
            } else {
                setOutcome(d, SUCCEEDED, given, null)
            }
        }
        makeReady(i)
    }

    /** Ready nodes not yet started. */
    private fun readyCount(): Int = heap?.count() ?: ready.size

    /** How long a body may hold the driver while nodes wait ([Stalls]); never, in a sequential run. */
    private val stallNanos = if (sequential) Long.MAX_VALUE else Stalls.thresholdNanos

    /** After a start that suspended: reads the clock, only when other nodes wait, for a body that blocked first. */
    private fun suspendedStart(i: Int) {
        if (readyCount() > 0) checkStall(i, now())
    }

    /** Records (and reports once per node and graph) that node [i]'s body held the driver until [now] while nodes waited. */
    private fun checkStall(
        i: Int,
        now: Long,
    ) {
        val held = now - startNanos[i]
        if (held <= stallNanos) return
        val waiting = readyCount()
        if (waiting == 0) return
        val stall = DriverStall(nodeAt(i), held, waiting)
        (stalls ?: ArrayList<DriverStall>(2).also { stalls = it }).add(stall)
        Stalls.report(graph, i, dag.name, stall)
    }

    private fun releasePermit(i: Int) {
        poolOf(i)?.release()
    }

    /** Node [i]'s pool, or null; none when nodes are computed elsewhere or alone. */
    private fun poolOf(i: Int): dev.adagio.Pool? =
        if (i <
            base
        ) {
            pools?.get(i)
        } else if (alone != null || options.remote != null) {
            null
        } else {
            growth!!.pool(i)
        }

    private fun finish(task: NodeTask) {
        val i = task.index
        running--
        releasePermit(i)
        attempts[i] = task.attemptNumber
        val cause = task.cause
        if (cause == null) succeed(i, task.value, now(), task.recovered) else fail(i, Errors.unwrap(cause))
    }

    private fun succeed(
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
    private fun release(
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

    private fun fail(
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
    private fun outcome(i: Int): NodeOutcome<Any?> =
        outcomeOf(nodeAt(i), status[i], values[i], errors?.get(i), attempts[i], startNanos[i], endNanos[i])

    private fun errorsArray(): Array<Throwable?> = errors ?: arrayOfNulls<Throwable>(status.size).also { errors = it }

    /** What an optional input hands its consumer: the node's value, or why it has none. */
    fun resultOf(i: Int): OptionalInput<Any?> = OptionalInput(statusOf(i), if (hasValue(status[i])) values[i] else null, errors?.get(i))

    private fun statusOf(i: Int): NodeStatus = statusFor(status[i])

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

    private fun anyOptional(
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

    private fun now(): Long = clock.nanoTime() - origin

    // ---- Growth: nodes added while the run runs (live nodes, a map's elements, an included graph's nodes).

    fun nodeAt(i: Int): Node<*> = if (i < base) graph.nodes[i] else growth!!.node(i)

    /** Map element [i]'s item. */
    fun itemOf(i: Int): Any? = growth!!.item(i)

    private fun rankOf(i: Int): Long = if (i < base) graph.ranks[i] else growth!!.rank(i)

    /** The graph as the run has grown it, [n] nodes, with the run's output. */
    private fun runDag(n: Int): Dag<I, O> = growth?.freeze(n, outputIndex) ?: dag

    private fun addedInputs(i: Int): List<Any?> {
        val deps = growth!!.deps(i)
        val count = growth!!.dataCount(i)
        var anyOptional = false
        for (k in 0 until count) if (deps[k] < 0) anyOptional = true
        if (!anyOptional) return InputView(values, deps, 0, count)
        return InputList(Array(count) { k -> if (deps[k] < 0) resultOf(-deps[k] - 1) else values[deps[k]] })
    }

    /** A live node, declared by the live block or a live node's body. */
    private fun add(added: Added) {
        addNode(added.node, added.body, added.deps, added.dataCount, added.spec, -1, 0, added.spec?.weight ?: 1L)
    }

    /**
     * Adds [node] (its index is the run's size) with [body] and [deps] (see [Growth]), as a part of
     * [group] (or -1), its body's compiled indices shifted by [offset]; it is ready at once when every
     * dependency has ended, and doomed when one it needs has no value.
     */
    private fun addNode(
        node: Node<*>,
        body: Invoker?,
        deps: IntArray,
        dataCount: Int,
        spec: dev.adagio.PolicySpec?,
        group: Int,
        offset: Int,
        rank: Long,
    ): Int {
        val growth = growth ?: Growth(graph).also { growth = it }
        val i = size
        ensureCapacity(i + 1)
        growth.append(node, body, deps, dataCount, spec?.pool, spec, group, offset, rank)
        size = i + 1
        var waitFor = 0
        for (e in deps) {
            val d = if (e >= 0) e else -e - 1
            val code = status[d]
            if (hasValue(code)) continue
            if (d < i && (code == FAILED || code == CANCELLED || code == SKIPPED)) {
                if (e >= 0) (skipCause ?: IntArray(status.size) { -1 }.also { skipCause = it })[i] = d
                continue
            }
            growth.addOut(d, i, e < 0)
            waitFor++
        }
        counters[i] = waitFor
        heap?.ranks?.set(i, rank)
        // A node without body (an included graph's input) has its value already.
        if (waitFor == 0 && !stopping && body != null) makeReady(i)
        return i
    }

    /** Makes room for [n] nodes in every per-node array. */
    private fun ensureCapacity(n: Int) {
        val old = status.size
        if (n <= old) return
        val c = maxOf(n, old * 2, 16)
        values = values.copyOf(c)
        status = status.copyOf(c)
        startNanos = startNanos.copyOf(c)
        endNanos = endNanos.copyOf(c)
        attempts = attempts.copyOf(c)
        counters = counters.copyOf(c)
        errors = errors?.copyOf(c)
        waiters = waiters?.copyOf(c)
        skipCause = skipCause?.let { causes -> IntArray(c) { if (it < old) causes[it] else -1 } }
        needed = needed?.let { marks -> BooleanArray(c) { it >= old || marks[it] } }
        heap?.ranks = LongArray(c) { if (it < old) heap!!.ranks[it] else 0L }
    }

    private fun growerEnded(ended: Grower.Ended) {
        growing = false
        if (ended.output >= 0) outputIndex = ended.output
        val error = ended.error ?: return
        if (error is CancellationException) return
        growerError = error
        if (!stopping) {
            stopping = true
            runJob.cancel(CancellationException(Messages.liveBlockFailed(dag.name)))
        }
    }

    /** In a sequential run that grew: the first node, in declaration order, whose dependencies have all ended. */
    private fun nextAdded(): Int {
        while (nextInOrder < size && status[inOrder(nextInOrder)] != PENDING) nextInOrder++
        for (k in nextInOrder until size) {
            val i = inOrder(k)
            if (status[i] == PENDING && counters[i] == 0 && isNeeded(i)) return i
        }
        return -1
    }

    /**
     * Starts map node [task]'s elements: one node per item of its list, each running the map's body on
     * its item under the map's policies. The map node holds no concurrency slot; it ends when its last
     * element does ([completeParts]). An empty list is the map's value at once.
     */
    fun expandMap(
        task: NodeTask,
        map: MapInvoker,
    ): Any? {
        val m = task.index
        val items = values[task.offset + map.list] as List<*>? ?: throw NullPointerException(Messages.mapOfNull(nodeAt(m).name))
        if (items.isEmpty()) return emptyList<Any?>()
        val node = nodeAt(m)
        val spec = map.spec
        val body = spec?.wrap(map.element) ?: map.element
        val bound = spec?.bound?.let { dev.adagio.Pool(node.name, it) }
        val elementSpec = if (bound == null) spec else spec!!.withPool(bound)
        val first = size
        val deps = intArrayOf(task.offset + map.list)
        ensureCapacity(first + items.size)
        val parts = Parts(m, first, items.size, items, -1, map.collect)
        (growth ?: Growth(graph).also { growth = it }).startParts(parts)
        val rank = rankOf(m)
        for (k in items.indices) {
            addNode(
                Node<Any?>(node.graph, first + k, node.name + "[" + k + "]", map.kind),
                body,
                deps,
                1,
                elementSpec,
                m,
                task.offset,
                rank,
            )
        }
        running--
        return COROUTINE_SUSPENDED
    }

    /**
     * Starts include node [task]'s graph inside this run: its input node takes the include's input, and
     * each of its nodes is added under the include's name (`checkout/payment`), with its own body and
     * policies. The include node holds no concurrency slot; it ends when the last of them does.
     */
    fun expandInclude(
        task: NodeTask,
        include: IncludeInvoker,
    ): Any? {
        val m = task.index
        val inner = include.dag.graph
        val given = if (include.input < 0) Unit else values[task.offset + include.input]
        if (inner.size == 1) return if (include.dag.hasOutput) given else Unit
        val node = nodeAt(m)
        val offset = size
        ensureCapacity(offset + inner.size)
        val output = if (include.dag.hasOutput) offset + include.dag.output.index else -1
        val parts = Parts(m, offset, inner.size, null, output, false)
        parts.remaining = inner.size - 1
        (growth ?: Growth(graph).also { growth = it }).startParts(parts)
        val rank = rankOf(m)
        val id = node.graph
        addNode(
            Node<Any?>(id, offset, node.name + "/" + inner.nodes[0].name, inner.nodes[0].kind),
            null,
            IntArray(0),
            0,
            null,
            m,
            offset,
            rank,
        )
        status[offset] = SUCCEEDED
        values[offset] = given
        startNanos[offset] = startNanos[m]
        endNanos[offset] = startNanos[m]
        for (k in 1 until inner.size) {
            val from = inner.depStart[k]
            val deps =
                IntArray(inner.inDegree(k)) { e ->
                    if (inner.depOptional?.get(from + e) ==
                        true
                    ) {
                        -(offset + inner.deps[from + e]) - 1
                    } else {
                        offset + inner.deps[from + e]
                    }
                }
            val innerNode = inner.nodes[k]
            val spec = inner.specs?.get(k)
            addNode(
                Node<Any?>(id, offset + k, node.name + "/" + innerNode.name, innerNode.kind),
                inner.bodies[k],
                deps,
                inner.dataCount[k],
                spec,
                m,
                offset,
                rank,
            )
        }
        running--
        return COROUTINE_SUSPENDED
    }

    /** Part [i] of a map or include ended: the last one ends its map or include. */
    private fun partEnded(i: Int) {
        val growth = growth!!
        val group = growth.group(i)
        if (group < 0) return
        val parts = growth.parts(group)!!
        if (--parts.remaining == 0) completeParts(parts)
    }

    /**
     * Ends a map or include whose parts have all ended: with the elements' values (or, for a collecting
     * map, their outcomes) or the included graph's output; else as its first part without a value did.
     */
    private fun completeParts(parts: Parts) {
        val m = parts.node
        val end = now()
        val items = parts.items
        var missing = -1
        for (k in 0 until parts.count) {
            val p = parts.first + k
            if (hasValue(status[p]) || (parts.collect && status[p] != PENDING)) continue
            if (missing < 0 || (status[p] == FAILED && status[missing] != FAILED)) missing = p
        }
        if (items != null && missing < 0) {
            val value = List(parts.count) { k -> if (parts.collect) resultOf(parts.first + k) else values[parts.first + k] }
            succeed(m, value, end, null)
            return
        }
        if (items == null && missing < 0 && (parts.output < 0 || hasValue(status[parts.output]))) {
            succeed(m, if (parts.output < 0) Unit else values[parts.output], end, null)
            return
        }
        if (missing < 0) missing = parts.output
        val name = nodeAt(missing).name
        val cause =
            when (status[missing]) {
                FAILED -> dev.adagio.InnerNodeFailedException(name, errors!![missing]!!)
                SKIPPED -> dev.adagio.SkippedException(Messages.skippedAfter(nodeAt(m).name, name, NodeStatus.SKIPPED))
                else -> CancellationException(Messages.partNotDone(nodeAt(m).name, name, statusOf(missing)))
            }
        fail(m, cause)
    }

    /**
     * At the end of a run that stopped before every part of a map or include ended: it ends as its first
     * part without a value did (failed, or cancelled with the run).
     */
    private fun closeParts() {
        val open = growth?.openParts() ?: return
        for (parts in open.reversed()) {
            if (status[parts.node] != RUNNING) continue
            parts.remaining = 0
            completeParts(parts)
        }
    }

    /** The [k]-th node in the order a sequential run takes them: the graph's topological order, then the added ones. */
    private fun inOrder(k: Int): Int = if (k < base) graph.topoAt(k) else k

    private fun result(): DagRun<O> {
        val stalls = stalls?.toList() ?: emptyList()
        if (growth == null) return DagRun(dag, status, values, errors, startNanos, endNanos, attempts, stalls)
        val n = size
        return DagRun(
            runDag(n),
            status.copyOf(n),
            values.copyOf(n),
            errors?.copyOf(n),
            startNanos.copyOf(n),
            endNanos.copyOf(n),
            attempts.copyOf(n),
            stalls,
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
