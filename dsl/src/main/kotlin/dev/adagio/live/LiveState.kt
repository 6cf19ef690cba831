package dev.adagio.live

import dev.adagio.DagBuilder
import dev.adagio.DagRun
import dev.adagio.Messages
import dev.adagio.Node
import dev.adagio.NodeKind
import dev.adagio.NodeStatus
import dev.adagio.Pool
import dev.adagio.Retry
import dev.adagio.RunClock
import dev.adagio.SkippedException
import dev.adagio.internal.Attempts
import dev.adagio.internal.Errors
import dev.adagio.internal.PolicyBody
import dev.adagio.internal.SuspendingPoolWaiter
import dev.adagio.internal.dispatchedTo
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import java.util.concurrent.CancellationException

/** What a [LiveScope] view declares its nodes with. */
internal class LiveOptions(
    val timeoutNanos: Long,
    val retry: Retry?,
    val pool: Pool?,
    val after: List<Node<*>>,
    /** Where the body runs, dispatched (see `dispatched` nodes); null for inline in the launching coroutine. */
    val dispatcher: CoroutineDispatcher? = null,
) {
    val policies: PolicyBody? = if (timeoutNanos == 0L && retry == null) null else PolicyBody(null, timeoutNanos, retry, null)

    companion object {
        val NONE = LiveOptions(0, null, null, emptyList())
    }
}

