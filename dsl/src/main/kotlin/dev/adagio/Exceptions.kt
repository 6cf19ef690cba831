package dev.adagio

import java.util.concurrent.CancellationException

/**
 * A graph definition is invalid; thrown while it is being built, before anything runs.
 *
 * The message states the fact, the offending value and the fix.
 */
public open class DagDefinitionException internal constructor(
    message: String,
) : IllegalArgumentException(message)

/**
 * An order edge would close a cycle. The edge is not added: the graph is left as it was.
 */
public class DagCycleException internal constructor(
    message: String,
    /** The names of the nodes on the cycle, first and last being the same node. */
    public val path: List<String>,
) : DagDefinitionException(message)

/**
 * A node failed and the run stopped (the default, fail-fast policy).
 *
 * [cause] is the exception the node threw, never wrapped in a `CompletionException` or
 * `ExecutionException`. [run] holds every node's outcome at the moment the run stopped: the failed node,
 * the nodes cancelled because of it, and those that never started.
 */
public class NodeFailedException internal constructor(
    /** The name of the node that failed. */
    public val nodeName: String,
    cause: Throwable,
    /** Every node's outcome when the run stopped. */
    public val run: DagRun<*>,
) : RuntimeException(Messages.nodeFailed(nodeName, cause), cause)

/**
 * The run was cancelled from outside (its caller was cancelled) before it finished.
 *
 * It is a `CancellationException`, so coroutines treat it as cancellation; catch it to look at [run]:
 * the nodes that were running are `CANCELLED`, those never started `NOT_STARTED`. Its cause is the
 * cancellation that stopped the run.
 */
public class RunCancelledException internal constructor(
    graphName: String,
    /** Every node's outcome when the run stopped. */
    public val run: DagRun<*>,
    cause: Throwable,
) : CancellationException(Messages.runCancelledFromOutside(graphName)) {
    init {
        initCause(cause)
    }
}

/**
 * A node was skipped: it skipped itself (`skip(reason)` in Kotlin, throwing this exception in Java),
 * or an input it does not take as optional failed or was skipped.
 *
 * A skip is not a failure: the run goes on, and the node's dependents are skipped in turn unless they
 * take it as optional.
 */
public class SkippedException(
    message: String,
) : RuntimeException(message)

/** A node attempt ran longer than the node's timeout and was cancelled. */
public class NodeTimeoutException internal constructor(
    /** The node that timed out. */
    public val nodeName: String,
    /** The limit, in nanoseconds. */
    public val limitNanos: Long,
) : RuntimeException(Messages.nodeTimedOut(nodeName, limitNanos))

/**
 * A run took longer than its timeout: every running node was cancelled. [run] holds every node's
 * outcome when the run stopped; a `RunFuture` fails at the timeout itself, before the nodes have
 * stopped, and its [run] is then the outcomes at the timeout (see [RunFuture]).
 */
public class RunTimeoutException internal constructor(
    graphName: String,
    /** The limit, in nanoseconds. */
    public val limitNanos: Long,
    /** Every node's outcome when the run stopped (at the timeout, for a `RunFuture`'s). */
    public val run: DagRun<*>,
) : RuntimeException(Messages.runTimedOut(graphName, limitNanos))

/**
 * A node of a map (one of its elements) or of an included graph failed, so the map or include node
 * has no value: it fails with this exception, which names that node (`fetched[3]`, `checkout/payment`)
 * and has its error as [cause].
 */
public class InnerNodeFailedException internal constructor(
    /** The name of the element or included node that failed, as the run shows it. */
    public val nodeName: String,
    cause: Throwable,
) : RuntimeException(Messages.innerNodeFailed(nodeName, cause), cause)
