package dev.adagio.observe

import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.Node
import dev.adagio.NodeOutcome

/**
 * Observes runs: one run's start and end, and each node's start, retries and end. Every method has an
 * empty default, so an implementation (Kotlin or Java) overrides only what it needs. Attach listeners
 * with `RunOptions(listeners = …)` / `RunOptions.withListener`.
 *
 * **Order.** The events of one run are delivered one at a time, never concurrently, in this order:
 * `onRunStarted` first; for each node `onNodeStarted`, then any `onNodeRetrying`, then
 * `onNodeFinished`; a node's `onNodeFinished` comes before `onNodeStarted` of every node that depends
 * on it; `onRunFinished` last, whatever the run's end (success, failure, cancellation, timeout). A
 * node that never starts gets no event, except a `SKIPPED` node, which gets `onNodeFinished` alone.
 * Events of different runs may interleave.
 *
 * **Threads.** Events are delivered on the thread that drives the run (the caller's dispatcher), so a
 * listener must be quick and must not block. A listener that throws is reported once through
 * `System.Logger` ("dev.adagio") and otherwise ignored: it never breaks a run. One that blocks holds the
 * run's driver: under a run timeout a `RunFuture` still fails at the timeout (the timer acts, not the
 * driver), but a suspending caller, and `onRunFinished`, wait for the listener to return.
 */
public interface RunListener {
    /** A run of [run]'s graph starts. */
    public fun onRunStarted(run: RunInfo) {}

    /** [node] starts its first attempt, [atNanos] after the run's start. */
    public fun onNodeStarted(
        run: RunInfo,
        node: Node<*>,
        atNanos: Long,
    ) {}

    /** Attempt [failedAttempt] of [node] failed with [error]; the next starts after [delayNanos]. */
    public fun onNodeRetrying(
        run: RunInfo,
        node: Node<*>,
        failedAttempt: Int,
        error: Throwable,
        delayNanos: Long,
    ) {}

    /** A node finished: succeeded, failed, was cancelled or skipped. */
    public fun onNodeFinished(
        run: RunInfo,
        outcome: NodeOutcome<*>,
    ) {}

    /** The run ended with [result]; [error] is what the run threw, or null when it succeeded. */
    public fun onRunFinished(
        run: RunInfo,
        result: DagRun<*>,
        error: Throwable?,
    ) {}
}

/** Which run an event belongs to. */
public class RunInfo internal constructor(
    /** The graph being run. */
    public val dag: Dag<*, *>,
    /** A number unique to this run within the process, to tell concurrent runs apart. */
    public val id: Long,
    /** The run's input. */
    public val input: Any?,
    /** How many nodes the run will finish, not counting the input: the targets and their ancestors, or all. */
    public val plannedNodes: Int,
) {
    override fun toString(): String = "Run #$id of ${dag.name}"
}
