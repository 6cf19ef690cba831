package dev.adagio

import dev.adagio.internal.CANCELLED
import dev.adagio.internal.Errors
import dev.adagio.internal.FAILED
import dev.adagio.internal.REUSED
import dev.adagio.internal.SKIPPED
import dev.adagio.internal.SUCCEEDED
import dev.adagio.internal.hasValue
import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds

/**
 * The outcome of one run: every node's status, value or error, attempts and timings, and the output.
 *
 * Times are nanoseconds from the run's start, read from the run's [RunClock]. A run result is immutable.
 *
 * ```
 * val run = checkout.run(OrderId(7))
 * val receipt: Receipt = run.output
 * val order: Order = run[order]
 * println(run.outcome(payment).durationNanos)
 * ```
 */
public class DagRun<out O> internal constructor(
    /** The graph that ran; for a run that grew, null until it is first read (see [dag]). */
    private var ran: Dag<*, out O>?,
    private val status: ByteArray,
    private val values: Array<Any?>,
    private val errors: Array<Throwable?>?,
    private val startNanos: LongArray,
    private val endNanos: LongArray,
    private val attempts: IntArray,
    /**
     * The nodes whose bodies held the run's driver longer than the threshold while other nodes were
     * ready, in the order they did (see [DriverStall]); empty in a run whose slow bodies were all
     * declared `blockingNode` or `dispatched`.
     */
    public val driverStalls: List<DriverStall> = emptyList(),
    /** For a run that grew: its graph's identity, its output's index, and how to make its graph when asked. */
    private val grown: Grown<O>? = null,
) {
    /** A run that grew (live, maps, includes): what [dag] needs, made only when read. */
    internal class Grown<out O>(
        val id: GraphId,
        val outputIndex: Int,
        val record: () -> Dag<*, out O>,
    )

    /**
     * The graph that ran. For a run that grew (a live run, or one with maps or includes), the graph as
     * it grew: the run's own nodes after the graph's, recorded to be inspected and drawn, not run;
     * handles of the graph's own nodes work on it.
     */
    public val dag: Dag<*, out O>
        get() = ran ?: synchronized(this) { ran ?: grown!!.record().also { ran = it } }

    private val outputIndex: Int get() = grown?.outputIndex ?: ran!!.let { if (it.hasOutput) it.output.index else Dag.NO_OUTPUT }

    /** Node [node]'s index, checked against this run's graph without making a grown graph's. */
    private fun indexOf(node: Node<*>): Int {
        val grown = grown ?: return dag.indexOf(node)
        if (node.graph !== grown.id) return dag.indexOf(node)
        return node.index
    }

    /**
     * The output node's value (`Unit` for a graph without an output node); throws
     * [IllegalStateException] when the output node did not succeed.
     */
    @Suppress("UNCHECKED_CAST")
    public val output: O
        get() {
            val i = outputIndex
            if (i == Dag.NO_OUTPUT) return Unit as O
            check(hasValue(status[i])) {
                val status = statusOf(i)
                if (status ==
                    NodeStatus.NOT_STARTED
                ) {
                    Messages.outputNotRun(dag.output.name, status)
                } else {
                    Messages.outputHasNoValue(dag.output.name, status)
                }
            }
            return values[i] as O
        }

    /**
     * The value [node] produced (or, in a reactive graph's recomputation, kept); throws
     * [IllegalStateException] when it has none.
     */
    @Suppress("UNCHECKED_CAST")
    public operator fun <T> get(node: Node<T>): T {
        val i = indexOf(node)
        check(hasValue(status[i])) { Messages.notSucceeded(node.name, statusOf(i)) }
        return values[i] as T
    }

    /** The status of [node] in this run. */
    public fun status(node: Node<*>): NodeStatus = statusOf(indexOf(node))

    /** Everything this run knows about [node]. */
    @Suppress("UNCHECKED_CAST")
    public fun <T> outcome(node: Node<T>): NodeOutcome<T> = outcomeOf(indexOf(node)) as NodeOutcome<T>

    /** Every node's outcome, in declaration order. */
    public val outcomes: List<NodeOutcome<*>> get() = List(status.size) { outcomeOf(it) }

    /** The outcomes of the nodes that failed, in declaration order. */
    public val failures: List<NodeOutcome<*>> get() = outcomes.filter { it.status == NodeStatus.FAILED }

    /** The time from the run's start to the end of its last node, in nanoseconds. */
    public val makespanNanos: Long get() = endNanos.max()

    /** The time from the run's start to the end of its last node. */
    @get:JvmSynthetic
    public val makespan: Duration get() = makespanNanos.nanoseconds

    /** The time from the run's start to the end of its last node, for Java callers (Kotlin reads [makespan]). */
    @AdagioInteropApi
    @JvmName("makespan")
    public fun makespanForJava(): java.time.Duration = java.time.Duration.ofNanos(makespanNanos)

    private fun statusOf(i: Int): NodeStatus = statusFor(status[i])

    internal fun hasValueAt(i: Int): Boolean = hasValue(status[i])

    internal fun valueAt(i: Int): Any? = values[i]

    internal fun outcomeOf(i: Int): NodeOutcome<Any?> =
        outcomeOf(dag.nodes[i], status[i], values[i], errors?.get(i), attempts[i], startNanos[i], endNanos[i])

    override fun toString(): String = "DagRun(${dag.name}: ${outcomes.joinToString { "${it.node.name}=${it.status}" }})"
}

