package dev.adagio

import dev.adagio.internal.Execution
import dev.adagio.internal.Invoker
import dev.adagio.internal.NodeTask
import dev.adagio.internal.lambdaInvoker
import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds

private const val REMOTE_MESSAGE: String = "This entry is for modules that run a graph's nodes in other processes (adagio-temporal)."

/**
 * Marks the entries for modules that compute a graph's nodes outside the run's process
 * (`adagio-temporal`): the engine still schedules the run, and the module computes each node elsewhere,
 * then rebuilds the run's result where it was asked for. Application code does not need them.
 */
@RequiresOptIn(level = RequiresOptIn.Level.ERROR, message = REMOTE_MESSAGE)
@Retention(AnnotationRetention.BINARY)
@Target(AnnotationTarget.CLASS, AnnotationTarget.FUNCTION, AnnotationTarget.PROPERTY, AnnotationTarget.CONSTRUCTOR)
@MustBeDocumented
public annotation class AdagioRemoteApi

/**
 * Computes every node of a run somewhere else: the run's engine keeps the schedule (dependencies,
 * failure policy, concurrency, pools, priority, run timeout, optional inputs and skips), and calls
 * [compute] where it would have started the node's own body. The node's timeout, retries and fallback
 * are the remote side's to apply ([Dag.policies] says what they are); its dispatcher too.
 */
@AdagioRemoteApi
public interface RemoteBodies {
    /** The value of [call]'s node, computed elsewhere; throws what made it fail. */
    public suspend fun compute(call: RemoteCall): Any?
}

/** One node a [RemoteBodies] computes: what it needs, and what it may report back. */
@AdagioRemoteApi
public class RemoteCall internal constructor(
    private val task: NodeTask,
) {
    /** The node to compute. */
    public val node: Node<*> get() = task.node

    /** The run's input. */
    public val runInput: Any? get() = task.runInput

    /** The node's data inputs in parameter order (an optional input as its [OptionalInput]). */
    public val inputs: List<Any?> get() = task.dataInputs()

    /** How many attempts computing the node took, recorded in its outcome (1 unless set). */
    public var attempts: Int
        get() = task.attemptNumber
        set(value) {
            task.attemptNumber = value
        }

    /** Records that the node's value came from its fallback after [error]. */
    public fun recovered(error: Throwable) {
        task.recovered = error
    }
}

/**
 * Where a run made elsewhere stopped, to go on from: per node in declaration order, its status (a node
 * `NOT_STARTED` runs; a `SUCCEEDED`, `FAILED` or `SKIPPED` one keeps its outcome and does not), value,
 * error, times and attempts, and how long the run had been going.
 */
@AdagioRemoteApi
public class RemoteProgress(
    internal val statuses: List<NodeStatus>,
    internal val values: List<Any?>,
    internal val errors: List<Throwable?>,
    internal val startNanos: LongArray,
    internal val endNanos: LongArray,
    internal val attempts: IntArray,
    /** How long the run had been going: the resumed run's times go on from it. */
    internal val elapsedNanos: Long,
) {
    init {
        val n = statuses.size
        require(values.size == n && errors.size == n && startNanos.size == n && endNanos.size == n && attempts.size == n) {
            "every list of a run's progress needs one entry per node ($n)"
        }
        require(elapsedNanos >= 0) { "a run cannot have been going for $elapsedNanos ns" }
        for (status in statuses) {
            require(status != NodeStatus.CANCELLED && status != NodeStatus.REUSED) {
                "a resumed run cannot start from a $status node"
            }
        }
    }
}

/** These options going on from [progress]: its finished nodes keep their outcomes, the others run (see [RemoteProgress]). */
@AdagioRemoteApi
@JvmSynthetic
public fun RunOptions.resumingFrom(progress: RemoteProgress): RunOptions = withResume(progress)

/** These options with every node computed by [bodies] instead of its own body (see [RemoteBodies]). */
@AdagioRemoteApi
@JvmSynthetic
public fun RunOptions.withRemoteBodies(bodies: RemoteBodies): RunOptions = withRemote(remoteInvoker(bodies))

@OptIn(AdagioRemoteApi::class)
private fun remoteInvoker(bodies: RemoteBodies): Invoker = lambdaInvoker { bodies.compute(RemoteCall(this)) }

/**
 * Computes [node] alone, as attempt [attempt] of a run elsewhere: its own body on its own dispatcher,
 * with [runInput] and its data [inputs] (in parameter order, an optional input as its [OptionalInput]),
 * without its timeout or retries, which the caller applies. When the body fails and this attempt is the
 * last ([lastAttempt], or the node's retry policy does not retry the error), the node's fallback, if it
 * has one, gives the value and the outcome is recovered.
 *
 * @return the node's outcome: succeeded (perhaps recovered), failed or cancelled, with the attempt number.
 */
@AdagioRemoteApi
@JvmSynthetic
public suspend fun Dag<*, *>.runAlone(
    node: Node<*>,
    runInput: Any?,
    inputs: List<Any?>,
    attempt: Int,
    lastAttempt: Boolean,
): NodeOutcome<*> {
    val i = indexOf(node)
    require(i != 0) { "the input node '${node.name}' has no body to run" }
    val count = graph.dataCount[i]
    require(inputs.size == count) { "node '${node.name}' takes $count data inputs, not ${inputs.size}" }
    require(attempt >= 1) { "attempt numbers start at 1, not $attempt" }
    @Suppress("UNCHECKED_CAST")
    val dag = this as Dag<Any?, Any?>
    val run =
        try {
            Execution(
                dag,
                runInput,
                RunOptions(targets = listOf(node)),
                alone = dev.adagio.internal.Alone(i, inputs, attempt, lastAttempt),
            ).execute()
        } catch (e: NodeFailedException) {
            e.run
        }
    return run.outcome(node)
}

