package dev.adagio.internal

import dev.adagio.AdagioDispatchers
import dev.adagio.BlockingDispatcher
import dev.adagio.Messages
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.isActive
import kotlinx.coroutines.runInterruptible
import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield
import java.util.concurrent.CancellationException
import java.util.concurrent.Executor
import java.util.concurrent.RejectedExecutionException
import kotlin.coroutines.ContinuationInterceptor

/**
 * Where work started from outside coroutines (futures, publishers) and dispatched nodes run: on
 * [executor], or `Dispatchers.Default`.
 */
internal fun dispatcherFor(executor: Executor?): CoroutineDispatcher = executor?.asCoroutineDispatcher() ?: Dispatchers.Default

/** Where blocking bodies given as plain functions (Java's) run: on [executor], or [AdagioDispatchers.Blocking]. */
internal fun blockingDispatcherFor(executor: Executor?): CoroutineDispatcher =
    executor?.asCoroutineDispatcher() ?: AdagioDispatchers.Blocking

/**
 * Runs a blocking [block] on [dispatcher], interrupted when cancelled: the one way every kind runs its
 * blocking bodies. A body that named no dispatcher ([AdagioDispatchers.Blocking]) runs where the run's
 * [BlockingDispatcher] says, when it has one. When the hand-off is cancelled before [block] starts,
 * [attempts] is told that this attempt's body never started.
 */
internal suspend fun <T> runBlockingBody(
    dispatcher: CoroutineDispatcher,
    attempts: Attempts? = null,
    block: () -> T,
): T {
    val target =
        if (dispatcher ===
            AdagioDispatchers.Blocking
        ) {
            currentCoroutineContext()[BlockingDispatcher]?.dispatcher ?: dispatcher
        } else {
            dispatcher
        }
    var started = false
    val job = currentCoroutineContext()[Job]
    return ownFailure({ started }, attempts) {
        runInterruptible(target) {
            // Seen on the executor's thread, the moment before the body: a cancel that came while the
            // hand-off waited for that thread (after kotlinx's own check) starts no body.
            if (job != null && !job.isActive) throw CancellationException(Messages.handOffCancelled())
            started = true
            block()
        }
    }
}

/**
 * Runs [call], a hand-off of a body to a dispatcher, turning back into the body's own failure the two
 * `CancellationException`s kotlinx.coroutines makes of failures that are no cancellation while the caller
 * is still active: a body's own `InterruptedException` (`runInterruptible` reports every interruption as
 * the parent's cancellation) and an executor's `RejectedExecutionException` (the dispatcher cancels the
 * rejected task, "The task was rejected"). The node then fails with the exception itself, and its failure
 * names the node. A cancellation before the body [started] tells [attempts] (bodies started are counted).
 */
private suspend inline fun <T> ownFailure(
    started: () -> Boolean,
    attempts: Attempts?,
    call: () -> T,
): T =
    try {
        call()
    } catch (e: CancellationException) {
        if (!started()) attempts?.notStarted()
        // In debug mode kotlinx.coroutines rethrows a copy whose cause is the exception it made.
        var cause = e.cause
        if (cause is CancellationException) cause = cause.cause
        if ((cause is InterruptedException || cause is RejectedExecutionException) && currentCoroutineContext().isActive) throw cause
        throw e
    }

/**
 * Runs [block] on [dispatcher], dispatched even when the caller already runs there: the one mechanism
 * of `dispatched` nodes in every graph kind.
 *
 * `withContext(dispatcher)` alone runs the block in place when the caller is on [dispatcher] already
 * (a run called from `Dispatchers.Default`, or the Java facade's driver), so a CPU-bound body would
 * still hold the driver's thread and nodes would run one at a time. Here the caller then yields first:
 * its continuation goes to the dispatcher's queue, the driver's thread returns to the driver, and the
 * body runs on whichever thread of the dispatcher takes it. [attempts] as for [runBlockingBody].
 */
internal suspend fun <T> dispatchedTo(
    dispatcher: CoroutineDispatcher,
    attempts: Attempts? = null,
    block: suspend () -> T,
): T {
    var started = false
    if (currentCoroutineContext()[ContinuationInterceptor] !== dispatcher) {
        return ownFailure({ started }, attempts) {
            withContext(dispatcher) {
                started = true
                block()
            }
        }
    }
    ownFailure({ false }, attempts) { yield() }
    return block()
}
