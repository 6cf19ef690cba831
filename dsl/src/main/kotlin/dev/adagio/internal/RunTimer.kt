package dev.adagio.internal

import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.RunTimeoutException
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext
import kotlin.time.Duration.Companion.nanoseconds

/**
 * What a run started from outside coroutines ([dev.adagio.RunFuture]) is told at once, from the timer's
 * thread, before the run has stopped: that it timed out. The run does not pass it on to runs nested in
 * its node bodies.
 */
internal class RunNotice(
    /** The run reached its timeout; [error]'s run is the outcomes as the timer saw them then. */
    val timedOut: (error: RunTimeoutException) -> Unit,
) : AbstractCoroutineContextElement(Key) {
    companion object Key : CoroutineContext.Key<RunNotice>
}

/**
 * A run's timeout, [nanos] (0 for none), acting from the timer and not from the driver: the driver may
 * itself be held (a body that ignores interruption on the one thread of the run's executor, a listener
 * that blocks), and then only the timer is free to cancel the running nodes and tell the [notice].
 */
internal class RunTimer(
    private val graph: String,
    private val nanos: Long,
    private val notice: RunNotice?,
) {
    /**
     * Runs [block] (the run from `onRunStarted` on) under the timeout; true when the timeout ended it. At
     * the timeout, on the timer's thread, [stop] cancels the running nodes and returns the run as it
     * stands then, for the notice.
     */
    suspend fun run(
        stop: () -> DagRun<*>,
        block: suspend () -> Unit,
    ): Boolean {
        if (nanos == 0L) {
            block()
            return false
        }
        return withTimeoutOrNull(nanos.nanoseconds) {
            val watch = atTimeout(coroutineContext[Job]!!) { stop().let { notice?.timedOut(RunTimeoutException(graph, nanos, it)) } }
            try {
                block()
            } finally {
                watch.dispose()
            }
        } == null
    }

    /**
     * Runs [block], which does not suspend (the listeners' `onRunFinished`), [elapsed] into the run: if the
     * rest of the timeout passes first, the notice hears of it then, with [run], while [block] goes on.
     * The caller's cancellation does not interrupt it.
     */
    suspend fun finish(
        elapsed: Long,
        run: () -> DagRun<*>,
        block: () -> Unit,
    ) {
        val left = nanos - elapsed
        if (notice == null || nanos == 0L || left <= 0) return block()
        withContext(NonCancellable) {
            withTimeoutOrNull(left.nanoseconds) {
                val watch = atTimeout(coroutineContext[Job]!!) { notice.timedOut(RunTimeoutException(graph, nanos, run())) }
                try {
                    block()
                } finally {
                    watch.dispose()
                }
            }
        }
    }

    /** Calls [action] on the timer's thread the moment [timeout], a `withTimeoutOrNull` block's job, times out. */
    @OptIn(InternalCoroutinesApi::class)
    private fun atTimeout(
        timeout: Job,
        action: () -> Unit,
    ): DisposableHandle =
        timeout.invokeOnCompletion(onCancelling = true, invokeImmediately = false) { cause ->
            if (cause is TimeoutCancellationException) action()
        }
}

/**
 * A run as the timer sees it at a timeout [at] nanoseconds into it, read from the driver's arrays without
 * the driver: nodes then running or waiting for a permit show as `CANCELLED`, as the timeout cancels them.
 * The run's own result, once the last node stopped, is the authority.
 */
internal fun <O> timedOutView(
    dag: Dag<*, O>,
    status: ByteArray,
    values: Array<Any?>,
    errors: Array<Throwable?>?,
    startNanos: LongArray,
    endNanos: LongArray,
    attempts: IntArray,
    at: Long,
    /** How many nodes the view has: the graph's own (the arrays of a run that grew are longer). */
    n: Int = dag.nodes.size,
): DagRun<O> {
    val codes = status.copyOf(n)
    val ends = endNanos.copyOf(n)
    for (i in codes.indices) {
        if (codes[i] == RUNNING || codes[i] == WAITING) {
            codes[i] = CANCELLED
            ends[i] = at
        }
    }
    return DagRun(dag, codes, values.copyOf(n), errors?.copyOf(n), startNanos.copyOf(n), ends, attempts.copyOf(n), emptyList())
}