/** One live run: its recorded graph, every node's state, and the coroutines that run them. */
internal class LiveState(
    private val name: String,
    private val clock: RunClock,
) {
    private val builder = DagBuilder.create<Unit>(name)
    private val origin = clock.nanoTime()
    private lateinit var coroutines: CoroutineScope
    private val completions = ArrayList<CompletableDeferred<Any?>>()
    private val statuses = ArrayList<NodeStatus>()
    private val values = ArrayList<Any?>()
    private val errors = ArrayList<Throwable?>()
    private val starts = ArrayList<Long>()
    private val ends = ArrayList<Long>()
    private val attempts = ArrayList<Int>()

    /** The first failure: the node's name and its error. */
    internal var failed: Pair<String, Throwable>? = null
        private set

    internal fun open(scope: CoroutineScope) {
        coroutines = scope
        synchronized(this) { append(CompletableDeferred(Unit), NodeStatus.SUCCEEDED, Unit, 0, 0) }
    }

    internal fun <R> unnamed(
        kind: NodeKind,
        declare: (String) -> Node<R>,
    ): Node<R> = builder.unnamed(kind) { declare(it) }

    internal fun <R> launch(
        name: String,
        kind: NodeKind,
        inputs: List<Node<*>>,
        options: LiveOptions,
        body: suspend LiveNodeScope.(List<Any?>) -> R,
    ): Node<R> {
        // A graph whose block returned takes no node; once the run stopped (failure or the caller's
        // cancellation), declaring ends the declaring code.
        check(coroutines.coroutineContext[Job]?.isCompleted != true) { Messages.liveEnded(this.name) }
        coroutines.ensureActive()
        val (node, completion) =
            synchronized(this) {
                val node = builder.recordLive<R>(name, kind, inputs, options.after)
                node to CompletableDeferred<Any?>().also { append(it, NodeStatus.NOT_STARTED, null, -1, -1) }
            }
        val waitFor = inputs.map { input -> synchronized(this) { completions[input.index] } to input.name }
        val waitAfter = options.after.map { dep -> synchronized(this) { completions[dep.index] } to dep.name }
        coroutines.launch(start = CoroutineStart.UNDISPATCHED) {
            val values = ArrayList<Any?>(waitFor.size)
            for ((input, inputName) in waitFor + waitAfter) {
                try {
                    val value = input.await()
                    if (values.size < waitFor.size) values += value
                } catch (e: Throwable) {
                    if (e is SkippedException) {
                        // As in a dag: the dependents of a skipped node are skipped, naming it.
                        val skip = SkippedException(Messages.skippedAfter(name, inputName, NodeStatus.SKIPPED))
                        finish(node.index, NodeStatus.SKIPPED, null, skip, 0)
                        completion.completeExceptionally(skip)
                    } else {
                        completion.completeExceptionally(CancellationException(Messages.liveInputNotDone(name, inputName)))
                    }
                    return@launch
                }
            }
            // A node launched undispatched into a stopped run, or whose run stopped while it waited, never starts.
            if (!isActive) {
                completion.completeExceptionally(CancellationException(Messages.runCancelledFromOutside(this@LiveState.name)))
                return@launch
            }
            val pool = options.pool
            if (pool != null) {
                try {
                    SuspendingPoolWaiter.acquire(pool)
                } catch (e: Throwable) {
                    completion.completeExceptionally(e)
                    return@launch
                }
            }
            synchronized(this@LiveState) { starts[node.index] = now() }
            val attempt = LiveAttempts(node.name)
            try {
                // A node is complete when its body and every coroutine it launched are; a child's failure is the node's.
                val once: suspend () -> R = { coroutineScope { LiveNodeScope(this, node.name, attempt, this@LiveState).body(values) } }
                val policies = options.policies

                @Suppress("UNCHECKED_CAST")
                val attempts: suspend () -> R = if (policies == null) once else ({ policies.run(attempt, once) as R })
                // A blocking body runs on its own dispatcher already.
                val on = options.dispatcher?.takeIf { kind != NodeKind.BLOCKING }
                val value = if (on == null) attempts() else dispatchedTo(on, block = attempts)
                finish(node.index, NodeStatus.SUCCEEDED, value, null, attempt.attemptNumber)
                completion.complete(value)
            } catch (e: Throwable) {
                val error = Errors.unwrap(e)
                val cancelledByRun = error is CancellationException && failed != null
                val status =
                    when (error) {
                        is SkippedException -> NodeStatus.SKIPPED
                        is CancellationException -> NodeStatus.CANCELLED
                        else -> NodeStatus.FAILED
                    }
                finish(node.index, status, null, error, attempt.attemptNumber)
                completion.completeExceptionally(error)
                if (status != NodeStatus.SKIPPED && !cancelledByRun && coroutines.coroutineContext[Job]!!.isActive) fail(node.name, error)
            } finally {
                pool?.release()
            }
        }
        return node
    }

    private fun fail(
        node: String,
        error: Throwable,
    ) {
        synchronized(this) {
            if (failed != null) return
            failed = node to error
        }
        coroutines.coroutineContext[Job]!!.cancel(CancellationException(Messages.runCancelled(node)))
    }

    private fun finish(
        index: Int,
        status: NodeStatus,
        value: Any?,
        error: Throwable?,
        attemptsMade: Int,
    ) = synchronized(this) {
        statuses[index] = status
        values[index] = value
        errors[index] = error
        ends[index] = now()
        attempts[index] = attemptsMade
    }

    private fun append(
        completion: CompletableDeferred<Any?>,
        status: NodeStatus,
        value: Any?,
        start: Long,
        end: Long,
    ) {
        completions += completion
        statuses += status
        values += value
        errors += null
        starts += start
        ends += end
        attempts += 0
    }

    private fun now(): Long = clock.nanoTime() - origin

    /** The graph and run as they happened; [output] is the block's node, or the last one declared. */
    internal fun <R> record(output: Node<R>?): DagRun<R> =
        synchronized(this) {
            // The block did not return (the run stopped first): record the last node declared as the output.
            @Suppress("UNCHECKED_CAST")
            val out = output ?: builder.declaredNodes().last() as Node<R>

            @Suppress("UNCHECKED_CAST")
            val dag = builder.build(out as Node<R>)
            val codes =
                ByteArray(statuses.size) { i ->
                    when (statuses[i]) {
                        NodeStatus.SUCCEEDED -> dev.adagio.internal.SUCCEEDED
                        NodeStatus.FAILED -> dev.adagio.internal.FAILED
                        NodeStatus.CANCELLED -> dev.adagio.internal.CANCELLED
                        NodeStatus.SKIPPED -> dev.adagio.internal.SKIPPED
                        NodeStatus.NOT_STARTED -> dev.adagio.internal.PENDING
                        NodeStatus.REUSED -> dev.adagio.internal.REUSED
                    }
                }
            DagRun(
                dag,
                codes,
                values.toTypedArray(),
                errors.toTypedArray(),
                starts.toLongArray(),
                ends.toLongArray(),
                attempts.toIntArray(),
            )
        }
}

/** A live node's attempts, as the shared policies see them. */
private class LiveAttempts(
    override val nodeName: String,
) : Attempts {
    @Volatile override var attemptNumber: Int = 1

    override var recovered: Throwable? = null

    override fun retrying(
        error: Throwable,
        pauseNanos: Long,
    ) {}
}
