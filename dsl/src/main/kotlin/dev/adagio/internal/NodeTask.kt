package dev.adagio.internal

import dev.adagio.NodeScope
import kotlinx.coroutines.CompletableJob
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Job
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext

/**
 * One started node of one run: the body's receiver, the body's completion, its coroutine context, and
 * the handler of the node's job, in one object (this is the hot path: one allocation per node).
 *
 * **The node's job is lazy.** The task is its own [CoroutineContext]: the run's context, plus a [Job]
 * that is created, as a child of the run's job, the first time anything asks for it. Everything that
 * suspends cancellably, launches a child or checks for cancellation asks for it, so the body and its
 * children run under the node's job exactly as under an eager one. A body that returns without asking
 * (the common no-op or CPU-only node) never creates it, and the driver records its value inline.
 * Operations that rebuild a context (`fold`, `plus`, `minusKey`) see the materialised context, job
 * included. The job is created by the body's own thread of control, never concurrently.
 */
internal class NodeTask(
    @JvmField val run: Execution<*, *>,
    @JvmField var index: Int,
    private val runContext: CoroutineContext,
    private val parent: Job,
) : NodeScope<Any?>,
    Attempts,
    Continuation<Any?>,
    CoroutineContext,
    (Throwable?) -> Unit {
    /** What this node's body adds to the indices its inputs were compiled with: an included node's place, else 0. */
    @JvmField var offset: Int = 0

    /** The body's value, written before the node's job completes. */
    @JvmField var value: Any? = null

    /** Why the node's job failed or was cancelled; null when the node succeeded. */
    @JvmField var cause: Throwable? = null

    /**
     * What an interceptor's frame threw after its attempt ended, in a child still running; fails the node.
     * Never set on a [reusable] task (an intercepted attempt makes the node's job), so [reset] leaves it.
     */
    @Volatile private var hookFailure: Throwable? = null

    /** An interceptor's frame threw after its attempt ended (see [CurrentAttempt]): the node fails with it. */
    fun hookFailed(error: Throwable) {
        if (hookFailure == null) hookFailure = error
    }

    /** The attempt being made; policies raise it before each retry. */
    override var attemptNumber: Int = 1

    /** The error a fallback turned into this node's value, if any. */
    override var recovered: Throwable? = null

    /** The context the node runs in: the run's, or for a `dispatched` node the run's with its dispatcher. */
    private var base: CoroutineContext = runContext

    private var nodeJob: CompletableJob? = null
    private var materialized: CoroutineContext? = null

    /**
     * Whether this task can serve the next node: its body returned without suspending and never made
     * its job, so no coroutine, continuation or handler refers to it any more.
     */
    val reusable: Boolean get() = nodeJob == null

    /** Prepares a [reusable] task for node [node]. */
    fun reset(node: Int) {
        index = node
        offset = 0
        value = null
        cause = null
        attemptNumber = 1
        recovered = null
        materialized = null
        base = runContext
    }

    /**
     * Makes [dispatcher] this node's dispatcher, before its body asks for its context: the body, its
     * resumptions and the coroutines it launches then run there (see [dispatchedTo]).
     */
    fun runOn(dispatcher: CoroutineDispatcher) {
        base = runContext + dispatcher
        materialized = null
    }

    /** Makes [attempt] part of the context the body and its children see, for the attempt's duration. */
    fun enterAttempt(attempt: CurrentAttempt) {
        base = base + attempt
        materialized = null
    }

    /** Ends [enterAttempt]'s attempt, leaving [CurrentAttempt.INERT] under its key (see [CurrentAttempt]). */
    fun leaveAttempt() {
        base = base + CurrentAttempt.INERT
        materialized = null
    }

    /** Runs [call], one attempt of this node, inside the run's interceptors, if it has any. */
    override suspend fun intercept(call: suspend () -> Any?): Any? {
        val interception = run.interception ?: return call()
        return interception.attempt(this, call)
    }

    /** The node this task runs. */
    val node: dev.adagio.Node<*> get() = run.nodeAt(index)

    /** The node's job, created on first use. */
    val job: CompletableJob get() = nodeJob ?: Job(parent).also { nodeJob = it }

    override val coroutineContext: CoroutineContext get() = this
    override val context: CoroutineContext get() = this
    override val nodeName: String get() = run.nameAt(index)

    /** The run's input, or for an included graph's node, that graph's (the include's input). */
    override val runInput: Any? get() = if (offset == 0) run.input else run.values[offset]
    override val attempt: Int get() = attemptNumber

    /**
     * The value of dependency [node] as the typed wrappers pass it: its value, or for an optional input
     * (encoded as `-(index + 1)`) a [dev.adagio.OptionalInput].
     */
    fun input(node: Int): Any? = if (node >= 0) run.values[offset + node] else run.resultOf(offset - node - 1)

    /** A map element's item. */
    fun item(): Any? = run.itemOf(index)

    /** This node's data inputs, in declaration order, as a list body receives them. */
    fun dataInputs(): List<Any?> = run.dataInputs(index)

    /** A reactive source node's current value. */
    fun sourceValue(): Any? = run.sourceValue(index)

    // ---- CoroutineContext: the run's context, with this node's job made on demand.

    @Suppress("UNCHECKED_CAST")
    override fun <E : CoroutineContext.Element> get(key: CoroutineContext.Key<E>): E? = if (key === Job) job as E else base[key]

    override fun <R> fold(
        initial: R,
        operation: (R, CoroutineContext.Element) -> R,
    ): R = full().fold(initial, operation)

    override fun plus(context: CoroutineContext): CoroutineContext = full() + context

    override fun minusKey(key: CoroutineContext.Key<*>): CoroutineContext = full().minusKey(key)

    private fun full(): CoroutineContext = materialized ?: (base + job).also { materialized = it }

    // ---- Completion.

    /**
     * Records the body's value; true when the node is done at once, with success: it never made its job,
     * or its job has nothing left to wait for. Otherwise the outcome comes through [invoke] later.
     */
    fun bodyReturned(result: Any?): Boolean {
        value = result
        val job = nodeJob ?: return true
        job.complete()
        if (job.isCompleted && !job.isCancelled) return true
        job.invokeOnCompletion(this)
        return false
    }

    /** The attempt's body, handed to a dispatcher, was cancelled before it started: attempts count bodies started. */
    override fun notStarted() {
        attemptNumber--
    }

    fun bodyThrew(error: Throwable) {
        val job = job
        job.completeExceptionally(error)
        job.invokeOnCompletion(this)
    }

    /** Announces a retry to the run's listeners, through the driver. */
    override fun retrying(
        error: Throwable,
        pauseNanos: Long,
    ) {
        if (run.announcesRetries) run.post(Listeners.Retrying(run.nodeAt(index), attemptNumber, error, pauseNanos))
    }

    /** The body finished after suspending. */
    override fun resumeWith(result: Result<Any?>) {
        val error = result.exceptionOrNull()
        if (error == null) {
            value = result.getOrNull()
            val job = job
            job.complete()
            job.invokeOnCompletion(this)
        } else {
            bodyThrew(error)
        }
    }

    /** The node's job has completed, on whatever thread: hand the outcome to the driver. */
    override fun invoke(cause: Throwable?) {
        this.cause = cause ?: hookFailure
        run.post(this)
    }

    override fun toString(): String = "NodeTask($nodeName)"
}
