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
        val current = CurrentAttempt(frames)
        task.enterAttempt(current)
        try {
            val value = withContext(current) { call() }
            end(frames, null)
            return value
        } catch (e: Throwable) {
            end(frames, Errors.unwrap(e))
            throw e
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
) : AbstractCoroutineContextElement(Key),
    ThreadContextElement<Array<AutoCloseable?>> {
    companion object Key : CoroutineContext.Key<CurrentAttempt> {
        /** No attempt in progress: makes nothing current. */
        val INERT = CurrentAttempt(null)
    }

    override fun updateThreadContext(context: CoroutineContext): Array<AutoCloseable?> {
        val frames = frames ?: return NONE
        return Array(frames.size) { frames[it]?.makeCurrent() }
    }

    override fun restoreThreadContext(
        context: CoroutineContext,
        oldState: Array<AutoCloseable?>,
    ) {
        for (k in oldState.indices.reversed()) oldState[k]?.close()
    }
}

/** What an attempt made current when none was in progress: nothing. */
private val NONE = arrayOfNulls<AutoCloseable>(0)
