package dev.adagio.internal

import dev.adagio.NodeTimeoutException
import dev.adagio.Retry
import dev.adagio.SkippedException
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.withTimeoutOrNull
import java.util.concurrent.CancellationException
import java.util.function.Function
import kotlin.time.Duration.Companion.nanoseconds

/**
 * One node's attempts, as its policies see them: a dag run's [NodeTask] or a live node. The one
 * mechanism for timeouts, retries and fallbacks in every kind.
 */
internal interface Attempts {
    /** The node's name, for the timeout's message. */
    val nodeName: String

    /** The attempt being made; raised before each retry. */
    var attemptNumber: Int

    /** The error a fallback turned into the node's value, if any. */
    var recovered: Throwable?

    /** Announces a retry after [pauseNanos]. */
    fun retrying(
        error: Throwable,
        pauseNanos: Long,
    )

    /** The attempt's body was handed to a dispatcher and cancelled before it started ([runBlockingBody]). */
    fun notStarted() {}

    /** Runs [call], one attempt, inside the run's interceptors (none, unless the kind has them). */
    suspend fun intercept(call: suspend () -> Any?): Any? = call()
}

/**
 * A node body with its policies around it: each attempt under the node's timeout, retries with backoff,
 * and a fallback for the last failure. Cancellation and skips pass straight through.
 */
internal class PolicyBody(
    private val body: Invoker?,
    private val timeoutNanos: Long,
    private val retry: Retry?,
    private val fallback: Function<in Throwable, *>?,
) {
    /** Runs a dag node's [body]. */
    suspend fun run(task: NodeTask): Any? = run(task) { body!!.call(task) }

    /** Runs [call] under the policies, each call one attempt. */
    suspend fun run(
        task: Attempts,
        call: suspend () -> Any?,
    ): Any? {
        while (true) {
            try {
                return attempt(task, call)
            } catch (e: Throwable) {
                if (e is CancellationException || e is SkippedException) throw e
                val error = Errors.unwrap(e)
                if (retry != null && task.attemptNumber < retry.maxAttempts && retry.retries(error)) {
                    val pause = retry.delayNanosAfter(task.attemptNumber)
                    task.retrying(error, pause)
                    delay(pause.nanoseconds)
                    // As the driver does before a first start: no attempt starts once the run is cancelled.
                    currentCoroutineContext().ensureActive()
                    task.attemptNumber++
                    continue
                }
                if (fallback == null) throw error
                task.recovered = error
                return fallback.apply(error)
            }
        }
    }

    private suspend fun attempt(
        task: Attempts,
        call: suspend () -> Any?,
    ): Any? {
        if (timeoutNanos <= 0) return task.intercept(call)
        val box =
            withTimeoutOrNull(timeoutNanos.nanoseconds) { Box(task.intercept(call)) }
                ?: throw NodeTimeoutException(task.nodeName, timeoutNanos)
        return box.value
    }

    /** Tells a body that returned null from a timeout. */
    private class Box(
        val value: Any?,
    )

    /** The node's invoker; it frames each attempt for the run's interceptors itself. */
    fun asInvoker(): Invoker = attemptsInvoker { run(this) }
}
