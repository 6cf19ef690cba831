package dev.adagio

import dev.adagio.internal.RunNotice
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import kotlin.coroutines.CoroutineContext

/**
 * The future of a run started from outside coroutines (`runAsync`, `invokeAsync`, `liveAsync`, the
 * Java facade): a `CompletableFuture` whose [cancel] cancels the run, and which keeps the run's
 * outcomes reachable after any end, a cancellation included.
 *
 * It completes as the run ends: with the result, or exceptionally with [NodeFailedException] or
 * [RunTimeoutException] themselves (not wrapped), whose `run` holds every outcome. `cancel` completes
 * it at once, as a `Future` must, with a [RunCancellingException] whose [RunCancellingException.outcomes]
 * completes with every node's outcome when the last node has stopped. The run's timeout, too, fails it
 * at once, with a [RunTimeoutException] whose `run` is the outcomes at the timeout (the nodes then
 * running `CANCELLED`), even when a node cannot be stopped; [outcomes] completes when the last node has.
 */
@AdagioInteropApi
public class RunFuture<T> internal constructor(
    private val graphName: String,
) : CompletableFuture<T>() {
    private val outcomes = CompletableFuture<DagRun<*>>()

    @Volatile private var job: Job? = null

    /**
     * Every node's outcome once the run has stopped, whether it succeeded, failed or was cancelled; it
     * fails only when the run stopped without a record (an error of the engine itself).
     */
    public fun outcomes(): CompletableFuture<DagRun<*>> = outcomes.copy()

    /**
     * Cancels the run: every running node is cancelled, its stage cancelled, its blocking thread
     * interrupted. This future completes at once with a [RunCancellingException] (so `isCancelled()` is
     * true and `join()` throws it); its `outcomes()` completes when the last node has stopped.
     */
    override fun cancel(mayInterruptIfRunning: Boolean): Boolean {
        val cancelled = completeExceptionally(RunCancellingException(graphName, outcomes.copy()))
        if (cancelled) job?.cancel(CancellationException(Messages.runCancelledFromOutside(graphName)))
        return cancelled || isCancelled
    }

    internal fun start(
        context: CoroutineContext,
        body: suspend () -> Pair<T, DagRun<*>>,
    ): RunFuture<T> {
        job =
            // ATOMIC: the body runs even when cancelled before it starts, so the run records its NOT_STARTED nodes.
            // The run's timeout fails this future at once, as cancel() does, even while a node cannot be stopped.
            CoroutineScope(context + RunNotice { completeExceptionally(it) }).launch(start = CoroutineStart.ATOMIC) {
                try {
                    val (value, run) = body()
                    outcomes.complete(run)
                    complete(value)
                } catch (e: Throwable) {
                    when (e) {
                        is NodeFailedException -> outcomes.complete(e.run)
                        is RunTimeoutException -> outcomes.complete(e.run)
                        is RunCancelledException -> outcomes.complete(e.run)
                        else -> outcomes.completeExceptionally(e)
                    }
                    completeExceptionally(e)
                }
            }
        // cancel() may have run before the job existed.
        if (isCancelled) job?.cancel(CancellationException(Messages.runCancelledFromOutside(graphName)))
        return this
    }
}

/**
 * How a [RunFuture] fails when it is cancelled: a `CancellationException`, at once, whose [outcomes]
 * completes with every node's outcome when the last node has stopped (the nodes that were running
 * `CANCELLED`, those never started `NOT_STARTED`). Find it in what `join()` threw with
 * [RunCancellingException.of] (newer JDKs wrap it in a new `CancellationException`).
 */
@AdagioInteropApi
public class RunCancellingException internal constructor(
    graphName: String,
    private val outcomes: CompletableFuture<DagRun<*>>,
) : CancellationException(Messages.runCancelledFromOutside(graphName)) {
    /** Every node's outcome, once the last node has stopped. */
    public fun outcomes(): CompletableFuture<DagRun<*>> = outcomes

    /** Finds the cancellation of a run in what a cancelled [RunFuture] threw. */
    public companion object {
        /**
         * The [RunCancellingException] in [failure] or its causes, or null: `join()` and `get()` throw
         * it on JDK 17, and on newer JDKs a new `CancellationException` caused by it (while
         * `handle`/`whenComplete` pass it as it is).
         */
        @JvmStatic
        public fun of(failure: Throwable?): RunCancellingException? {
            var current = failure
            var depth = 0
            while (current != null && depth++ < 32) {
                if (current is RunCancellingException) return current
                current = current.cause
            }
            return null
        }
    }
}
