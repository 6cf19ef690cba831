@file:JvmName("LiveDags")

package dev.adagio

import dev.adagio.internal.Errors
import dev.adagio.internal.awaitFor
import dev.adagio.internal.dispatcherFor
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.future.future
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.supervisorScope
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor
import kotlin.coroutines.CoroutineContext

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
    val scope = LiveScope(name, currentCoroutineContext()[RunClock] ?: RunClock.SYSTEM)
    var output: Node<R>? = null
    var cancellation: CancellationException? = null
    try {
        supervisorScope {
            scope.open(this)
            output = scope.block()
        }
    } catch (e: CancellationException) {
        if (scope.failed == null) cancellation = e
    }
    val run = scope.record(output)
    scope.failed?.let { (node, error) -> throw NodeFailedException(node, error, run) }
    cancellation?.let { throw RunCancelledException(name, run, it) }
    return run
}

/**
 * Runs a live graph from outside coroutines (Java): [block] declares nodes with [LiveScope.stageNode]
 * and returns the output node; the future completes when every node has finished. The engine runs on
 * [executor] (`Dispatchers.Default` when null); cancelling the future cancels every node, and the
 * [RunCancellingException] it fails with gives every node's outcome once the last has stopped.
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

/** Declares the nodes of a live graph; each starts as soon as it is declared. Thread-safe. */
@AdagioDsl
public class LiveScope internal constructor(
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

    /** The first failure: the node's name and its error. */
    internal var failed: Pair<String, Throwable>? = null
        private set

    internal fun open(scope: CoroutineScope) {
        coroutines = scope
        synchronized(this) { append(CompletableDeferred(Unit), NodeStatus.SUCCEEDED, Unit, 0, 0) }
    }

    /** Starts a node with no input. */
    @JvmSynthetic
    public fun <R> node(
        name: String,
        body: suspend LiveNodeScope.() -> R,
    ): Node<R> = launch(name, emptyList()) { body() }

    /** Starts a node that runs when [a] has a value. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> node(
        name: String,
        a: Node<A>,
        body: suspend LiveNodeScope.(A) -> R,
    ): Node<R> = launch(name, listOf(a)) { v -> body(v[0] as A) }

    /** Starts a node that runs when [a] and [b] have values. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, R> node(
        name: String,
        a: Node<A>,
        b: Node<B>,
        body: suspend LiveNodeScope.(A, B) -> R,
    ): Node<R> = launch(name, listOf(a, b)) { v -> body(v[0] as A, v[1] as B) }

    /** Starts a node that runs when [a], [b] and [c] have values. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, R> node(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        body: suspend LiveNodeScope.(A, B, C) -> R,
    ): Node<R> = launch(name, listOf(a, b, c)) { v -> body(v[0] as A, v[1] as B, v[2] as C) }

    /** Starts a node that runs when every one of [inputs] has a value. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> node(
        name: String,
        inputs: List<Node<A>>,
        body: suspend LiveNodeScope.(List<A>) -> R,
    ): Node<R> = launch(name, inputs) { v -> body(v as List<A>) }

    /** Starts a node whose body returns a `CompletionStage` (for Java); see [DagBuilder.stageNode]. */
    @AdagioInteropApi
    public fun <R> stageNode(
        name: String,
        inputs: List<Node<*>>,
        body: StageBody<Unit, R>,
    ): Node<R> =
        launch(name, inputs) { v ->
            @Suppress("UNCHECKED_CAST")
            body.start(this, v).awaitFor(name) as R
        }

    private fun <R> launch(
        name: String,
        inputs: List<Node<*>>,
        body: suspend LiveNodeScope.(List<Any?>) -> R,
    ): Node<R> {
        // Once the run stopped (failure or the caller's cancellation), declaring ends the declaring code.
        coroutines.ensureActive()
        val (node, completion) =
            synchronized(this) {
                val node = builder.recordLive<R>(name, inputs)
                node to CompletableDeferred<Any?>().also { append(it, NodeStatus.NOT_STARTED, null, -1, -1) }
            }
        val waitFor = inputs.map { input -> synchronized(this) { completions[input.index] } to input.name }
        coroutines.launch(start = CoroutineStart.UNDISPATCHED) {
            val values = ArrayList<Any?>(waitFor.size)
            for ((input, inputName) in waitFor) {
                try {
                    values += input.await()
                } catch (e: Throwable) {
                    completion.completeExceptionally(CancellationException(Messages.liveInputNotDone(name, inputName)))
                    return@launch
                }
            }
            // A node launched undispatched into a stopped run, or whose run stopped while it waited, never starts.
            if (!isActive) {
                completion.completeExceptionally(CancellationException(Messages.runCancelledFromOutside(this@LiveScope.name)))
                return@launch
            }
            synchronized(this@LiveScope) { starts[node.index] = now() }
            try {
                // A node is complete when its body and every coroutine it launched are; a child's failure is the node's.
                val value = coroutineScope { LiveNodeScope(this, node.name, this@LiveScope).body(values) }
                finish(node.index, NodeStatus.SUCCEEDED, value, null)
                completion.complete(value)
            } catch (e: Throwable) {
                val error = Errors.unwrap(e)
                val cancelledByRun = error is CancellationException && failed != null
                finish(node.index, if (error is CancellationException) NodeStatus.CANCELLED else NodeStatus.FAILED, null, error)
                completion.completeExceptionally(error)
                if (!cancelledByRun && coroutines.coroutineContext[Job]!!.isActive) fail(node.name, error)
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
    ) = synchronized(this) {
        statuses[index] = status
        values[index] = value
        errors[index] = error
        ends[index] = now()
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
            val attempts = IntArray(statuses.size) { if (starts[it] >= 0) 1 else 0 }
            DagRun(dag, codes, values.toTypedArray(), errors.toTypedArray(), starts.toLongArray(), ends.toLongArray(), attempts)
        }
}

/**
 * The receiver of a live node's body: its [NodeScope], plus the live graph it belongs to, for declaring
 * further nodes while it runs.
 */
@AdagioDsl
public class LiveNodeScope internal constructor(
    scope: CoroutineScope,
    override val nodeName: String,
    /** The live graph this node belongs to: `live.node(...)` starts another node. */
    public val live: LiveScope,
) : NodeScope<Unit> {
    override val coroutineContext: CoroutineContext = scope.coroutineContext
    override val runInput: Unit get() = Unit
    override val attempt: Int get() = 1
}
