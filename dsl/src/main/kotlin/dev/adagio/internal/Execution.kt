package dev.adagio.internal

import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.Messages
import dev.adagio.NodeFailedException
import dev.adagio.RunCancelledException
import dev.adagio.RunClock
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CompletableJob
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withContext
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletionException
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.ExecutionException
import java.util.concurrent.atomic.AtomicReference
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlin.coroutines.resume

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
    private val needed: BooleanArray?,
    private val sequential: Boolean,
) {
    @JvmField val graph: Graph = dag.graph
    private val size = graph.size

    @JvmField val values: Array<Any?> = arrayOfNulls(size)
    private val status = ByteArray(size)
    private val startNanos = LongArray(size)
    private val endNanos = LongArray(size)
    private val attempts = IntArray(size)
    private var errors: Array<Throwable?>? = null

    private val counters = IntArray(size)
    private val ready = IntQueue()
    private var nextInOrder = 0
    private var running = 0
    private var failedNode = -1

    private val inbox = ConcurrentLinkedQueue<NodeTask>()
    private val waiter = AtomicReference<CancellableContinuation<Unit>?>(null)

    private lateinit var clock: RunClock
    private var origin = 0L
    private lateinit var runJob: CompletableJob
    private lateinit var nodeContext: CoroutineContext

    suspend fun execute(): DagRun<O> {
        val caller = currentCoroutineContext()
        clock = caller[RunClock] ?: RunClock.SYSTEM
        origin = clock.nanoTime()
        runJob = SupervisorJob(caller[Job])
        nodeContext = caller.minusKey(Job)
        for (i in 1 until size) {
            counters[i] = graph.inDegree(i)
            if (counters[i] == 0 && !sequential && isNeeded(i)) ready.add(i)
        }
        try {
            succeed(0, input, 0L)
            drive(caller)
        } catch (e: CancellationException) {
            runJob.cancel(e)
            withContext(NonCancellable) { drain() }
            throw RunCancelledException(dag.name, result(), e)
        } finally {
            runJob.cancel()
        }
        if (failedNode >= 0) {
            throw NodeFailedException(graph.nodes[failedNode].name, errors!![failedNode]!!, result())
        }
        return result()
    }

    private suspend fun drive(caller: CoroutineContext) {
        var started = 0
        while (true) {
            while (failedNode < 0) {
                val next = takeReady()
                if (next < 0) break
                start(next)
                // A node that failed (or finished with children) without suspending is already in the inbox.
                if (!inbox.isEmpty()) drainInbox()
                if (++started and 1023 == 0) caller.ensureActive()
            }
            // Nothing can start now: the run is over unless a running node will still finish.
            if (running == 0) return
            awaitSignal()
            drainInbox()
        }
    }

    /** The next node to start, or -1; sequential runs take one node at a time in topological order. */
    private fun takeReady(): Int {
        if (!sequential) return if (ready.isEmpty()) -1 else ready.poll()
        if (running > 0) return -1
        while (nextInOrder < size) {
            val i = graph.topo[nextInOrder++]
            if (status[i] == PENDING && isNeeded(i)) return i
        }
        return -1
    }

    private fun isNeeded(i: Int): Boolean = needed == null || needed[i]

    private fun start(i: Int) {
        status[i] = RUNNING
        attempts[i] = 1
        startNanos[i] = now()
        running++
        val job = Job(runJob)
        val task = NodeTask(this, i, job, nodeContext + job)
        val result =
            try {
                graph.bodies[i]!!.startCoroutineUninterceptedOrReturn(task, task)
            } catch (e: Throwable) {
                task.bodyThrew(e)
                return
            }
        if (result !== COROUTINE_SUSPENDED && task.bodyReturned(result)) {
            running--
            succeed(i, result, now())
        }
    }

    private fun finish(task: NodeTask) {
        running--
        val cause = task.cause
        if (cause == null) succeed(task.index, task.value, now()) else fail(task.index, unwrap(cause))
    }

    private fun succeed(
        i: Int,
        value: Any?,
        end: Long,
    ) {
        values[i] = value
        status[i] = SUCCEEDED
        endNanos[i] = end
        val outs = graph.outs
        for (e in graph.outStart[i] until graph.outStart[i + 1]) {
            val d = outs[e]
            if (--counters[d] == 0 && !sequential && isNeeded(d)) ready.add(d)
        }
    }

    private fun fail(
        i: Int,
        cause: Throwable,
    ) {
        endNanos[i] = now()
        val errors = errors ?: arrayOfNulls<Throwable>(size).also { errors = it }
        errors[i] = cause
        val cancelledByRun = cause is CancellationException && !runJob.isActive
        status[i] = if (cause is CancellationException) CANCELLED else FAILED
        if (!cancelledByRun && failedNode < 0) {
            failedNode = i
            runJob.cancel(CancellationException(Messages.runCancelled(graph.nodes[i].name)))
        }
    }

    private fun drainInbox() {
        while (true) finish(inbox.poll() ?: return)
    }

    /** Waits for every running node to finish; used after the caller was cancelled. */
    private suspend fun drain() {
        drainInbox()
        while (running > 0) {
            awaitSignal()
            drainInbox()
        }
    }

    fun post(task: NodeTask) {
        inbox.add(task)
        waiter.getAndSet(null)?.resume(Unit)
    }

    private suspend fun awaitSignal() {
        if (!inbox.isEmpty()) return
        suspendCancellableCoroutine { c ->
            waiter.set(c)
            if (!inbox.isEmpty() && waiter.compareAndSet(c, null)) c.resume(Unit)
        }
    }

    private fun now(): Long = clock.nanoTime() - origin

    private fun result(): DagRun<O> = DagRun(dag, status, values, errors, startNanos, endNanos, attempts)

    private companion object {
        /**
         * The exception a node really threw: unwrapped from `CompletionException`/`ExecutionException`, and
         * from the copies kotlinx.coroutines makes in debug mode to recover stack traces (a copy of the same
         * class whose cause is the original, marked by artificial `_COROUTINE` frames; kotlinx's own
         * `unwrap` tells them apart the same way).
         */
        fun unwrap(error: Throwable): Throwable {
            var e = error
            while (true) {
                val cause = e.cause ?: return e
                e =
                    when {
                        e is CompletionException || e is ExecutionException -> cause
                        cause.javaClass == e.javaClass && e.stackTrace.any { it.className.startsWith("_COROUTINE") } -> cause
                        else -> return e
                    }
            }
        }
    }
}

internal const val PENDING: Byte = 0
internal const val RUNNING: Byte = 1
internal const val SUCCEEDED: Byte = 2
internal const val FAILED: Byte = 3
internal const val CANCELLED: Byte = 4
internal const val SKIPPED: Byte = 5
