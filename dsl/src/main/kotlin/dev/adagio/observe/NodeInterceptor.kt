package dev.adagio.observe

import dev.adagio.Node

/**
 * A hook around each attempt of each node, on which tracing and metrics stand (`adagio-opentelemetry`,
 * `adagio-micrometer`): before an attempt it is asked for an [InterceptedAttempt], which is made
 * current wherever the attempt's body and the coroutines it launches run (a span or an observation
 * made current on each thread, as a thread-local), and which is told when the attempt ends.
 *
 * An interceptor is also a [RunListener], so it sees the run begin and end (to open and close a span
 * for the run) and the retries between attempts. Install it with `RunOptions(interceptors = …)` /
 * `RunOptions.withInterceptor`; a run without interceptors pays nothing for the hook.
 *
 * **When and where.** [onAttempt] is called once per attempt, on the thread that starts the attempt
 * (the run's driver for a first attempt, wherever the node resumed for a retry), after the run's
 * `onRunStarted` and the node's `onNodeStarted`, and its [InterceptedAttempt.onEnd] when the attempt
 * has returned or thrown, before the node's `onNodeFinished`. Calls for different nodes may be
 * concurrent. Dags, live runs (a map's elements and an included graph's nodes too), annotated and
 * reactive graphs call interceptors; stream graphs do not (yet). An interceptor that throws from [onAttempt] fails that attempt, as the body would; so does an
 * [InterceptedAttempt] whose [InterceptedAttempt.makeCurrent], or the `close` of what it returned, throws
 * (after the attempt ended, in a child it launched: the node fails), and never a hang.
 */
public interface NodeInterceptor : RunListener {
    /** Attempt [attempt] (1 for the first) of [node] in [run] is about to start. */
    public fun onAttempt(
        run: RunInfo,
        node: Node<*>,
        attempt: Int,
    ): InterceptedAttempt
}

/** One attempt as an interceptor frames it: what is current while its code runs, and what happens when it ends. */
public interface InterceptedAttempt {
    /**
     * Makes this attempt current on the calling thread (a span's context, an observation's scope) and
     * returns what undoes it, or null. It is called each time the attempt's body, or a coroutine it
     * launched from its scope, starts or resumes on a thread, and what it returned is closed, on the
     * same thread, when that code suspends or ends: the body sees the attempt as current on every
     * thread it runs on.
     */
    public fun makeCurrent(): AutoCloseable? = null

    /** The attempt ended: [error] is null when it returned a value, else what it threw (a timeout included). */
    public fun onEnd(error: Throwable?) {}

    /** An attempt that adds nothing and ignores its end. */
    public companion object {
        /** Adds nothing, ignores the end. */
        @JvmField
        public val NONE: InterceptedAttempt = object : InterceptedAttempt {}
    }
}
