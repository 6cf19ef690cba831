package dev.adagio

import dev.adagio.internal.Invoker
import dev.adagio.internal.PolicyBody
import dev.adagio.internal.dispatchedTo
import dev.adagio.internal.lambdaInvoker
import kotlinx.coroutines.CoroutineDispatcher

/** The policies declared on one node while its graph is built. */
internal class PolicySpec(
    var timeoutNanos: Long = 0L,
    var retry: Retry? = null,
    var pool: Pool? = null,
    var weight: Long = 1L,
    var fallback: java.util.function.Function<in Throwable, *>? = null,
    var dispatcher: CoroutineDispatcher? = null,
) {
    /** A map's bound on its elements running at once, or null. */
    var bound: Int? = null

    /**
     * The body with its timeout, retries and fallback around it, all on its dispatcher if it has one;
     * unchanged when it has none of them.
     */
    fun wrap(body: Invoker): Invoker {
        val plain = timeoutNanos == 0L && retry == null && fallback == null
        val policed = if (plain) body else PolicyBody(body, timeoutNanos, retry, fallback).asInvoker()
        return onDispatcher(policed)
    }

    /** [body] on the node's dispatcher, if it has one, without its other policies. */
    fun onDispatcher(body: Invoker): Invoker {
        val on = dispatcher ?: return body
        return lambdaInvoker {
            runOn(on)
            dispatchedTo(on, this) { body.call(this) }
        }
    }

    /** These policies as the public inspection shows them. */
    fun describe(): NodePolicies = NodePolicies(timeoutNanos, retry, fallback != null, pool, weight, dispatcher != null)
}