/** What one run did with one node. Times are nanoseconds from the run's start, -1 when it never started. */
public class NodeOutcome<out T> internal constructor(
    /** The node. */
    public val node: Node<T>,
    /** What became of the node in this run. */
    public val status: NodeStatus,
    /** The node's value when it succeeded or was reused, else null. */
    public val value: T?,
    /** The exception that failed or cancelled the node, else null. */
    public val error: Throwable?,
    /** How many times the node's body was started. */
    public val attempts: Int,
    /** When the node started, in nanoseconds from the run's start; -1 when it did not start. */
    public val startNanos: Long,
    /** When the node finished, in nanoseconds from the run's start; -1 when it did not start. */
    public val endNanos: Long,
) {
    /** How long the node ran, or -1 when it never started. */
    public val durationNanos: Long get() = if (startNanos < 0) -1 else endNanos - startNanos

    /** How long the node ran; null when it never started. */
    @get:JvmSynthetic
    public val duration: Duration? get() = if (startNanos < 0) null else durationNanos.nanoseconds

    /** When the node started, from the run's start; null when it never started. */
    @get:JvmSynthetic
    public val startOffset: Duration? get() = if (startNanos < 0) null else startNanos.nanoseconds

    /** When the node finished, from the run's start; null when it never started. */
    @get:JvmSynthetic
    public val endOffset: Duration? get() = if (startNanos < 0) null else endNanos.nanoseconds

    /** How long the node ran, for Java callers (Kotlin reads [duration]); null when it never started. */
    @AdagioInteropApi
    @JvmName("duration")
    public fun durationForJava(): java.time.Duration? = if (startNanos < 0) null else java.time.Duration.ofNanos(durationNanos)

    /** When the node started, from the run's start, for Java callers; null when it never started. */
    @AdagioInteropApi
    @JvmName("startOffset")
    public fun startOffsetForJava(): java.time.Duration? = if (startNanos < 0) null else java.time.Duration.ofNanos(startNanos)

    /** When the node finished, from the run's start, for Java callers; null when it never started. */
    @AdagioInteropApi
    @JvmName("endOffset")
    public fun endOffsetForJava(): java.time.Duration? = if (startNanos < 0) null else java.time.Duration.ofNanos(endNanos)

    /**
     * Whether the node succeeded through its fallback: its status is `SUCCEEDED`, its value the
     * fallback's, and [error] the failure it recovered from. A degraded result must not look healthy:
     * listeners, `toString` and diagrams show it.
     */
    public val isRecovered: Boolean get() = status == NodeStatus.SUCCEEDED && error != null

    override fun toString(): String =
        "${node.name}: $status${if (isRecovered) " (recovered)" else ""}" +
            (if (startNanos < 0) "" else " [at ${Errors.millis(startNanos)}, took ${Errors.millis(durationNanos)}]") +
            (error?.let { " " + Errors.describe(it) } ?: "")
}

/** The status of one node in one run. */
public enum class NodeStatus {
    SUCCEEDED,
    FAILED,

    /** The node was running, or about to run, when the run was cancelled or another node failed. */
    CANCELLED,

    /** The node did not run because a dependency failed or was skipped. */
    SKIPPED,

    /** The node was not started: the run stopped first, or it was not among the targets' ancestors. */
    NOT_STARTED,

    /**
     * In a reactive graph's recomputation: the node did not run, because none of its inputs changed; it
     * kept its value from the previous recomputation.
     */
    REUSED,
}

/** A node's outcome from its engine status [code] and what its run recorded. */
@Suppress("UNCHECKED_CAST")
internal fun outcomeOf(
    node: Node<*>,
    code: Byte,
    value: Any?,
    error: Throwable?,
    attempts: Int,
    startNanos: Long,
    endNanos: Long,
): NodeOutcome<Any?> {
    val s = statusFor(code)
    val started = s != NodeStatus.NOT_STARTED && startNanos >= 0
    return NodeOutcome(
        node = node as Node<Any?>,
        status = s,
        value = if (hasValue(code)) value else null,
        error = error,
        attempts = attempts,
        startNanos = if (started) startNanos else -1,
        endNanos = if (started) endNanos else -1,
    )
}

/** The engine's code for [status]; [statusFor]'s inverse. */
internal fun codeFor(status: NodeStatus): Byte =
    when (status) {
        NodeStatus.SUCCEEDED -> SUCCEEDED
        NodeStatus.FAILED -> FAILED
        NodeStatus.CANCELLED -> CANCELLED
        NodeStatus.SKIPPED -> SKIPPED
        NodeStatus.REUSED -> REUSED
        NodeStatus.NOT_STARTED -> dev.adagio.internal.PENDING
    }

/** The public status of an engine status code. */
internal fun statusFor(code: Byte): NodeStatus =
    when (code) {
        SUCCEEDED -> NodeStatus.SUCCEEDED
        FAILED -> NodeStatus.FAILED
        CANCELLED -> NodeStatus.CANCELLED
        SKIPPED -> NodeStatus.SKIPPED
        REUSED -> NodeStatus.REUSED
        else -> NodeStatus.NOT_STARTED
    }
