package dev.adagio.temporal

import dev.adagio.DagRun
import dev.adagio.FailurePolicy
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeOutcome
import dev.adagio.NodeStatus
import dev.adagio.NodeTimeoutException
import dev.adagio.OptionalInput
import dev.adagio.RemoteBodies
import dev.adagio.RemoteCall
import dev.adagio.RemoteProgress
import dev.adagio.RemoteResults
import dev.adagio.RunCancelledException
import dev.adagio.RunOptions
import dev.adagio.RunTimeoutException
import dev.adagio.Scheduling
import dev.adagio.SkippedException
import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import dev.adagio.restoreRun
import dev.adagio.resumingFrom
import dev.adagio.withRemoteBodies
import io.temporal.activity.ActivityCancellationType
import io.temporal.activity.ActivityOptions
import io.temporal.api.enums.v1.TimeoutType
import io.temporal.common.Priority
import io.temporal.common.RetryOptions
import io.temporal.common.converter.EncodedValues
import io.temporal.failure.ActivityFailure
import io.temporal.failure.ApplicationFailure
import io.temporal.failure.CanceledFailure
import io.temporal.failure.TimeoutFailure
import io.temporal.workflow.ActivityStub
import io.temporal.workflow.DynamicQueryHandler
import io.temporal.workflow.DynamicWorkflow
import io.temporal.workflow.Promise
import io.temporal.workflow.Workflow
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.suspendCancellableCoroutine
import java.time.Duration
import java.util.concurrent.CancellationException
import kotlin.coroutines.resume
import kotlin.time.toJavaDuration

/**
 * The one workflow implementation behind every registered graph: it finds the graph by its workflow
 * type and runs the engine itself, on the workflow's thread ([WorkflowLoop]), with every node computed
 * by an activity ([ActivityBodies]). The schedule is therefore the engine's (dependencies, failure
 * policy, concurrency, pools, priority, optional inputs, skips, run timeout), and deterministic: the
 * engine makes its decisions from the order in which Temporal's events arrive, and from nothing else.
 */
internal class GraphWorkflow(
    private val registry: Registry,
) : DynamicWorkflow {
    override fun execute(args: EncodedValues): Any {
        val type = Workflow.getInfo().workflowType
        // Not an ApplicationFailure: the workflow task fails and is retried, on a worker that has the graph.
        val graph = registry.graph(type) ?: throw IllegalStateException(Messages.unknownGraph(type))
        val request = args.get(0, StartRequest::class.java)
        if (request.startedAtMillis == 0L) request.startedAtMillis = Workflow.currentTimeMillis()
        val loop = WorkflowLoop()
        val bodies = ActivityBodies(graph, request.scheduling == Scheduling.CRITICAL_PATH.name, loop::cancelRun)
        val progress = Progress(graph, request.carried, bodies)
        var finished: RunRecord? = null
        // A cancelled workflow ends without a result, so the client asks for the stopped run by query.
        Workflow.registerListener(
            DynamicQueryHandler { name, _ ->
                when (name) {
                    AdagioClient.PROGRESS_QUERY -> progress.record()
                    AdagioClient.RESULT_QUERY -> finished
                    else -> throw IllegalArgumentException("unknown query '$name'")
                }
            },
        )
        @Suppress("UNCHECKED_CAST")
        val dag = graph.dag as dev.adagio.Dag<Any?, Any?>
        var options = request.toOptions(graph).withListener(progress).withRemoteBodies(bodies)
        request.carried?.let { carried ->
            val elapsed = (Workflow.currentTimeMillis() - request.startedAtMillis) * 1_000_000
            options = options.resumingFrom(RunRecords.progressOf(graph, carried, elapsed))
        }
        val failure: Throwable
        try {
            return RunRecords.of(loop.run { dag.run(request.input, options) })
        } catch (e: NodeFailedException) {
            failure = ApplicationFailure.newNonRetryableFailure(e.message, AdagioClient.FAILED, RunRecords.of(e.run, e))
        } catch (e: RunTimeoutException) {
            failure =
                ApplicationFailure.newNonRetryableFailure(
                    e.message,
                    AdagioClient.TIMED_OUT,
                    RunRecords.of(e.run, timedOutNanos = e.limitNanos),
                )
        } catch (e: RunCancelledException) {
            if (bodies.drained && !loop.workflowCancelled) {
                // The history is long: go on as a new run of the same workflow, with the finished nodes' outcomes.
                request.carried = progress.carry()
                Workflow.continueAsNew(request)
            }
            finished = RunRecords.of(e.run)
            failure = CanceledFailure(e.message, finished)
        }
        throw failure
    }
}

