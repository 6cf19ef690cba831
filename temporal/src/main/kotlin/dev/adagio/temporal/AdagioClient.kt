package dev.adagio.temporal

import dev.adagio.DagRun
import dev.adagio.RemoteResults
import dev.adagio.RunOptions
import io.temporal.client.WorkflowClient
import io.temporal.client.WorkflowFailedException
import io.temporal.client.WorkflowOptions
import io.temporal.client.WorkflowStub
import io.temporal.common.converter.DataConverter
import io.temporal.failure.ApplicationFailure
import io.temporal.failure.CanceledFailure
import kotlinx.coroutines.suspendCancellableCoroutine
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import kotlin.coroutines.resumeWithException

/**
 * The client side: starts runs of registered graphs on Temporal and hands back their results as the same
 * [DagRun] a local run gives.
 *
 * ```
 * val client = AdagioClient(workflowClient, "reports")
 * val run: DagRun<Report> = client.start(report, Day(2026, 12, 1), id = "report-2026-12-01").await()
 * ```
 *
 * The run options that cross to Temporal are the failure policy, the concurrency limit, the run
 * timeout, the scheduling, `sequential` and the targets. Listeners, interceptors, thread-locals and an
 * executor run in the process that runs the graph, so options with them are refused; query
 * [TemporalRun.progress] instead.
 */
public class AdagioClient(
    private val client: WorkflowClient,
    /** The task queue the graphs' workers poll. */
    public val taskQueue: String,
) {
    /**
     * Starts a run of [graph] with [input], as workflow [id] (a run with that id already running is an
     * error: Temporal's `WorkflowExecutionAlreadyStarted`), and returns its handle at once.
     */
    @JvmOverloads
    public fun <I, O> start(
        graph: TemporalDag<I, O>,
        input: I,
        id: String,
        options: RunOptions = RunOptions.defaults(),
    ): TemporalRun<O> {
        if (options.listeners.isNotEmpty()) throw IllegalArgumentException(Messages.notLocal("listeners"))
        if (options.interceptors.isNotEmpty()) throw IllegalArgumentException(Messages.notLocal("interceptors"))
        if (options.threadLocals.isNotEmpty()) throw IllegalArgumentException(Messages.notLocal("thread-locals"))
        if (options.executor != null) throw IllegalArgumentException(Messages.notLocal("an executor"))
        graph.limits.checkRun(graph.dag.name, graph.dag.nodes.size - 1, options.maxConcurrency)
        val request =
            StartRequest(
                input = graph.encode(graph.dag.input, input),
                failurePolicy = options.failurePolicy.name,
                maxConcurrency = options.maxConcurrency,
                timeoutNanos = options.timeoutNanos,
                scheduling = options.scheduling.name,
                sequential = options.sequential,
                targets = options.targets.map { graph.dag.node(it.name).name },
            )
        val stub =
            client.newUntypedWorkflowStub(
                graph.workflowType,
                WorkflowOptions
                    .newBuilder()
                    .setTaskQueue(taskQueue)
                    .setWorkflowId(id)
                    .build(),
            )
        stub.start(request)
        return TemporalRun(graph, stub, id, client.options.dataConverter)
    }

    /** Starts a run of [graph] with [input] as workflow [id] and waits for its result. */
    @JvmSynthetic
    public suspend fun <I, O> run(
        graph: TemporalDag<I, O>,
        input: I,
        id: String,
        options: RunOptions = RunOptions.defaults(),
    ): DagRun<O> = start(graph, input, id, options).await()

    /** The handle of the run of [graph] started (by any client) as workflow [id]. */
    public fun <O> attach(
        graph: TemporalDag<*, O>,
        id: String,
    ): TemporalRun<O> = TemporalRun(graph, client.newUntypedWorkflowStub(id), id, client.options.dataConverter)

    internal companion object {
        const val PROGRESS_QUERY = "adagio.progress"
        const val RESULT_QUERY = "adagio.result"
        const val FAILED = "dev.adagio.NodeFailedException"
        const val TIMED_OUT = "dev.adagio.RunTimeoutException"
    }
}

