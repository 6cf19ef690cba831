package dev.adagio.internal

import dev.adagio.NodeTimeoutException
import dev.adagio.Retry
import dev.adagio.SkippedException
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeoutOrNull
import java.util.concurrent.CancellationException
import java.util.function.Function
import kotlin.time.Duration.Companion.nanoseconds

/**
 * A node body with its policies around it: each attempt under the node's timeout, retries with backoff,
 * and a fallback for the last failure. Cancellation and skips pass straight through.
 */
internal class PolicyBody(
    private val body: Invoker,
    private val timeoutNanos: Long,
    private val retry: Retry?,
    private val fallback: Function<in Throwable, *>?,
) {
    suspend fun run(task: NodeTask): Any? {
        while (true) {
            try {
                return attempt(task)
            } catch (e: Throwable) {
                if (e is CancellationException || e is SkippedException) throw e
                val error = Errors.unwrap(e)
                if (retry != null && task.attemptNumber < retry.maxAttempts && retry.retries(error)) {
                    val pause = retry.delayNanosAfter(task.attemptNumber)
                    task.retrying(error, pause)
                    delay(pause.nanoseconds)
                    task.attemptNumber++
                    continue
                }
                if (fallback == null) throw error
                task.recovered = error
                return fallback.apply(error)
            }
        }
    }

    private suspend fun attempt(task: NodeTask): Any? {
        if (timeoutNanos <= 0) return body.call(task)
        val box =
            withTimeoutOrNull(timeoutNanos.nanoseconds) { Box(body.call(task)) } ?: throw NodeTimeoutException(task.nodeName, timeoutNanos)
        return box.value
    }

    /** Tells a body that returned null from a timeout. */
    private class Box(
        val value: Any?,
    )

    fun asInvoker(): Invoker = LambdaInvoker { run(this) }
}
