package dev.adagio.internal

import dev.adagio.SkippedException
import java.util.concurrent.CancellationException

/**
 * One node computed alone ([dev.adagio.runAlone]), as attempt [attempt] of a run elsewhere: its
 * dependencies take [inputs] (order dependencies count as succeeded), and it runs its body without
 * timeout or retries, which the caller applies.
 */
internal class Alone(
    val node: Int,
    val inputs: List<Any?>,
    val attempt: Int,
    val lastAttempt: Boolean,
) {
    /** The node's body for this attempt, on its dispatcher: its fallback only after a last failure. */
    fun body(graph: Graph): Invoker {
        val spec = graph.specs?.get(node)
        val raw = graph.rawBodies[node]!!
        val plain = spec?.onDispatcher(raw) ?: raw
        return lambdaInvoker {
            attemptNumber = this@Alone.attempt
            try {
                plain.call(this)
            } catch (e: Throwable) {
                if (e is CancellationException || e is SkippedException) throw e
                val error = Errors.unwrap(e)
                val fallback = spec?.fallback
                val last = this@Alone.lastAttempt || spec?.retry?.retries(error) != true
                if (fallback == null || !last) throw error
                recovered = error
                fallback.apply(error)
            }
        }
    }
}
