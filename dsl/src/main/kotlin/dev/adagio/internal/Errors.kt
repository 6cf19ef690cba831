package dev.adagio.internal

import java.util.concurrent.CompletionException
import java.util.concurrent.ExecutionException

/**
 * How every graph kind turns what a body threw into the error it reports, and how an error is put into
 * words. Both are safe against hostile exceptions: a cause chain with a cycle, or a `getMessage`,
 * `toString` or `getCause` that throws, never spins or escapes.
 */
internal object Errors {
    /** How many wrappers [unwrap] looks through at most; a longer chain is a cycle or absurd. */
    private const val MAX_WRAPPERS = 32

    /**
     * The exception a body really threw: unwrapped from `CompletionException`/`ExecutionException`, and from
     * the copies kotlinx.coroutines makes in debug mode to recover stack traces (a copy of the same class
     * whose cause is the original, marked by artificial `_COROUTINE` frames; kotlinx's own `unwrap` tells
     * them apart the same way). A chain of wrappers that loops ends where the loop is found.
     */
    fun unwrap(error: Throwable): Throwable {
        var e = error
        repeat(MAX_WRAPPERS) {
            val cause = causeOf(e) ?: return e
            if (cause === e || !isWrapper(e, cause)) return e
            e = cause
        }
        return e
    }

    private fun causeOf(e: Throwable): Throwable? =
        try {
            e.cause
        } catch (_: Throwable) {
            null
        }

    private fun isWrapper(
        e: Throwable,
        cause: Throwable,
    ): Boolean =
        e is CompletionException ||
            e is ExecutionException ||
            (
                cause.javaClass == e.javaClass &&
                    try {
                        e.stackTrace.any { it.className.startsWith("_COROUTINE") }
                    } catch (_: Throwable) {
                        false
                    }
            )

    /** `ClassName: message`, or `ClassName` when there is no message or reading it throws. */
    fun describe(error: Throwable): String {
        val message =
            try {
                error.message
            } catch (_: Throwable) {
                null
            }
        return error.javaClass.name + (message?.let { ": $it" } ?: "")
    }

    /** [value]'s `toString`, or a description of the failure when that throws. */
    fun show(value: Any?): String =
        try {
            value.toString()
        } catch (e: Throwable) {
            "${value!!.javaClass.name} (its toString() threw ${e.javaClass.name})"
        }

    /** [nanos] in milliseconds for people: `300 ms`, `0.25 ms`, `1500 ms`. */
    fun millis(nanos: Long): String {
        if (nanos % 1_000_000 == 0L) return "${nanos / 1_000_000} ms"
        val text = "%.3f".format(java.util.Locale.ROOT, nanos / 1e6).trimEnd('0').trimEnd('.')
        return "$text ms"
    }
}

/**
 * Whether [name] shows nothing: empty, or only whitespace, control, format (zero-width space, byte
 * order mark) or separator characters. Such a name cannot be told apart in a message or a diagram.
 */
internal fun isInvisibleName(name: String): Boolean =
    name.codePoints().allMatch { c ->
        Character.isWhitespace(c) ||
            Character.isSpaceChar(c) ||
            when (Character.getType(c).toByte()) {
                Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true
                else -> false
            }
    }