/** One run on Temporal: await its [DagRun], query its progress, cancel it. */
public class TemporalRun<O> internal constructor(
    private val graph: TemporalDag<*, O>,
    private val stub: WorkflowStub,
    /** The run's workflow id. */
    public val workflowId: String,
    private val converter: DataConverter,
) {
    /**
     * The run's result, once it ends: its [DagRun], or the exception a local run would throw
     * (`NodeFailedException`, `RunTimeoutException`, `RunCancelledException`), each holding the run.
     * A node's own exception arrives as [RemoteNodeException] (its class name and message), a timeout
     * as `NodeTimeoutException`. A cancelled run's future is itself cancelled, as `CompletableFuture`
     * makes every future that fails with a `CancellationException`: [join] and [await] throw the
     * `RunCancelledException` itself.
     */
    public fun result(): CompletableFuture<DagRun<O>> =
        stub
            .getResultAsync(RunRecord::class.java)
            .handle { record, error ->
                if (error == null) return@handle RunRecords.rebuild(graph, record)
                throw CompletionException(failureOf(error))
            }

    /**
     * Blocks the calling thread until the run ends; see [result] for what it returns and throws. On
     * Temporal's `TestWorkflowEnvironment`, the server skips time (timers, retry backoff) only while a
     * caller blocks like this, so tests of runs that wait call `join`.
     */
    public fun join(): DagRun<O> {
        val record =
            try {
                stub.getResult(RunRecord::class.java)
            } catch (e: Exception) {
                throw failureOf(e)
            }
        return RunRecords.rebuild(graph, record)
    }

    /** Waits for the run's result without blocking a thread; see [result]. */
    @JvmSynthetic
    public suspend fun await(): DagRun<O> =
        suspendCancellableCoroutine { continuation ->
            val future = stub.getResultAsync(RunRecord::class.java)
            future.whenComplete { record, error ->
                if (error == null) {
                    continuation.resumeWith(runCatching { RunRecords.rebuild(graph, record) })
                } else {
                    continuation.resumeWithException(failureOf(error))
                }
            }
            continuation.invokeOnCancellation { future.cancel(false) }
        }

    /** What each node is doing now, by a query to the run's workflow. */
    public fun progress(): RunProgress {
        val record = stub.query(AdagioClient.PROGRESS_QUERY, ProgressRecord::class.java)
        return RunProgress(record.statuses, record.planned, record.finished)
    }

    /** Asks the run to stop: running nodes are cancelled (their activities too) and [result] fails with `RunCancelledException`. */
    public fun cancel() {
        stub.cancel()
    }

    private fun failureOf(error: Throwable): Throwable {
        val failed = generateSequence(error) { it.cause }.firstOrNull { it is WorkflowFailedException } ?: return error
        return when (val cause = failed.cause) {
            is ApplicationFailure -> {
                val record = runCatching { cause.details.get(0, RunRecord::class.java) }.getOrNull() ?: return failed
                val run = RunRecords.rebuild(graph, record)
                when (cause.type) {
                    AdagioClient.TIMED_OUT -> RemoteResults.runTimedOut(record.timedOutNanos, run)
                    AdagioClient.FAILED -> nodeFailure(run, record)
                    else -> failed
                }
            }

            is CanceledFailure -> {
                cause.setDataConverter(converter)
                val record =
                    runCatching { cause.details.get(0, RunRecord::class.java) }.getOrNull()
                        ?: runCatching { stub.query(AdagioClient.RESULT_QUERY, RunRecord::class.java) }.getOrNull()
                        ?: return CancellationException(cause.message)
                RemoteResults.runCancelled(RunRecords.rebuild(graph, record), cause)
            }

            else -> {
                failed
            }
        }
    }

    private fun nodeFailure(
        run: DagRun<O>,
        record: RunRecord,
    ): Throwable {
        val names = record.failed
        val errorOf = { name: String -> run.outcome(graph.dag.node(name)).error ?: RemoteNodeException("unknown", "node '$name' failed") }
        return RemoteResults.nodeFailed(names.first(), errorOf(names.first()), run).apply {
            for (name in names.drop(1)) addSuppressed(RemoteResults.nodeFailed(name, errorOf(name), run))
        }
    }

    override fun toString(): String = "TemporalRun(${graph.workflowType}, $workflowId)"
}

/** A run's progress: each node's status by name (`RUNNING` for one running now), and how many of the planned nodes have finished. */
public class RunProgress internal constructor(
    /** Each node's status by name, in declaration order: a `NodeStatus` name, or `RUNNING`. */
    public val statuses: Map<String, String>,
    /** How many nodes the run will finish. */
    public val planned: Int,
    /** How many have finished. */
    public val finished: Int,
) {
    override fun toString(): String = "RunProgress($finished/$planned finished, $statuses)"
}