/**
 * What a node declares beyond its body: its timeout per attempt, retry policy, fallback, pool, weight and
 * dispatcher. A node that declares none has [NodePolicies.NONE].
 */
public class NodePolicies internal constructor(
    private val timeoutNanos: Long,
    /** Its retry policy, or null when a failed attempt is final. */
    public val retry: Retry?,
    /** Whether it has a fallback that turns its last failure into a value. */
    public val hasFallback: Boolean,
    /** Its pool, or null. */
    public val pool: Pool?,
    /** Its weight for critical-path priority. */
    public val weight: Long,
    /** Whether it is declared `dispatched`: handed to a dispatcher of its own (a blocking node's body always is). */
    public val dispatched: Boolean,
) {
    /** Its time limit per attempt, or null for none. */
    @get:JvmSynthetic
    public val timeout: Duration? get() = if (timeoutNanos > 0) timeoutNanos.nanoseconds else null

    /** Its time limit per attempt, or null for none; for Java callers. */
    @AdagioInteropApi
    public fun timeoutForJava(): java.time.Duration? = if (timeoutNanos > 0) java.time.Duration.ofNanos(timeoutNanos) else null

    override fun toString(): String =
        buildList {
            timeout?.let { add("timeout=$it") }
            retry?.let { add("retry=$it") }
            if (hasFallback) add("fallback")
            pool?.let { add("pool=${it.name}") }
            if (weight != 1L) add("weight=$weight")
            if (dispatched) add("dispatched")
        }.joinToString(prefix = "NodePolicies(", postfix = ")")

    /** The policies of a node that declares none. */
    public companion object {
        /** The policies of a node that declares none. */
        @JvmField
        public val NONE: NodePolicies = NodePolicies(0, null, false, null, 1, false)
    }
}

/**
 * The result of a run of this graph made elsewhere, rebuilt from what it recorded per node (each list in
 * declaration order, the input node first): the same [DagRun] a local run gives. Times are nanoseconds
 * from the run's start, -1 for a node that never started.
 */
@AdagioRemoteApi
public fun <O> Dag<*, O>.restoreRun(
    statuses: List<NodeStatus>,
    values: List<Any?>,
    errors: List<Throwable?>,
    startNanos: LongArray,
    endNanos: LongArray,
    attempts: IntArray,
): DagRun<O> {
    val n = graph.size
    for ((what, size) in listOf(
        "statuses" to statuses.size,
        "values" to values.size,
        "errors" to errors.size,
        "startNanos" to startNanos.size,
        "endNanos" to endNanos.size,
        "attempts" to attempts.size,
    )) {
        require(size == n) { "graph '$name' has $n nodes, but $size $what were given" }
    }
    val codes = ByteArray(n) { codeFor(statuses[it]) }
    val errorArray = if (errors.all { it == null }) null else errors.toTypedArray()
    return DagRun(this, codes, values.toTypedArray(), errorArray, startNanos.copyOf(), endNanos.copyOf(), attempts.copyOf())
}

/** What a run hands out (its exceptions, optional inputs), rebuilt where a run made elsewhere arrives. */
@AdagioRemoteApi
public object RemoteResults {
    /** An optional input with [status], and its [value] or [error]. */
    @JvmStatic
    public fun <T> optionalInput(
        status: NodeStatus,
        value: T?,
        error: Throwable?,
    ): OptionalInput<T> = OptionalInput(status, value, error)

    /** [nodeName] failed with [cause]; [run] holds every node's outcome. */
    @JvmStatic
    public fun nodeFailed(
        nodeName: String,
        cause: Throwable,
        run: DagRun<*>,
    ): NodeFailedException = NodeFailedException(nodeName, cause, run)

    /** The run of [run]'s graph exceeded [limitNanos]. */
    @JvmStatic
    public fun runTimedOut(
        limitNanos: Long,
        run: DagRun<*>,
    ): RunTimeoutException = RunTimeoutException(run.dag.name, limitNanos, run)

    /** The run of [run]'s graph was cancelled from outside, by [cause]. */
    @JvmStatic
    public fun runCancelled(
        run: DagRun<*>,
        cause: Throwable,
    ): RunCancelledException = RunCancelledException(run.dag.name, run, cause)

    /** An attempt of [nodeName] ran longer than [limitNanos]. */
    @JvmStatic
    public fun nodeTimedOut(
        nodeName: String,
        limitNanos: Long,
    ): NodeTimeoutException = NodeTimeoutException(nodeName, limitNanos)
}

/**
 * The value [node]'s fallback gives for [error], where its last attempt failed without an exception the
 * remote side could hand to [runAlone] (an attempt that ran out of time, say).
 *
 * @throws IllegalStateException when the node has no fallback.
 */
@AdagioRemoteApi
public fun Dag<*, *>.fallbackValue(
    node: Node<*>,
    error: Throwable,
): Any? {
    val fallback = graph.specs?.get(indexOf(node))?.fallback ?: throw IllegalStateException("node '${node.name}' has no fallback")
    return fallback.apply(error)
}
