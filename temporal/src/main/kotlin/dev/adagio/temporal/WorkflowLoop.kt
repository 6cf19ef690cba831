package dev.adagio.temporal

import dev.adagio.RunClock
import io.temporal.failure.CanceledFailure
import io.temporal.workflow.CancellationScope
import io.temporal.workflow.Promise
import io.temporal.workflow.Workflow
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Delay
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.launch
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withContext
import java.time.Duration
import java.util.concurrent.CancellationException
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlin.coroutines.suspendCoroutine

/**
 * Runs coroutines inside a Temporal workflow, deterministically: every coroutine of the run is resumed
 * on the workflow's own thread, in the order Temporal's events wake them, and time is the workflow's.
 *
 * The loop runs queued continuations until none is left, then waits with `Workflow.await` for the next
 * one; a completed activity or timer promise queues the continuation waiting for it. `delay` and
 * `withTimeout` become Temporal timers, and the run's clock reads `Workflow.currentTimeMillis`. When the
 * workflow is cancelled, the loop cancels the run and goes on, in a detached scope, until the run has
 * stopped, so every activity's cancellation is waited for.
 */
@OptIn(InternalCoroutinesApi::class)
internal class WorkflowLoop :
    CoroutineDispatcher(),
    Delay {
    private val queue = ArrayDeque<Runnable>()
    private var runJob: Job? = null

    /** Whether the workflow itself was cancelled (as opposed to the run stopped by [cancelRun]). */
    var workflowCancelled: Boolean = false
        private set

    /** Cancels the run from inside, to go on as a new one. */
    fun cancelRun() {
        runJob?.cancel(CancellationException("the run goes on as a new workflow run"))
    }

    override fun isDispatchNeeded(context: CoroutineContext): Boolean = true

    override fun dispatch(
        context: CoroutineContext,
        block: Runnable,
    ) {
        queue.addLast(block)
    }

    override fun scheduleResumeAfterDelay(
        timeMillis: Long,
        continuation: CancellableContinuation<Unit>,
    ) {
        val timer = timer(timeMillis) { continuation.resume(Unit) }
        continuation.invokeOnCancellation { timer.dispose() }
    }

    override fun invokeOnTimeout(
        timeMillis: Long,
        block: Runnable,
        context: CoroutineContext,
    ): DisposableHandle = timer(timeMillis) { dispatch(context, block) }

    /** A Temporal timer that calls [fire] after [millis], in a scope of its own so that disposing it cancels the timer. */
    private fun timer(
        millis: Long,
        fire: () -> Unit,
    ): DisposableHandle {
        if (millis <= 0) {
            fire()
            return DisposableHandle {}
        }
        var disposed = false
        lateinit var promise: Promise<Void>
        val scope = Workflow.newCancellationScope(Runnable { promise = Workflow.newTimer(Duration.ofMillis(millis)) })
        scope.run()
        promise.handle { _, error ->
            if (error == null && !disposed) fire()
        }
        return DisposableHandle {
            disposed = true
            scope.cancel()
        }
    }

    /** Runs [block] to its end on the workflow's thread and returns its value or throws its error. */
    fun <T> run(block: suspend CoroutineScope.() -> T): T {
        val clock = RunClock { Workflow.currentTimeMillis() * 1_000_000 }
        // The block's own outcome, kept apart from the coroutine's: a run cancelled with the workflow still
        // ends with its RunCancelledException (holding the run), not with the cancellation that stopped it.
        var outcome: Result<T>? = null
        val run = CoroutineScope(this + Job() + clock).launch { outcome = runCatching { block() } }
        runJob = run
        var cancelled = false
        while (true) {
            while (queue.isNotEmpty()) queue.removeFirst().run()
            if (run.isCompleted) break
            try {
                if (cancelled) {
                    Workflow.newDetachedCancellationScope { Workflow.await { queue.isNotEmpty() } }.run()
                } else {
                    Workflow.await { queue.isNotEmpty() }
                }
            } catch (e: CanceledFailure) {
                cancelled = true
                workflowCancelled = true
                run.cancel(CancellationException("the workflow was cancelled").apply { initCause(e) })
            }
        }
        return (outcome ?: throw CancellationException("the workflow was cancelled before the run started")).getOrThrow()
    }
}

/**
 * Waits for [promise], made in [scope]: cancelling the caller cancels the scope (and so the activity or
 * timer), then still waits for the promise to settle before rethrowing the cancellation, so nothing the
 * scope started is left running.
 */
internal suspend fun <T> awaitIn(
    scope: CancellationScope,
    promise: Promise<T>,
): T =
    try {
        suspendCancellableCoroutine { continuation ->
            promise.handle { value, error ->
                if (error == null) continuation.resume(value) else continuation.resumeWithException(error)
            }
            continuation.invokeOnCancellation { scope.cancel() }
        }
    } catch (e: CancellationException) {
        withContext(NonCancellable) { suspendCoroutine { settled -> promise.handle { _, _ -> settled.resume(Unit) } } }
        throw e
    }
