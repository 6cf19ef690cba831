package dev.adagio.observe

import dev.adagio.Node
import dev.adagio.NodeOutcome
import dev.adagio.RunClock
import java.util.function.Consumer

/**
 * A listener that follows one run at a time: nodes done out of the total, nodes running now, and an
 * estimate of the time left (the time so far, scaled by the share of nodes still to finish).
 *
 * ```
 * val progress = ProgressReporter { print("\r$it") }
 * dag.run(input, RunOptions(listeners = listOf(progress)))
 * ```
 *
 * [snapshot] may be read from any thread while the run goes on; [onUpdate] is called after each node
 * finishes, on the run's thread.
 */
public class ProgressReporter
    @JvmOverloads
    constructor(
        private val clock: RunClock = RunClock.SYSTEM,
        private val onUpdate: Consumer<Progress> = Consumer {},
    ) : RunListener {
        /**
         * A reporter that calls [onUpdate] after each node, timed by the system clock:
         * `ProgressReporter { print("\r$it") }` (the update is the last parameter, so a trailing lambda is it).
         */
        public constructor(onUpdate: Consumer<Progress>) : this(RunClock.SYSTEM, onUpdate)

        @Volatile private var current = Progress(0, 0, 0, 0, -1)
        private var origin = 0L

        /** The progress of the run being followed, as of the last event. */
        public fun snapshot(): Progress = current

        override fun onRunStarted(run: RunInfo) {
            origin = clock.nanoTime()
            current = Progress(0, run.plannedNodes, 0, 0, -1)
        }

        override fun onNodeStarted(
            run: RunInfo,
            node: Node<*>,
            atNanos: Long,
        ) {
            val p = current
            current = Progress(p.done, p.total, p.running + 1, elapsed(), p.etaNanos)
        }

        override fun onNodeFinished(
            run: RunInfo,
            outcome: NodeOutcome<*>,
        ) {
            val p = current
            val done = p.done + 1
            val elapsed = elapsed()
            val eta = if (done >= p.total) 0 else elapsed * (p.total - done) / done
            current = Progress(done, p.total, if (outcome.startNanos >= 0) p.running - 1 else p.running, elapsed, eta)
            onUpdate.accept(current)
        }

        private fun elapsed() = clock.nanoTime() - origin
    }

/** How far a run has come. */
public class Progress internal constructor(
    /** Nodes finished, whatever their status. */
    public val done: Int,
    /** Nodes the run will finish in all (the targets and their ancestors, or every node). */
    public val total: Int,
    /** Nodes running now. */
    public val running: Int,
    /** Time since the run started. */
    public val elapsedNanos: Long,
    /** Estimated time left, or -1 before the first node finishes. */
    public val etaNanos: Long,
) {
    override fun toString(): String =
        "$done/$total nodes done, $running running" + if (etaNanos >= 0) ", ETA ${"%.1f".format(etaNanos / 1e9)} s" else ""
}
