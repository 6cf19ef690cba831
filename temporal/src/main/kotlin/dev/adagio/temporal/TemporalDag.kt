package dev.adagio.temporal

import dev.adagio.Dag
import dev.adagio.EdgeKind
import dev.adagio.Node
import dev.adagio.NodeKind
import java.lang.reflect.Type
import java.security.MessageDigest
import kotlin.reflect.javaType
import kotlin.reflect.typeOf
import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration

/**
 * A [Dag] as Temporal runs it: the graph, the type of each node's value, the codec its values cross
 * machines with, and the limits its runs are checked against. Register the same `TemporalDag` on every
 * worker ([AdagioWorkers]) and start runs of it from a client ([AdagioClient]).
 *
 * **Types.** A value is decoded as the type declared for its node ([withType]); a node without one is
 * decoded as the class its value had when it was encoded, which is right for data classes, records,
 * strings and numbers, and loses the element types of a generic value (`List<Page>`): declare those.
 *
 * **Shape.** The graph's [fingerprint] (its nodes, edges and policies) is part of the workflow type and
 * of every activity type: a changed graph is a new workflow type, and runs started with the old shape
 * wait for a worker that still has it instead of running with the new one.
 *
 * Immutable: each `with` returns a new `TemporalDag`.
 */
public class TemporalDag<I, O> private constructor(
    /** The graph. */
    public val dag: Dag<I, O>,
    private val types: Map<Int, Type>,
    /** How values cross machines. */
    public val codec: ValueCodec,
    /** The limits runs are checked against, and the timeouts their activities get. */
    public val limits: TemporalLimits,
    /** Where classes named in values are looked up: the class loader of the thread that made this graph. */
    private val loader: ClassLoader?,
) {
    init {
        check(dag, limits)
    }

    /** A hash of the graph's shape: names, kinds, edges and policies (12 hex digits). */
    public val fingerprint: String = fingerprintOf(dag)

    /** The Temporal workflow type of this graph's runs: `adagio.<graph>.<fingerprint>`. */
    public val workflowType: String = "adagio.${dag.name}.$fingerprint"

    /** The Temporal activity type of [node]: the workflow type, then the node's name. */
    public fun activityType(node: Node<*>): String = "$workflowType.${dag.node(node.name).name}"

    /** This graph with [node]'s values decoded as [type] (a `Class`, or a generic type). */
    public fun withType(
        node: Node<*>,
        type: Type,
    ): TemporalDag<I, O> = TemporalDag(dag, types + (dag.node(node.name).index to type), codec, limits, loader)

    /** This graph with its values crossing machines through [codec]. */
    public fun withCodec(codec: ValueCodec): TemporalDag<I, O> = TemporalDag(dag, types, codec, limits, loader)

    /** This graph checked against [limits]. */
    public fun withLimits(limits: TemporalLimits): TemporalDag<I, O> = TemporalDag(dag, types, codec, limits, loader)

    override fun toString(): String = "TemporalDag($workflowType)"

    /**
     * Per node: its Temporal priority key under critical-path scheduling, 1 (first) to 5: the nodes with
     * the heaviest remaining path to a sink (by weights, the node included) get 1, the lightest 5, the
     * others in proportion, so workers that are short of slots take the critical path first.
     */
    internal val priorityKeys: IntArray by lazy {
        val rank = LongArray(dag.nodes.size)
        for (node in dag.topologicalOrder.asReversed()) {
            val longest = dag.dependents(node).maxOfOrNull { rank[it.index] } ?: 0L
            rank[node.index] = (if (node.index == 0) 1L else dag.policies(node).weight) + longest
        }
        val ranked = rank.drop(1)
        val top = ranked.maxOrNull() ?: 1L
        val bottom = ranked.minOrNull() ?: 1L
        IntArray(rank.size) { i -> if (top == bottom) 3 else 1 + ((top - rank[i]) * 4 / (top - bottom)).toInt() }
    }

    internal fun encode(
        node: Node<*>,
        value: Any?,
    ): WireValue {
        if (value == null) return WireValue()
        if (value === Unit) return WireValue(UNIT, null)
        val bytes = codec.encode(value)
        if (bytes.size > limits.maxValueBytes) throw ValueTooLargeException(dag.name, node.name, bytes.size, limits.maxValueBytes)
        return WireValue(value.javaClass.name, bytes)
    }

    internal fun decode(
        node: Node<*>,
        wire: WireValue?,
    ): Any? {
        if (wire == null) return null
        if (wire.type == UNIT) return Unit
        val bytes = wire.data ?: return null
        val type = types[node.index] ?: classNamed(wire.type ?: error("a value of '${node.name}' arrived without a type"))
        return codec.decode(bytes, type)
    }

    /** The class [name], from the graph's class loader, the thread's, or this module's. */
    private fun classNamed(name: String): Class<*> {
        val loaders = listOfNotNull(loader, Thread.currentThread().contextClassLoader, TemporalDag::class.java.classLoader).distinct()
        for (candidate in loaders) {
            try {
                return Class.forName(name, false, candidate)
            } catch (_: ClassNotFoundException) {
                continue
            }
        }
        throw ClassNotFoundException(
            "$name, the class of a value of graph '${dag.name}', is not on this class path; declare the node's type with withType",
        )
    }

    /** Factories. */
    public companion object {
        /** [dag] with the default codec (Jackson) and limits, no node types declared. */
        @JvmStatic
        public fun <I, O> of(dag: Dag<I, O>): TemporalDag<I, O> =
            TemporalDag(dag, emptyMap(), ValueCodec.jackson(), TemporalLimits.DEFAULTS, Thread.currentThread().contextClassLoader)

        private const val UNIT = "kotlin.Unit"

        private fun fingerprintOf(dag: Dag<*, *>): String {
            val shape = StringBuilder(dag.name)
            for (node in dag.nodes) {
                shape
                    .append('|')
                    .append(node.name)
                    .append(':')
                    .append(node.kind)
                for (edge in dag.edges.filter { it.to === node }) {
                    shape.append(if (edge.kind == EdgeKind.DATA) '<' else '^').append(edge.from.name)
                }
                if (node.index > 0) {
                    val p = dag.policies(node)
                    shape.append('{').append(p.timeout).append(',')
                    p.retry?.let { r ->
                        shape
                            .append(r.maxAttempts)
                            .append('/')
                            .append(r.initialDelay)
                            .append('/')
                            .append(r.factor)
                        shape
                            .append('/')
                            .append(r.maxDelay)
                            .append('/')
                            .append(r.jitter)
                    }
                    shape
                        .append(',')
                        .append(p.hasFallback)
                        .append(',')
                        .append(p.pool?.let { "${it.name}/${it.permits}" })
                    shape
                        .append(',')
                        .append(p.weight)
                        .append(',')
                        .append(p.dispatched)
                        .append('}')
                }
            }
            val digest = MessageDigest.getInstance("SHA-256").digest(shape.toString().toByteArray())
            return digest.take(6).joinToString("") { "%02x".format(it) }
        }

        private fun check(
            dag: Dag<*, *>,
            limits: TemporalLimits,
        ) {
            for (node in dag.nodes) {
                if (node.kind == NodeKind.SOURCE) throw UnsupportedGraphException(Messages.reactive(dag.name, node.name))
                // A map's elements and an included graph's nodes are added while the run runs: the workflow
                // would have to replay that growth, which this module does not do yet.
                if (node.kind == NodeKind.MAP || node.kind == NodeKind.INCLUDE) {
                    throw UnsupportedGraphException(Messages.grows(dag.name, node.name, node.kind))
                }
                val retry = dag.policies(node).retry ?: continue
                if (retry.jitter > 0.0) throw UnsupportedGraphException(Messages.jitter(dag.name, node.name, retry.jitter))
            }
        }
    }
}