/** The run options a client sent, checked against the graph. */
internal fun StartRequest.toOptions(graph: TemporalDag<*, *>): RunOptions {
    val targets =
        targets.map { name ->
            graph.dag.nodes.firstOrNull { it.name == name }
                ?: throw IllegalArgumentException(Messages.foreignTarget(name, graph.dag.name))
        }
    var options =
        RunOptions(
            targets = targets,
            sequential = sequential,
            failurePolicy = FailurePolicy.valueOf(failurePolicy),
            maxConcurrency = maxConcurrency,
            scheduling = Scheduling.valueOf(scheduling),
        )
    if (timeoutNanos > 0) options = options.withTimeout(java.time.Duration.ofNanos(timeoutNanos))
    return options
}

/** Every node of a workflow's run computed by its activity, with the node's policies mapped onto Temporal's. */
internal class ActivityBodies(
    private val graph: TemporalDag<*, *>,
    /** Whether activities carry the critical path's priority ([TemporalDag.priorityKeys]). */
    private val criticalPath: Boolean,
    /** Stops the run, to go on as a new one: called once the history is long and no activity runs. */
    private val onDrained: () -> Unit,
) : RemoteBodies {
    private val stubs = HashMap<Int, ActivityStub>()

    /** Whether the history passed the continue-as-new threshold: no node starts an activity any more. */
    private var draining = false

    /** How many node activities are running. */
    private var active = 0

    /** Whether the run was stopped to go on as a new one. */
    var drained = false
        private set

    override suspend fun compute(call: RemoteCall): Any? {
        if (!draining && Workflow.getInfo().historyLength >= graph.limits.continueAsNewEvents) draining = true
        if (draining) {
            if (active == 0) drain()
            awaitCancellation()
        }
        val pool = graph.dag.policies(call.node).pool
        if (pool != null) acquire(pool)
        active++
        try {
            return computeNow(call)
        } finally {
            active--
            if (pool != null) release(pool)
        }
    }

    /** Per pool name: the permits this run's nodes hold, and the nodes waiting for one, first come first served. */
    private val pools = HashMap<String, Pair<IntArray, ArrayDeque<CancellableContinuation<Unit>>>>()

    /** Takes one of [pool]'s permits for this run (a pool bounds each run apart here: its object lives in one process). */
    private suspend fun acquire(pool: dev.adagio.Pool) {
        val (held, waiting) = pools.getOrPut(pool.name) { IntArray(1) to ArrayDeque() }
        if (held[0] < pool.permits) {
            held[0]++
            return
        }
        suspendCancellableCoroutine { waiter ->
            waiting.addLast(waiter)
            waiter.invokeOnCancellation { waiting.remove(waiter) }
        }
    }

    private fun release(pool: dev.adagio.Pool) {
        val (held, waiting) = pools.getValue(pool.name)
        // The permit passes straight to the next waiter, if any.
        val next = waiting.removeFirstOrNull()
        if (next == null) held[0]-- else next.resume(Unit)
    }

    /** A node has finished and the engine recorded it: once draining and no activity runs, the run stops. */
    fun nodeFinished() {
        if (draining && active == 0) drain()
    }

    private fun drain() {
        if (drained) return
        drained = true
        onDrained()
    }

    private suspend fun computeNow(call: RemoteCall): Any? {
        val node = call.node
        var request = NodeRequest(call.runInput as WireValue?, call.inputs.map(::wireInput))
        var lost = 0
        var result: NodeResult
        while (true) {
            result =
                try {
                    execute(node, request)
                } catch (e: ActivityFailure) {
                    // A lost worker is not the node's failure: its attempt runs again, on a worker of the queue.
                    val redo = lostAttempt(e)
                    if (redo != null && lost++ < graph.limits.workerLossRetries) {
                        request = NodeRequest(request.runInput, request.inputs, null, redo)
                        continue
                    }
                    recoverFrom(call, node, request, e)
                }
            break
        }
        call.attempts = result.attempt
        result.recovered?.let { call.recovered(WireErrors.rebuild(it)) }
        return result.value
    }

    /**
     * When [failure] says the activity's worker was lost (it stopped, or stopped heartbeating), the
     * attempts made before the lost one; else null.
     */
    private fun lostAttempt(failure: ActivityFailure): Int? =
        when (val cause = failure.cause) {
            is TimeoutFailure -> {
                if (cause.timeoutType == TimeoutType.TIMEOUT_TYPE_HEARTBEAT) 0 else null
            }

            is ApplicationFailure -> {
                if (cause.type == WORKER_LOST) {
                    (runCatching { cause.details.get(0, NodeFailureDetail::class.java) }.getOrNull()?.attempt ?: 1) - 1
                } else {
                    null
                }
            }

            else -> {
                null
            }
        }

    /** The node's result after its activity failed: a fallback's, for an attempt that timed out; else the failure, as the engine knows it. */
    private suspend fun recoverFrom(
        call: RemoteCall,
        node: Node<*>,
        request: NodeRequest,
        failure: ActivityFailure,
    ): NodeResult {
        val policies = graph.dag.policies(node)
        when (val cause = failure.cause) {
            is ApplicationFailure -> {
                val detail = runCatching { cause.details.get(0, NodeFailureDetail::class.java) }.getOrNull()
                call.attempts = detail?.attempt ?: 1
                throw detail?.error?.let(WireErrors::rebuild) ?: RemoteNodeException(cause.type, cause.originalMessage)
            }

            is TimeoutFailure -> {
                call.attempts = policies.retry?.maxAttempts ?: 1
                val timeout =
                    if (cause.timeoutType == TimeoutType.TIMEOUT_TYPE_HEARTBEAT) {
                        RemoteNodeException("dev.adagio.temporal.WorkerLost", "the worker running node '${node.name}' stopped heartbeating")
                    } else {
                        RemoteResults.nodeTimedOut(node.name, (policies.timeout ?: graph.limits.defaultAttemptTimeout).inWholeNanoseconds)
                    }
                if (!policies.hasFallback) throw timeout
                return execute(node, NodeRequest(request.runInput, request.inputs, WireErrors.of(timeout), request.attemptOffset))
            }

            is CanceledFailure -> {
                throw CancellationException("the activity of node '${node.name}' was cancelled")
            }

            else -> {
                throw RemoteNodeException(cause?.javaClass?.name ?: failure.javaClass.name, cause?.message ?: failure.message)
            }
        }
    }

    /** Runs [node]'s activity in a cancellation scope of its own, and waits for it. */
    private suspend fun execute(
        node: Node<*>,
        request: NodeRequest,
    ): NodeResult {
        val stub =
            if (request.attemptOffset == 0) {
                stubs.getOrPut(node.index) { Workflow.newUntypedActivityStub(optionsFor(node, 0)) }
            } else {
                Workflow.newUntypedActivityStub(optionsFor(node, request.attemptOffset))
            }
        lateinit var promise: Promise<NodeResult>
        val scope =
            Workflow.newCancellationScope(
                Runnable {
                    promise =
                        stub.executeAsync(graph.activityType(node), NodeResult::class.java, request)
                },
            )
        scope.run()
        return awaitIn(scope, promise)
    }

    private fun optionsFor(
        node: Node<*>,
        offset: Int,
    ): ActivityOptions {
        val policies = graph.dag.policies(node)
        val retry = policies.retry
        val retryOptions =
            RetryOptions
                .newBuilder()
                .setMaximumAttempts(((retry?.maxAttempts ?: 1) - offset).coerceAtLeast(1))
        if (retry != null) {
            retryOptions
                .setInitialInterval(retry.initialDelay.toJavaDuration().coerceAtLeast(MIN_INTERVAL))
                .setBackoffCoefficient(retry.factor)
                .setMaximumInterval(
                    retry.maxDelay
                        .toJavaDuration()
                        .coerceAtLeast(retry.initialDelay.toJavaDuration())
                        .coerceAtLeast(MIN_INTERVAL),
                )
        }
        val timeout = policies.timeout ?: graph.limits.defaultAttemptTimeout
        return ActivityOptions
            .newBuilder()
            .setStartToCloseTimeout(timeout.toJavaDuration())
            .setHeartbeatTimeout(graph.limits.heartbeatTimeout.toJavaDuration())
            .setRetryOptions(retryOptions.build())
            .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
            .apply { if (criticalPath) setPriority(Priority.newBuilder().setPriorityKey(graph.priorityKeys[node.index]).build()) }
            .apply { policies.pool?.let { setTaskQueue(AdagioWorkers.poolQueue(Workflow.getInfo().taskQueue, it)) } }
            .build()
    }

    private fun wireInput(input: Any?): WireInput {
        if (input !is OptionalInput<*>) return WireInput(input as WireValue?)
        return WireInput(null, WireOptional(input.status.name, input.getOrNull() as WireValue?, input.error?.let(WireErrors::of)))
    }

    private companion object {
        const val WORKER_LOST = "dev.adagio.temporal.WorkerLost"

        /** Temporal's retry intervals must be positive; `Retry.immediately` retries after this. */
        val MIN_INTERVAL: Duration = Duration.ofMillis(1)
    }
}

