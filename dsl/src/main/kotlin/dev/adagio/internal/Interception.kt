package dev.adagio.internal

import dev.adagio.observe.InterceptedAttempt
import dev.adagio.observe.NodeInterceptor
import dev.adagio.observe.RunInfo
import kotlinx.coroutines.ThreadContextElement
import kotlinx.coroutines.withContext
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn

/**
 * A run's [NodeInterceptor]s around each node attempt: made only for a run that has some, so a run
 * without pays one null check per node start.
 *
 * Each attempt asks every interceptor for its frame, runs the attempt with the frames' context (a
 * [ThreadContextElement] that makes each frame current on whatever thread the attempt's code runs, for
 * the body and for the children it launches from its scope), and tells every frame how it ended.
 */
internal class Interception(
    private val interceptors: List<NodeInterceptor>,
    private val info: RunInfo,
) {
    private val guard = ListenerGuard(interceptors) { info.toString() }

    /** Starts [body] as one intercepted attempt for [task], completing [completion]. */
    fun start(
        body: Invoker,
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? {
        val attempt: suspend () -> Any? = { attempt(task) { body.call(task) } }
        return attempt.startCoroutineUninterceptedOrReturn(completion)
    }

    /** Runs [call], one attempt of [task]'s node, framed by every interceptor. */
    suspend fun attempt(
        task: NodeTask,
        call: suspend () -> Any?,
    ): Any? {
        val node = task.node
        val frames = arrayOfNulls<InterceptedAttempt>(interceptors.size)
        try {
            for (k in interceptors.indices) frames[k] = interceptors[k].onAttempt(info, node, task.attemptNumber)
        } catch (e: Throwable) {
            end(frames, e)
            throw e
        }
        val current = CurrentAttempt(frames, task)
        task.enterAttempt(current)
        try {
            val value =
                try {
                    withContext(current) { call() }
                } catch (e: Throwable) {
                    // A frame that threw fails the attempt with its own exception, whatever the body did after.
                    val hook = current.close()
                    end(frames, hook ?: Errors.unwrap(e))
                    throw hook ?: e
                }
            val hook = current.close()
            end(frames, hook)
            if (hook != null) throw hook
            return value
        } finally {
            task.leaveAttempt()
        }
    }

    private fun end(
        frames: Array<InterceptedAttempt?>,
        error: Throwable?,
    ) {
        for (k in frames.indices.reversed()) {
            val frame = frames[k] ?: continue
            try {
                frame.onEnd(error)
            } catch (e: Throwable) {
                guard.report(k, e)
            }
        }
    }
}

/**
 * One attempt's frames, made current (in order) where the attempt's code runs and closed (in reverse)
 * where it leaves. Coroutines launched during the attempt keep it, so they see the attempt as current
 * even when they run after its body returned.
 *
 * The node task is a context whose contents change, and kotlinx.coroutines looks a lone thread-context
 * element up again in a coroutine's context to restore it: so from a node's first attempt on, its task
 * always holds one under this key, the attempt in progress or, between attempts, [INERT]. Restoring
 * works from the state [updateThreadContext] returned, whichever of them the lookup finds.
 */
internal class CurrentAttempt(
    private val frames: Array<InterceptedAttempt?>?,
    /** The node task whose attempt this is; told of a frame that throws after the attempt ended. */
    private val task: NodeTask?,
) : AbstractCoroutineContextElement(Key),
    ThreadContextElement<Array<AutoCloseable?>> {
    companion object Key : CoroutineContext.Key<CurrentAttempt> {
        /** No attempt in progress: makes nothing current. */
        val INERT = CurrentAttempt(null, null)
    }

    /** What a frame threw first while the attempt was in progress; guarded by this object's lock. */
    private var failure: Throwable? = null
    private var closed = false

    /**
     * kotlinx.coroutines calls [updateThreadContext] and [restoreThreadContext] inside its dispatch
     * machinery, where an exception is fatal: the coroutine's completion is lost (the run would wait for
     * it forever) and a `CoroutinesInternalError` reaches the uncaught-exception handler. So a frame that
     * throws never throws there: the attempt fails with its exception when it ends, or, after it ended
     * (a child it launched still running), the node does.
     */
    override fun updateThreadContext(context: CoroutineContext): Array<AutoCloseable?> {
        val frames = frames ?: return NONE
        return Array(frames.size) {
            try {
                frames[it]?.makeCurrent()
            } catch (e: Throwable) {
                failed(e)
                null
            }
        }
    }

    override fun restoreThreadContext(
        context: CoroutineContext,
        oldState: Array<AutoCloseable?>,
    ) {
        for (k in oldState.indices.reversed()) {
            try {
                oldState[k]?.close()
            } catch (e: Throwable) {
                failed(e)
            }
        }
    }

    private fun failed(e: Throwable) {
        val late =
            synchronized(this) {
                if (!closed && failure == null) failure = e
                closed
            }
        if (late) task?.hookFailed(e)
    }

    /** Ends the attempt's own part: returns what a frame threw during it, or null; later throws go to the node. */
    fun close(): Throwable? =
        synchronized(this) {
            closed = true
            failure
        }
}

/** What an attempt made current when none was in progress: nothing. */
private val NONE = arrayOfNulls<AutoCloseable>(0)
