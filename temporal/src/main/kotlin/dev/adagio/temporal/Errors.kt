package dev.adagio.temporal

import dev.adagio.NodeKind

/** A graph Temporal cannot run as declared; the message says what and what to do instead. */
public class UnsupportedGraphException internal constructor(
    message: String,
) : IllegalArgumentException(message)

/**
 * A node's value encoded to more bytes than [TemporalLimits.maxValueBytes]: Temporal would refuse it, or
 * it would crowd the run's history. Keep large values elsewhere (a blob store, a table) and pass their
 * key between nodes: the claim-check pattern.
 */
public class ValueTooLargeException internal constructor(
    graphName: String,
    /** The node whose value was too large. */
    public val nodeName: String,
    /** Its encoded size. */
    public val bytes: Int,
    /** The limit. */
    public val limit: Int,
) : IllegalStateException(
        "node '$nodeName' of graph '$graphName' produced a value of $bytes bytes, over the limit of $limit bytes for values " +
            "that cross machines; store it elsewhere and pass its key (the claim-check pattern), or raise TemporalLimits.maxValueBytes",
    )

/**
 * What a node threw on a worker, as it arrives elsewhere: the exception's class name ([remoteType]) and
 * message. (The exception itself stays on the worker; its stack trace is in the run's history.)
 */
public class RemoteNodeException(
    /** The class name of the exception the node threw. */
    public val remoteType: String,
    message: String?,
) : RuntimeException("$remoteType: $message") {
    /** The message of the exception the node threw. */
    public val remoteMessage: String? = message
}

internal object Messages {
    fun grows(
        graph: String,
        node: String,
        kind: NodeKind,
    ) = "graph '$graph' has ${if (kind == NodeKind.MAP) "map" else "include"} node '$node', which adds nodes while the run runs; " +
        "Temporal runs cannot grow yet (its elements or included nodes would not be activities of their own): " +
        "run this graph locally, or declare the ${if (kind == NodeKind.MAP) "elements" else "included nodes"} as nodes of the graph"

    fun reactive(
        graph: String,
        node: String,
    ) = "graph '$graph' has source node '$node': reactive graphs cannot run on Temporal (nor live or stream graphs); run them locally"

    fun jitter(
        graph: String,
        node: String,
        jitter: Double,
    ) = "node '$node' of graph '$graph' retries with jitter $jitter, which Temporal's retry policy cannot express; drop the jitter " +
        "(Temporal spreads retries itself) or run the graph locally"

    fun tooManyEvents(
        graph: String,
        nodes: Int,
        events: Long,
        limit: Int,
    ) = "a run of graph '$graph' may have $nodes nodes running when it goes on as a new run, for up to $events history events, over " +
        "the limit of $limit; bound the run's maxConcurrency, or lower TemporalLimits.continueAsNewEvents"

    fun unknownGraph(type: String) = "no Adagio graph with workflow type '$type' is registered on this worker"

    fun unknownNode(type: String) = "no Adagio node with activity type '$type' is registered on this worker"

    fun notLocal(what: String) =
        "run options with $what cannot cross to a Temporal run: they run in the process that runs the graph; query the run's progress instead"

    fun foreignTarget(
        target: String,
        graph: String,
    ) = "target '$target' is not a node of graph '$graph'"
}
