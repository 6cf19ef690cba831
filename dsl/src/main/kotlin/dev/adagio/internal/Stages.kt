package dev.adagio.internal

import dev.adagio.Messages
import kotlinx.coroutines.future.await
import java.util.concurrent.CompletionStage

/**
 * Awaits a stage a Java body returned for node [node]; a null stage fails the node with a message naming
 * it. Awaiting cancels the stage's future when the waiting coroutine is cancelled.
 *
 * A stage already complete is read without `get()`: its `ExecutionException` would call the error's
 * `toString`, and fail with whatever a hostile `toString` throws instead of the error itself.
 */
internal suspend fun <T> CompletionStage<T>?.awaitFor(node: String): T {
    val future = (this ?: throw NullPointerException(Messages.nullStage(node))).toCompletableFuture()
    if (!future.isDone) return future.await()
    @Suppress("UNCHECKED_CAST")
    if (!future.isCompletedExceptionally) return future.getNow(null) as T
    var error: Throwable? = null
    future.exceptionally { e -> null.also { error = e } }
    throw Errors.unwrap(error!!)
}