/** This graph with [node]'s values decoded as `T`, generic arguments included: `withType(pages)` for a `Node<List<Page>>`. */
@OptIn(ExperimentalStdlibApi::class)
public inline fun <I, O, reified T> TemporalDag<I, O>.withType(node: Node<T>): TemporalDag<I, O> = withType(node, typeOf<T>().javaType)

/**
 * What a Temporal deployment allows, and the timeouts Adagio gives each node's activity. The test
 * server does not enforce the production limits, so Adagio checks them itself: a graph whose runs
 * would exceed them is refused when it is registered or started, and a value over [maxValueBytes] fails
 * its node with [ValueTooLargeException].
 */
public class TemporalLimits private constructor(
    /** The largest encoded node value (Temporal refuses payloads over 2 MiB by default; the default here is 1 MiB, leaving room for the rest of the event). */
    public val maxValueBytes: Int,
    /** The most events a run's history may hold (Temporal's limit is 51,200). */
    public val maxHistoryEvents: Int,
    private val heartbeatTimeoutNanos: Long,
    private val defaultAttemptTimeoutNanos: Long,
    /** How many times one node's attempt is run again after its worker was lost (stopped, or stopped heartbeating). */
    public val workerLossRetries: Int = 10,
    /**
     * The history length after which a run starts no more nodes, waits for those running, and goes on
     * as a new workflow run (continue-as-new) that carries every finished node's outcome: how a graph of
     * any size fits Temporal's history limit.
     */
    public val continueAsNewEvents: Int = 10_000,
) {
    /** How long a worker may go without a heartbeat from a node's activity before Temporal counts the worker lost and schedules the node again. */
    @get:JvmSynthetic
    public val heartbeatTimeout: Duration get() = heartbeatTimeoutNanos.nanoseconds

    /** The time limit of each attempt of a node that declares no timeout. */
    @get:JvmSynthetic
    public val defaultAttemptTimeout: Duration get() = defaultAttemptTimeoutNanos.nanoseconds

    /** [heartbeatTimeout] for Java callers. */
    public fun heartbeatTimeoutForJava(): java.time.Duration = heartbeatTimeout.toJavaDuration()

    /** [defaultAttemptTimeout] for Java callers. */
    public fun defaultAttemptTimeoutForJava(): java.time.Duration = defaultAttemptTimeout.toJavaDuration()

    /** These limits with [bytes] as the largest encoded value. */
    public fun withMaxValueBytes(bytes: Int): TemporalLimits {
        require(bytes > 0) { "the largest value must be positive, not $bytes bytes" }
        return copy(maxValueBytes = bytes)
    }

    /** These limits with [events] as the most a run's history may hold. */
    public fun withMaxHistoryEvents(events: Int): TemporalLimits {
        require(events > 0) { "the history limit must be positive, not $events events" }
        return copy(maxHistoryEvents = events)
    }

    /** These limits with [timeout] between a node activity's heartbeats. */
    @JvmSynthetic
    public fun withHeartbeatTimeout(timeout: Duration): TemporalLimits {
        require(timeout.isPositive()) { "the heartbeat timeout must be positive, not $timeout" }
        return copy(heartbeatTimeoutNanos = timeout.inWholeNanoseconds)
    }

    /** [withHeartbeatTimeout] for Java callers. */
    public fun withHeartbeatTimeout(timeout: java.time.Duration): TemporalLimits = withHeartbeatTimeout(timeout.toKotlinDuration())

    /** These limits with [timeout] for each attempt of a node that declares no timeout. */
    @JvmSynthetic
    public fun withDefaultAttemptTimeout(timeout: Duration): TemporalLimits {
        require(timeout.isPositive()) { "the attempt timeout must be positive, not $timeout" }
        return copy(defaultAttemptTimeoutNanos = timeout.inWholeNanoseconds)
    }

    /** [withDefaultAttemptTimeout] for Java callers. */
    public fun withDefaultAttemptTimeout(timeout: java.time.Duration): TemporalLimits =
        withDefaultAttemptTimeout(timeout.toKotlinDuration())

    /** These limits with [retries] new activities for a node whose worker is lost. */
    public fun withWorkerLossRetries(retries: Int): TemporalLimits {
        require(retries >= 0) { "worker-loss retries cannot be negative, not $retries" }
        return copy(workerLossRetries = retries)
    }

    /** These limits with a run going on as a new one once its history passes [events] events. */
    public fun withContinueAsNewEvents(events: Int): TemporalLimits {
        require(events > 0) { "the continue-as-new threshold must be positive, not $events events" }
        return copy(continueAsNewEvents = events)
    }

    private fun copy(
        maxValueBytes: Int = this.maxValueBytes,
        maxHistoryEvents: Int = this.maxHistoryEvents,
        heartbeatTimeoutNanos: Long = this.heartbeatTimeoutNanos,
        defaultAttemptTimeoutNanos: Long = this.defaultAttemptTimeoutNanos,
        workerLossRetries: Int = this.workerLossRetries,
        continueAsNewEvents: Int = this.continueAsNewEvents,
    ) = TemporalLimits(
        maxValueBytes,
        maxHistoryEvents,
        heartbeatTimeoutNanos,
        defaultAttemptTimeoutNanos,
        workerLossRetries,
        continueAsNewEvents,
    )

    /** The history events a run of [nodes] nodes may take at most ([EVENTS_PER_NODE] per node, plus the run's own). */
    internal fun eventsFor(nodes: Int): Long = nodes.toLong() * EVENTS_PER_NODE + EVENTS_PER_RUN

    /**
     * Checks that a run of [graph] with at most [concurrency] nodes at once fits one history: it goes on
     * as a new run once its history passes [continueAsNewEvents], after the nodes then running finish,
     * each of which may add [EVENTS_PER_NODE] events.
     */
    internal fun checkRun(
        graph: String,
        nodes: Int,
        concurrency: Int,
    ) {
        val running = minOf(nodes, concurrency)
        val events = continueAsNewEvents + eventsFor(running)
        if (events > maxHistoryEvents) throw UnsupportedGraphException(Messages.tooManyEvents(graph, running, events, maxHistoryEvents))
    }

    override fun toString(): String =
        "TemporalLimits(maxValueBytes=$maxValueBytes, maxHistoryEvents=$maxHistoryEvents, heartbeatTimeout=$heartbeatTimeout, " +
            "defaultAttemptTimeout=$defaultAttemptTimeout, workerLossRetries=$workerLossRetries, continueAsNewEvents=$continueAsNewEvents)"

    /** The defaults. */
    public companion object {
        /**
         * The most history events one node takes in a run that needs no retry: its activity's scheduled,
         * started and completed events, and the workflow task its completion wakes (scheduled, started,
         * completed). Concurrent completions share workflow tasks, so runs usually take fewer.
         */
        public const val EVENTS_PER_NODE: Int = 6

        /** The events of a run beyond its nodes': its start, first workflow task and completion. */
        public const val EVENTS_PER_RUN: Int = 8

        /** 1 MiB values, Temporal's 51,200 events, 30 s heartbeats, 1 h attempts. */
        @JvmField
        public val DEFAULTS: TemporalLimits =
            TemporalLimits(1 shl 20, 51_200, 30.seconds.inWholeNanoseconds, 3_600.seconds.inWholeNanoseconds)
    }
}
