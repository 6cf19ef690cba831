package dev.adagio.internal

import dev.adagio.RunTimeoutException
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * What a run started from outside coroutines ([dev.adagio.RunFuture]) is told at once, from the timer's
 * thread, before the run has stopped: that it timed out. The run does not pass it on to runs nested in
 * its node bodies.
 */
internal class RunNotice(
    /** The run reached its timeout; [error]'s run is the outcomes as the timer saw them then. */
    val timedOut: (error: RunTimeoutException) -> Unit,
) : AbstractCoroutineContextElement(Key) {
    companion object Key : CoroutineContext.Key<RunNotice>
}
