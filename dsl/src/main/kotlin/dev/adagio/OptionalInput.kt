package dev.adagio

import dev.adagio.internal.Errors

/**
 * What a consumer that takes an input with `optional(node)` receives: the input's value when it
 * succeeded, or why it has none (it failed, or was skipped). The consumer runs either way.
 *
 * ```
 * val price = node("price", optional(quote)) { q -> q.getOrNull() ?: listPrice }
 * ```
 */
public class OptionalInput<out T> internal constructor(
    /** The input's status: `SUCCEEDED`, `FAILED`, `CANCELLED` or `SKIPPED` (or `REUSED` in a reactive graph). */
    public val status: NodeStatus,
    private val value: T?,
    /** Why the input has no value, or null when it succeeded. */
    public val error: Throwable?,
) {
    /** Whether the input has a value: it succeeded, or kept its value in a reactive recomputation. */
    public val isSuccess: Boolean get() = status == NodeStatus.SUCCEEDED || status == NodeStatus.REUSED

    /** The input's value, or null when it has none. */
    public fun getOrNull(): T? = value

    /** The input's value, or [default] when it has none. */
    public fun getOrDefault(default: @UnsafeVariance T): T = if (isSuccess) value as T else default

    /** The input's value; throws its [error] when it has none. */
    @Suppress("UNCHECKED_CAST")
    public fun getOrThrow(): T = if (isSuccess) value as T else throw error!!

    override fun toString(): String = if (isSuccess) "Success($value)" else "$status(${error?.let { Errors.describe(it) }})"
}