/**
 * The run's progress as the workflow's listener sees it, for the progress query, and every finished
 * node's outcome, carried to the next run when the run goes on as a new one.
 */
internal class Progress(
    private val graph: TemporalDag<*, *>,
    carried: RunRecord?,
    private val bodies: ActivityBodies,
) : RunListener {
    private val size = graph.dag.nodes.size
    private val statuses = carried?.statuses?.toMutableList() ?: MutableList(size) { NodeStatus.NOT_STARTED.name }
    private val values = carried?.values?.toMutableList() ?: MutableList<WireValue?>(size) { null }
    private val errors = carried?.errors?.toMutableList() ?: MutableList<WireError?>(size) { null }
    private val startNanos = carried?.startNanos?.toMutableList() ?: MutableList(size) { -1L }
    private val endNanos = carried?.endNanos?.toMutableList() ?: MutableList(size) { -1L }
    private val attempts = carried?.attempts?.toMutableList() ?: MutableList(size) { 0 }
    private val running = HashSet<Int>()
    private var planned = 0
    private var finished = statuses.drop(1).count { it != NodeStatus.NOT_STARTED.name }

    override fun onRunStarted(run: RunInfo) {
        planned = run.plannedNodes
    }

    override fun onNodeStarted(
        run: RunInfo,
        node: Node<*>,
        atNanos: Long,
    ) {
        running += node.index
    }

    override fun onNodeFinished(
        run: RunInfo,
        outcome: NodeOutcome<*>,
    ) {
        val i = outcome.node.index
        running -= i
        // A node cancelled because the run goes on as a new one runs again there.
        if (outcome.status != NodeStatus.CANCELLED || !bodies.drained) {
            statuses[i] = outcome.status.name
            values[i] = outcome.value as WireValue?
            errors[i] = outcome.error?.let(WireErrors::of)
            startNanos[i] = outcome.startNanos
            endNanos[i] = outcome.endNanos
            attempts[i] = outcome.attempts
            finished++
        }
        bodies.nodeFinished()
    }

    fun record(): ProgressRecord {
        val byName = LinkedHashMap<String, String>()
        for (node in graph.dag.nodes.drop(1)) byName[node.name] = if (node.index in running) "RUNNING" else statuses[node.index]
        return ProgressRecord(byName, planned, finished)
    }

    /** The finished nodes' outcomes, the others `NOT_STARTED`, for the next run. */
    fun carry(): RunRecord =
        RunRecord(
            statuses = statuses.mapIndexed { i, s -> if (i == 0 || s == NodeStatus.CANCELLED.name) NodeStatus.NOT_STARTED.name else s },
            values = values,
            errors = errors,
            startNanos = startNanos,
            endNanos = endNanos,
            attempts = attempts,
        )
}

