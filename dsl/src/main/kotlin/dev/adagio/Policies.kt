package dev.adagio

/**
 * What a graph does when a node fails (after its retries, and without a fallback): one vocabulary for
 * every kind of graph.
 *
 * | kind | `FAIL_FAST` | `CONTINUE` |
 * |---|---|---|
 * | dag, live, annotated | the run stops and throws [NodeFailedException] (default) | independent branches run on, failures listed in the run |
 * | stream (per node) | the graph stops and throws `StreamFailedException` (default) | the failed item is counted and the node goes on with the next |
 * | reactive | the graph ends with the failed recomputation's error | the failed recomputation is reported in its result and the graph goes on (default) |
 */
public enum class FailurePolicy {
    /**
     * Stop at the first failure: in a dag run, the first failure cancels every running node, no further
     * node starts, and the run throws [NodeFailedException]. The default of dags and streams.
     */
    FAIL_FAST,

    /**
     * Record the failure and go on. In a dag run, independent branches run on; the dependents of a failed
     * node are `SKIPPED` (unless they take it as an optional input). When nothing more can run:
     * - if the output (or, in a run with targets, every target) has a value, `run` returns the result,
     *   and the failures are listed in `DagRun.failures`: a caller who only wanted the output gets it;
     * - otherwise `run` throws one [NodeFailedException] for the first failure, with every other
     *   failure attached as suppressed, and the full result as its `run`.
     *
     * A fallback turns a failure into success (the node is then `recovered`, not failed).
     */
    CONTINUE,
}

/** Which ready node starts first when more nodes are ready than may run (a concurrency limit or a pool). */
public enum class Scheduling {
    /**
     * The default: the node with the longest remaining path to a sink (by node weights, 1 unless given)
     * goes first, ties by declaration order. This shortens the makespan under a limit.
     */
    CRITICAL_PATH,

    /** In the order nodes became ready: for comparison with [CRITICAL_PATH]. */
    FIFO,
}
