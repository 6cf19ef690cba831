package dev.adagio.internal

import dev.adagio.NodeScope
import kotlinx.coroutines.CompletableJob
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext

/** A node body as the engine calls it: typed inputs are read from the task inside the wrapper. */
internal typealias Body = suspend NodeTask.() -> Any?

/**
 * One started node of one run: the body's receiver, the body's completion, and the handler of the
 * node's job, in one object.
 *
 * The node's [job] is a child of the run's job; the body and every coroutine it launches run under it.
 * When the body returns without suspending and launched nothing, the driver records the value inline.
 * Otherwise the node's outcome is known when [job] completes, and this task is posted to the driver.
 */
internal class NodeTask(
    private val run: Execution<*, *>,
    @JvmField val index: Int,
    @JvmField val job: CompletableJob,
    override val coroutineContext: CoroutineContext,
) : NodeScope<Any?>,
    Continuation<Any?>,
    (Throwable?) -> Unit {
    /** The body's value, written before [job] completes. */
    @JvmField var value: Any? = null

    /** Why [job] failed or was cancelled; null when the node succeeded. */
    @JvmField var cause: Throwable? = null

    /** The attempt being made; policies raise it before each retry. */
    @JvmField var attemptNumber: Int = 1

    /** The error a fallback turned into this node's value, if any. */
    @JvmField var recovered: Throwable? = null

    override val context: CoroutineContext get() = coroutineContext
    override val nodeName: String get() = run.graph.nodes[index].name
    override val runInput: Any? get() = run.input
    override val attempt: Int get() = attemptNumber

    /**
     * The value of dependency [node] as the typed wrappers pass it: its value, or for an optional input
     * (encoded as `-(index + 1)`) a [dev.adagio.NodeResult].
     */
    fun input(node: Int): Any? = if (node >= 0) run.values[node] else run.resultOf(-node - 1)

    /** Records the body's value and completes the job; true when the node is done at once, with success. */
    fun bodyReturned(result: Any?): Boolean {
        value = result
        job.complete()
        if (job.isCompleted && !job.isCancelled) return true
        job.invokeOnCompletion(this)
        return false
    }

    fun bodyThrew(error: Throwable) {
        job.completeExceptionally(error)
        job.invokeOnCompletion(this)
    }

    /** Announces a retry to the run's listeners, through the driver. */
    fun retrying(
        error: Throwable,
        delayNanos: Long,
    ) {
        if (run.announcesRetries) run.post(Listeners.Retrying(run.graph.nodes[index], attemptNumber, error, delayNanos))
    }

    /** The body finished after suspending. */
    override fun resumeWith(result: Result<Any?>) {
        val error = result.exceptionOrNull()
        if (error == null) {
            value = result.getOrNull()
            job.complete()
            job.invokeOnCompletion(this)
        } else {
            bodyThrew(error)
        }
    }

    /** The node's job has completed, on whatever thread: hand the outcome to the driver. */
    override fun invoke(cause: Throwable?) {
        this.cause = cause
        run.post(this)
    }
}
