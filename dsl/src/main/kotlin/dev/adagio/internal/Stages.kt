package dev.adagio.internal

import dev.adagio.Messages
import kotlinx.coroutines.suspendCancellableCoroutine
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

/**
 * Awaits a stage a Java body returned for node [node]; a null stage fails the node with a message naming
 * it. Awaiting cancels the stage's future when the waiting coroutine is cancelled, where the stage lets
 * itself be cancelled.
 *
 * Any `CompletionStage` works: the stage is read through `CompletionStage` methods only (`handle`),
 * never `toCompletableFuture`, `isDone` or `get`, which a stage may refuse (the JDK's
 * `minimalCompletionStage()` throws from them). `get()` would also wrap a failure in an
 * `ExecutionException`, whose constructor calls the error's `toString`, so a hostile `toString` would
 * replace the error. A stage already complete resumes the caller before it suspends.
 */
internal suspend fun <T> CompletionStage<T>?.awaitFor(node: String): T {
    val stage = this ?: throw NullPointerException(Messages.nullStage(node))
    return suspendCancellableCoroutine { waiter ->
        stage.handle { value, error ->
            if (error == null) waiter.resume(value) else waiter.resumeWithException(Errors.unwrap(error))
        }
        if (stage is CompletableFuture<*>) waiter.invokeOnCancellation { cancelQuietly(stage) }
    }
}

/** Cancels [future], unless it refuses (a minimal stage's `cancel` throws). */
private fun cancelQuietly(future: CompletableFuture<*>) {
    try {
        future.cancel(false)
    } catch (_: UnsupportedOperationException) {
        // A stage that cannot be cancelled from here runs to its end; its value is dropped.
    }
}

/** Whether [stage] is a plain `CompletableFuture` (no subclass, which may refuse `isDone`) complete with a value. */
internal fun completedValue(stage: CompletionStage<*>?): Boolean =
    stage != null && stage.javaClass === CompletableFuture::class.java &&
        (stage as CompletableFuture<*>).let { it.isDone && !it.isCompletedExceptionally }
