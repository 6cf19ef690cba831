package dev.adagio.temporal

import dev.adagio.Node
import dev.adagio.NodeStatus
import dev.adagio.OptionalInput
import dev.adagio.RemoteResults
import dev.adagio.SkippedException
import dev.adagio.fallbackValue
import dev.adagio.runAlone
import io.temporal.activity.Activity
import io.temporal.activity.ActivityExecutionContext
import io.temporal.activity.DynamicActivity
import io.temporal.client.ActivityCompletionException
import io.temporal.client.ActivityWorkerShutdownException
import io.temporal.common.converter.EncodedValues
import io.temporal.failure.ApplicationFailure
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.milliseconds

/**
 * The one activity implementation behind every registered node: it finds the graph and node by the
 * activity type, decodes the inputs, computes the node alone ([runAlone]: its own body on its own
 * dispatcher, its fallback after its last attempt) while heartbeating, and encodes the value.
 *
 * A failure the node's retry policy does not retry, a skip, and the last attempt's failure are
 * non-retryable for Temporal; the others are retried by Temporal, with the node's backoff.
 */
internal class NodeActivities(
    private val registry: Registry,
) : DynamicActivity {
    override fun execute(args: EncodedValues): Any {
        val context = Activity.getExecutionContext()
        val type = context.info.activityType
        val (graph, node) = registry.node(type) ?: throw ApplicationFailure.newNonRetryableFailure(Messages.unknownNode(type), UNKNOWN_NODE)
        val request = args.get(0, NodeRequest::class.java)
        val dag = graph.dag
        val attempt = request.attemptOffset + context.info.attempt
        val policies = dag.policies(node)
        request.fallbackFor?.let { error ->
            return NodeResult(graph.encode(node, dag.fallbackValue(node, WireErrors.rebuild(error))), attempt, error)
        }
        val dataInputs = dag.dataInputs(node)
        val (runInput, inputs) =
            try {
                graph.decode(dag.input, request.runInput) to
                    request.inputs.mapIndexed { k, input -> decodeInput(graph, dataInputs[k], input) }
            } catch (e: Exception) {
                // The same bytes decode the same way on every attempt: not worth a retry.
                val message = "the inputs of node '${node.name}' could not be decoded: $e"
                throw ApplicationFailure.newNonRetryableFailureWithCause(
                    message,
                    e.javaClass.name,
                    e,
                    NodeFailureDetail(WireError(e.javaClass.name, message), attempt),
                )
            }
        val last = attempt >= (policies.retry?.maxAttempts ?: 1)
        val outcome =
            try {
                heartbeating(
                    context,
                    graph.limits.heartbeatTimeout.inWholeMilliseconds,
                ) { dag.runAlone(node, runInput, inputs, attempt, last) }
            } catch (e: Exception) {
                if (e !is InterruptedException && e !is ActivityWorkerShutdownException) throw e
                // The worker is stopping (shutdownNow): not the node's failure; the workflow runs the attempt again elsewhere.
                throw ApplicationFailure.newNonRetryableFailure(
                    "the worker running node '${node.name}' stopped",
                    WORKER_LOST,
                    NodeFailureDetail(null, attempt),
                )
            }
        when (outcome.status) {
            NodeStatus.SUCCEEDED -> {
                val value =
                    try {
                        graph.encode(node, outcome.value)
                    } catch (e: ValueTooLargeException) {
                        throw ApplicationFailure.newNonRetryableFailureWithCause(
                            e.message,
                            e.javaClass.name,
                            e,
                            NodeFailureDetail(WireErrors.of(e), attempt),
                        )
                    }
                return NodeResult(value, attempt, outcome.error?.let(WireErrors::of))
            }

            else -> {
                val error = outcome.error ?: IllegalStateException("node '${node.name}' ended ${outcome.status} without an error")
                val detail = NodeFailureDetail(WireErrors.of(error), attempt)
                val retried = !last && outcome.status == NodeStatus.FAILED && policies.retry?.retries(error) == true
                val message = error.message ?: error.javaClass.name
                throw if (retried) {
                    ApplicationFailure.newFailureWithCause(message, error.javaClass.name, error, detail)
                } else {
                    ApplicationFailure.newNonRetryableFailureWithCause(message, error.javaClass.name, error, detail)
                }
            }
        }
    }

    private fun decodeInput(
        graph: TemporalDag<*, *>,
        from: Node<*>,
        input: WireInput,
    ): Any? {
        val optional = input.optional ?: return graph.decode(from, input.value)
        val status = NodeStatus.valueOf(optional.status)
        val value = if (status == NodeStatus.SUCCEEDED || status == NodeStatus.REUSED) graph.decode(from, optional.value) else null
        return RemoteResults.optionalInput(status, value, optional.error?.let(WireErrors::rebuild))
    }

    /**
     * Runs [body] while heartbeating every third of [timeoutMillis]: a worker that stops (crashes, is shut
     * down) stops heartbeating, and Temporal schedules the node again elsewhere; a cancelled activity
     * learns of it from a heartbeat and cancels the body.
     */
    private fun <T> heartbeating(
        context: ActivityExecutionContext,
        timeoutMillis: Long,
        body: suspend () -> T,
    ): T =
        runBlocking {
            val work = async { body() }
            // On a thread of their own: a body that holds its thread (a long computation) still heartbeats.
            val beats =
                launch(Dispatchers.Default) {
                    while (true) {
                        delay((timeoutMillis / 3).coerceAtLeast(50).milliseconds)
                        try {
                            context.heartbeat<Any?>(null)
                        } catch (e: ActivityCompletionException) {
                            work.cancel(kotlinx.coroutines.CancellationException("the activity was cancelled", e))
                            throw e
                        }
                    }
                }
            try {
                work.await()
            } catch (e: kotlinx.coroutines.CancellationException) {
                val why = generateSequence<Throwable>(e) { it.cause }.firstOrNull { it is ActivityCompletionException }
                throw why ?: e
            } finally {
                beats.cancel()
            }
        }

    private companion object {
        const val UNKNOWN_NODE = "dev.adagio.temporal.UnknownNode"
        const val WORKER_LOST = "dev.adagio.temporal.WorkerLost"
    }
}

/** The graphs registered on one worker, by workflow type, and their nodes by activity type. */
internal class Registry(
    graphs: List<TemporalDag<*, *>>,
) {
    private val byWorkflow = graphs.associateBy { it.workflowType }
    private val byActivity =
        graphs
            .flatMap { g ->
                g.dag.nodes
                    .drop(1)
                    .map { g.activityType(it) to (g to it) }
            }.toMap()

    fun graph(workflowType: String): TemporalDag<*, *>? = byWorkflow[workflowType]

    fun node(activityType: String): Pair<TemporalDag<*, *>, Node<*>>? = byActivity[activityType]
}
