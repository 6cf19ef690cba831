package dev.adagio.internal

import dev.adagio.Messages
import kotlinx.coroutines.Job
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
        /**
         * The deepest run: 32 levels. 64 overflowed a 256 KiB stack once, its frames not yet compiled;
         * 32 never did (`NestingSpec`).
         */
        const val LIMIT: Int = 32

        /**
         * The context a run of [graph] gives its nodes, from its [caller]'s: one level deeper (refused past
         * [LIMIT]), without the caller's job and without its [RunNotice], so that a run nested in a node
         * body does not tell this run's future of its own timeout.
         */
        fun nodeContext(
            caller: CoroutineContext,
            graph: String,
        ): CoroutineContext {
            val depth = (caller[Nesting]?.depth ?: 0) + 1
            check(depth <= LIMIT) { Messages.nestedTooDeep(graph, depth, LIMIT) }
            val base = caller.minusKey(Job)
            return (if (caller[RunNotice] == null) base else base.minusKey(RunNotice)) + Nesting(depth)
        }
    }
}
