package dev.adagio.internal

import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * How deep a run is nested: a run started inside a node's body of another run is one level deeper.
 * Every run puts its level into its nodes' context, so a run started from a body finds it there.
 *
 * A body that starts a run without suspending runs it on the driver's own stack, so nesting without end
 * overflows the stack, and a `StackOverflowError` thrown inside kotlinx.coroutines' machinery loses the
 * completion it was handling: the run hung. The limit turns that into an error naming the depth.
 */
internal class Nesting(
    @JvmField val depth: Int,
) : AbstractCoroutineContextElement(Key) {
    companion object Key : CoroutineContext.Key<Nesting> {
        /** The deepest run: 32 levels, as deep as a 256 KiB stack holds with room to spare, its frames not yet compiled. */
        const val LIMIT: Int = 32
    }
}
