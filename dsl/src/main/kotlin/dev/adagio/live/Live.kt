@file:JvmName("LiveDags")

package dev.adagio.live

import dev.adagio.AdagioDsl
import dev.adagio.AdagioInteropApi
import dev.adagio.BlockingBody
import dev.adagio.DagBuilder
import dev.adagio.DagDefinitionException
import dev.adagio.DagRun
import dev.adagio.Messages
import dev.adagio.Node
import dev.adagio.NodeContext
import dev.adagio.NodeFailedException
import dev.adagio.NodeKind
import dev.adagio.NodeScope
import dev.adagio.NodeStatus
import dev.adagio.Pool
import dev.adagio.Retry
import dev.adagio.RunCancelledException
import dev.adagio.RunClock
import dev.adagio.RunFuture
import dev.adagio.SkippedException
import dev.adagio.StageBody
import dev.adagio.internal.Attempts
import dev.adagio.internal.Errors
import dev.adagio.internal.PolicyBody
import dev.adagio.internal.SuspendingPoolWaiter
import dev.adagio.internal.awaitFor
import dev.adagio.internal.dispatcherFor
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.future.future
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.runInterruptible
import kotlinx.coroutines.supervisorScope
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor
import kotlin.coroutines.CoroutineContext
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * Runs a live graph (aiodag's model): each `node(...)` declared in [block] starts at once and runs as
 * soon as its inputs have values; node bodies may declare further nodes while they run (through
 * [LiveNodeScope.live]). `live` returns when every node has finished, with the node [block] returned
 * as the output.
 *
 * What ran is recorded as an ordinary graph and run result: `run.dag` can be inspected and drawn like
 * any other (it cannot be run again: run the block again instead).
 *
 * Failure and cancellation are those of a `Dag` run: the first node that fails cancels the others and
 * `live` throws [NodeFailedException] with the recorded run; cancelling the caller cancels every node
 * and throws [RunCancelledException]. Nothing is left running either way.
 *
 * ```
 * val run = live("pipeline") {
 *     val a = node("fetch a") { fetch("a") }
 *     val b = node("fetch b") { fetch("b") }
 *     node("join", a, b) { x, y -> x + y }
 * }
 * ```
 */
@JvmSynthetic
public suspend fun <R> live(
    name: String,
    block: suspend LiveScope.() -> Node<R>,
): DagRun<R> {
    val state = LiveState(name, currentCoroutineContext()[RunClock] ?: RunClock.SYSTEM)
    val scope = LiveScope(state, LiveOptions.NONE)
    var output: Node<R>? = null
    var cancellation: CancellationException? = null
    try {
        supervisorScope {
            state.open(this)
            output = scope.block()
        }
    } catch (e: CancellationException) {
        if (state.failed == null) cancellation = e
    }
    val run = state.record(output)
    state.failed?.let { (node, error) -> throw NodeFailedException(node, error, run) }
    cancellation?.let { throw RunCancelledException(name, run, it) }
    return run
}

/**
 * Runs a live graph from outside coroutines (Java): [block] declares nodes with [LiveScope.stageNode]
 * and returns the output node; the future completes when every node has finished. The engine runs on
 * [executor] (`Dispatchers.Default` when null); cancelling the future cancels every node, and the
 * [dev.adagio.RunCancellingException] it fails with gives every node's outcome once the last has stopped.
 */
@JvmOverloads
@AdagioInteropApi
public fun <R> liveAsync(
    name: String,
    executor: Executor? = null,
    block: java.util.function.Function<LiveScope, Node<R>>,
): RunFuture<DagRun<R>> =
    RunFuture<DagRun<R>>(name).start(dispatcherFor(executor)) {
        val run = live(name) { block.apply(this) }
        run to run
    }

/**
 * Declares the nodes of a live graph; each starts as soon as it is declared. Thread-safe.
 *
 * A live node starts at once, so what a dag node gets from modifiers after its declaration (order
 * edges, timeout, retries, pool) a live node gets before it: [options] returns a view of this scope
 * whose nodes are declared with them, `options(timeout = 2.seconds, after = listOf(log)).node(a) { … }`.
 * Nodes take 0 to 4 inputs or a list, named or not (`val x by node { … }` names it after its property),
 * suspending (`node`) or blocking (`blockingNode`, interrupted when cancelled).
 */
@AdagioDsl
public class LiveScope internal constructor(
    internal val state: LiveState,
    private val options: LiveOptions,
) {
    /**
     * A view of this scope whose every node is declared with these options: each attempt under [timeout],
     * [retry] on failure, a permit of [pool] held while it runs, and only after every one of [after] has
     * succeeded (order edges, recorded in the graph). The view declares into the same live graph; on a
     * view, what is not given stays as the view has it, and [after] adds to its order edges.
     *
     * @throws DagDefinitionException when a handle in [after] belongs to another graph, or a timeout is not positive.
     */
    @JvmSynthetic
    public fun options(
        timeout: Duration? = null,
        retry: Retry? = null,
        pool: Pool? = null,
        after: List<Node<*>> = emptyList(),
    ): LiveScope {
        if (timeout != null &&
            !timeout.isPositive()
        ) {
            throw DagDefinitionException(Messages.badTimeout("a live node", timeout.inWholeNanoseconds))
        }
        return LiveScope(
            state,
            LiveOptions(
                timeout?.inWholeNanoseconds ?: options.timeoutNanos,
                retry ?: options.retry,
                pool ?: options.pool,
                options.after + after,
            ),
        )
    }

    /** The same [options] from Java: a timeout, retries, a pool and order edges. */
    @AdagioInteropApi
    public fun options(
        timeout: java.time.Duration?,
        retry: Retry?,
        pool: Pool?,
        after: List<Node<*>>,
    ): LiveScope = options(timeout?.toKotlinDuration(), retry, pool, after)

    /** Starts a node with no input. */
    @JvmSynthetic
    public fun <R> node(
        name: String,
        body: suspend LiveNodeScope.() -> R,
    ): Node<R> = launch(name, NodeKind.SUSPEND, emptyList()) { v -> body() }

    /** Starts a node with no input, named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <R> node(body: suspend LiveNodeScope.() -> R): Node<R> = state.unnamed(NodeKind.SUSPEND) { node(it, body) }

    /** Starts a node that runs when [a] has a value. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> node(
        name: String,
        a: Node<A>,
        body: suspend LiveNodeScope.(A) -> R,
    ): Node<R> = launch(name, NodeKind.SUSPEND, listOf(a)) { v -> body(v[0] as A) }

    /** Starts a node that runs when [a] has a value, named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, R> node(
        a: Node<A>,
        body: suspend LiveNodeScope.(A) -> R,
    ): Node<R> = state.unnamed(NodeKind.SUSPEND) { node(it, a, body) }

    /** Starts a node that runs when [a], [b] have values. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, R> node(
        name: String,
        a: Node<A>,
        b: Node<B>,
        body: suspend LiveNodeScope.(A, B) -> R,
    ): Node<R> = launch(name, NodeKind.SUSPEND, listOf(a, b)) { v -> body(v[0] as A, v[1] as B) }

    /** Starts a node that runs when [a], [b] have values, named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, B, R> node(
        a: Node<A>,
        b: Node<B>,
        body: suspend LiveNodeScope.(A, B) -> R,
    ): Node<R> = state.unnamed(NodeKind.SUSPEND) { node(it, a, b, body) }

    /** Starts a node that runs when [a], [b], [c] have values. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, R> node(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        body: suspend LiveNodeScope.(A, B, C) -> R,
    ): Node<R> = launch(name, NodeKind.SUSPEND, listOf(a, b, c)) { v -> body(v[0] as A, v[1] as B, v[2] as C) }

    /** Starts a node that runs when [a], [b], [c] have values, named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, B, C, R> node(
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        body: suspend LiveNodeScope.(A, B, C) -> R,
    ): Node<R> = state.unnamed(NodeKind.SUSPEND) { node(it, a, b, c, body) }

    /** Starts a node that runs when [a], [b], [c], [d] have values. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, D, R> node(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        d: Node<D>,
        body: suspend LiveNodeScope.(A, B, C, D) -> R,
    ): Node<R> = launch(name, NodeKind.SUSPEND, listOf(a, b, c, d)) { v -> body(v[0] as A, v[1] as B, v[2] as C, v[3] as D) }

    /** Starts a node that runs when [a], [b], [c], [d] have values, named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, B, C, D, R> node(
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        d: Node<D>,
        body: suspend LiveNodeScope.(A, B, C, D) -> R,
    ): Node<R> = state.unnamed(NodeKind.SUSPEND) { node(it, a, b, c, d, body) }

    /** Starts a node that runs when every one of [inputs] has a value. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> node(
        name: String,
        inputs: List<Node<A>>,
        body: suspend LiveNodeScope.(List<A>) -> R,
    ): Node<R> = launch(name, NodeKind.SUSPEND, inputs) { v -> body(v as List<A>) }

    /** Starts a node that runs when every one of [inputs] has a value, named after its kind and index. */
    @JvmSynthetic
    public fun <A, R> node(
        inputs: List<Node<A>>,
        body: suspend LiveNodeScope.(List<A>) -> R,
    ): Node<R> = state.unnamed(NodeKind.SUSPEND) { node(it, inputs, body) }

    /** Starts a blocking node with no input, on [dispatcher]. */
    @JvmSynthetic
    public fun <R> blockingNode(
        name: String,
        dispatcher: CoroutineDispatcher = Dispatchers.IO,
        body: NodeContext<Unit>.() -> R,
    ): Node<R> = launch(name, NodeKind.BLOCKING, emptyList()) { v -> runInterruptible(dispatcher) { body(this) } }

    /** Starts a blocking node with no input, on [dispatcher], named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <R> blockingNode(
        dispatcher: CoroutineDispatcher = Dispatchers.IO,
        body: NodeContext<Unit>.() -> R,
    ): Node<R> = state.unnamed(NodeKind.BLOCKING) { blockingNode(it, dispatcher, body) }

    /** Starts a blocking node that runs when [a] has a value, on [dispatcher]. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> blockingNode(
        name: String,
        a: Node<A>,
        dispatcher: CoroutineDispatcher = Dispatchers.IO,
        body: NodeContext<Unit>.(A) -> R,
    ): Node<R> = launch(name, NodeKind.BLOCKING, listOf(a)) { v -> runInterruptible(dispatcher) { body(this, v[0] as A) } }

    /** Starts a blocking node that runs when [a] has a value, on [dispatcher], named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, R> blockingNode(
        a: Node<A>,
        dispatcher: CoroutineDispatcher = Dispatchers.IO,
        body: NodeContext<Unit>.(A) -> R,
    ): Node<R> = state.unnamed(NodeKind.BLOCKING) { blockingNode(it, a, dispatcher, body) }

    /** Starts a blocking node that runs when [a], [b] have values, on [dispatcher]. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, R> blockingNode(
        name: String,
        a: Node<A>,
        b: Node<B>,
        dispatcher: CoroutineDispatcher = Dispatchers.IO,
        body: NodeContext<Unit>.(A, B) -> R,
    ): Node<R> = launch(name, NodeKind.BLOCKING, listOf(a, b)) { v -> runInterruptible(dispatcher) { body(this, v[0] as A, v[1] as B) } }

    /** Starts a blocking node that runs when [a], [b] have values, on [dispatcher], named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, B, R> blockingNode(
        a: Node<A>,
        b: Node<B>,
        dispatcher: CoroutineDispatcher = Dispatchers.IO,
        body: NodeContext<Unit>.(A, B) -> R,
    ): Node<R> = state.unnamed(NodeKind.BLOCKING) { blockingNode(it, a, b, dispatcher, body) }

    /** Starts a blocking node that runs when [a], [b], [c] have values, on [dispatcher]. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, R> blockingNode(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        dispatcher: CoroutineDispatcher = Dispatchers.IO,
        body: NodeContext<Unit>.(A, B, C) -> R,
    ): Node<R> =
        launch(name, NodeKind.BLOCKING, listOf(a, b, c)) { v ->
            runInterruptible(dispatcher) {
                body(this, v[0] as A, v[1] as B, v[2] as C)
            }
        }

    /** Starts a blocking node that runs when [a], [b], [c] have values, on [dispatcher], named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, B, C, R> blockingNode(
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        dispatcher: CoroutineDispatcher = Dispatchers.IO,
        body: NodeContext<Unit>.(A, B, C) -> R,
    ): Node<R> = state.unnamed(NodeKind.BLOCKING) { blockingNode(it, a, b, c, dispatcher, body) }

    /** Starts a blocking node that runs when [a], [b], [c], [d] have values, on [dispatcher]. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, D, R> blockingNode(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        d: Node<D>,
        dispatcher: CoroutineDispatcher = Dispatchers.IO,
        body: NodeContext<Unit>.(A, B, C, D) -> R,
    ): Node<R> =
        launch(name, NodeKind.BLOCKING, listOf(a, b, c, d)) { v ->
            runInterruptible(dispatcher) {
                body(this, v[0] as A, v[1] as B, v[2] as C, v[3] as D)
            }
        }

    /** Starts a blocking node that runs when [a], [b], [c], [d] have values, on [dispatcher], named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, B, C, D, R> blockingNode(
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        d: Node<D>,
        dispatcher: CoroutineDispatcher = Dispatchers.IO,
        body: NodeContext<Unit>.(A, B, C, D) -> R,
    ): Node<R> = state.unnamed(NodeKind.BLOCKING) { blockingNode(it, a, b, c, d, dispatcher, body) }

    /** Starts a blocking node that runs when every one of [inputs] has a value. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> blockingNode(
        name: String,
        inputs: List<Node<A>>,
        dispatcher: CoroutineDispatcher = Dispatchers.IO,
        body: NodeContext<Unit>.(List<A>) -> R,
    ): Node<R> = launch(name, NodeKind.BLOCKING, inputs) { v -> runInterruptible(dispatcher) { body(this, v as List<A>) } }

    /** Starts a blocking node that runs when every one of [inputs] has a value, named after its kind and index. */
    @JvmSynthetic
    public fun <A, R> blockingNode(
        inputs: List<Node<A>>,
        dispatcher: CoroutineDispatcher = Dispatchers.IO,
        body: NodeContext<Unit>.(List<A>) -> R,
    ): Node<R> = state.unnamed(NodeKind.BLOCKING) { blockingNode(it, inputs, dispatcher, body) }

    /** Starts a node whose body returns a `CompletionStage` (for Java); see [dev.adagio.stageNode]. */
    @AdagioInteropApi
    public fun <R> stageNode(
        name: String,
        inputs: List<Node<*>>,
        body: StageBody<Unit, R>,
    ): Node<R> =
        launch(name, NodeKind.SUSPEND, inputs) { v ->
            @Suppress("UNCHECKED_CAST")
            body.start(this, v).awaitFor(name) as R
        }

    /** Starts a blocking node on [executor] (`Dispatchers.IO` when null), for Java; see [dev.adagio.executorNode]. */
    @AdagioInteropApi
    public fun <R> executorNode(
        name: String,
        inputs: List<Node<*>>,
        executor: Executor?,
        body: BlockingBody<Unit, R>,
    ): Node<R> {
        val dispatcher = executor?.asCoroutineDispatcher() ?: Dispatchers.IO
        return launch(name, NodeKind.BLOCKING, inputs) { v -> runInterruptible(dispatcher) { body.call(this, v) } }
    }

    private fun <R> launch(
        name: String,
        kind: NodeKind,
        inputs: List<Node<*>>,
        body: suspend LiveNodeScope.(List<Any?>) -> R,
    ): Node<R> = state.launch(name, kind, inputs, options) { values -> body(values) }
}

/** What a [LiveScope] view declares its nodes with. */
internal class LiveOptions(
    val timeoutNanos: Long,
    val retry: Retry?,
    val pool: Pool?,
    val after: List<Node<*>>,
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
        // Once the run stopped (failure or the caller's cancellation), declaring ends the declaring code.
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
                val value =
                    options.policies?.run(
                        attempt,
                    ) { coroutineScope { LiveNodeScope(this, node.name, attempt, this@LiveState).body(values) } }
                        ?: coroutineScope { LiveNodeScope(this, node.name, attempt, this@LiveState).body(values) }
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

/**
 * The receiver of a live node's body: its [NodeScope], plus the live graph it belongs to, for declaring
 * further nodes while it runs.
 */
@AdagioDsl
public class LiveNodeScope internal constructor(
    scope: CoroutineScope,
    override val nodeName: String,
    private val attempts: Attempts,
    state: LiveState,
) : NodeScope<Unit> {
    /** The live graph this node belongs to: `live.node(...)` starts another node. */
    public val live: LiveScope = LiveScope(state, LiveOptions.NONE)

    override val coroutineContext: CoroutineContext = scope.coroutineContext
    override val runInput: Unit get() = Unit
    override val attempt: Int get() = attempts.attemptNumber
}
