package dev.adagio.internal

import dev.adagio.Messages
import kotlinx.coroutines.future.await
import java.util.concurrent.CompletionStage

/**
 * Awaits a stage a Java body returned for node [node]; a null stage fails the node with a message naming
 * it. Awaiting cancels the stage's future when the waiting coroutine is cancelled.
 */
internal suspend fun <T> CompletionStage<T>?.awaitFor(node: String): T =
    (this ?: throw NullPointerException(Messages.nullStage(node))).await()