/** Errors as they cross machines, and as they are rebuilt. */
internal object WireErrors {
    fun of(error: Throwable): WireError =
        when (error) {
            is RemoteNodeException -> WireError(error.remoteType, error.remoteMessage)
            is NodeTimeoutException -> WireError(NodeTimeoutException::class.java.name, error.nodeName, error.limitNanos)
            else -> WireError(error.javaClass.name, error.message)
        }

    fun rebuild(error: WireError): Throwable =
        when (error.type) {
            NodeTimeoutException::class.java.name -> {
                RemoteResults.nodeTimedOut(error.message ?: "", error.limitNanos)
            }

            SkippedException::class.java.name -> {
                SkippedException(error.message ?: "")
            }

            CancellationException::class.java.name, kotlinx.coroutines.CancellationException::class.java.name -> {
                CancellationException(
                    error.message,
                )
            }

            else -> {
                if (error.type.endsWith(
                        "CancellationException",
                    )
                ) {
                    CancellationException(error.message)
                } else {
                    RemoteNodeException(error.type, error.message)
                }
            }
        }
}

/** Runs as the workflow returns them, and back. */
internal object RunRecords {
    fun of(
        run: DagRun<*>,
        failure: NodeFailedException? = null,
        timedOutNanos: Long = 0,
    ): RunRecord {
        val outcomes = run.outcomes
        val failed =
            if (failure ==
                null
            ) {
                emptyList()
            } else {
                listOf(failure.nodeName) +
                    failure.suppressed.filterIsInstance<NodeFailedException>().map { it.nodeName }
            }
        return RunRecord(
            statuses = outcomes.map { it.status.name },
            values = outcomes.map { it.value as WireValue? },
            errors = outcomes.map { o -> o.error?.let(WireErrors::of) },
            startNanos = outcomes.map { it.startNanos },
            endNanos = outcomes.map { it.endNanos },
            attempts = outcomes.map { it.attempts },
            failed = failed,
            timedOutNanos = timedOutNanos,
        )
    }

    /** Where [record]'s run stopped, for the engine to go on from, its values still encoded. */
    fun progressOf(
        graph: TemporalDag<*, *>,
        record: RunRecord,
        elapsedNanos: Long,
    ): RemoteProgress =
        RemoteProgress(
            record.statuses.map(NodeStatus::valueOf),
            record.values,
            record.errors.map { it?.let(WireErrors::rebuild) },
            record.startNanos.toLongArray(),
            record.endNanos.toLongArray(),
            record.attempts.toIntArray(),
            elapsedNanos,
        )

    /** The [DagRun] [record] describes, its values decoded. */
    fun <O> rebuild(
        graph: TemporalDag<*, O>,
        record: RunRecord,
    ): DagRun<O> {
        val nodes = graph.dag.nodes
        val statuses = record.statuses.map(NodeStatus::valueOf)
        return graph.dag.restoreRun(
            statuses,
            nodes.map { node -> record.values.getOrNull(node.index)?.let { graph.decode(node, it) } },
            record.errors.map { it?.let(WireErrors::rebuild) },
            record.startNanos.toLongArray(),
            record.endNanos.toLongArray(),
            record.attempts.toIntArray(),
        )
    }
}
