package dev.adagio

import kotlinx.coroutines.CoroutineScope

/** What a node body knows about the node it runs for. */
@AdagioDsl
public interface NodeContext<out I> {
    /** The name of the node being run. */
    public val nodeName: String

    /** The input the whole run was started with. */
    public val runInput: I

    /** The attempt being made, starting at 1. */
    public val attempt: Int

    /**
     * Skips this node: it ends `SKIPPED` with [reason], and its dependents are skipped in turn unless
     * they take it as optional. A skip is not a failure. (Java bodies throw [SkippedException].)
     */
    public fun skip(reason: String): Nothing = throw SkippedException(reason)
}

/**
 * The receiver of a suspending node body: a [CoroutineScope] for the node plus its [NodeContext].
 *
 * Coroutines launched in this scope are children of the node: the node completes only when they have
 * completed, a failing child fails the node, and cancelling the run cancels them.
 *
 * A scope is valid only while its body runs, like the receiver of `coroutineScope { }`: do not keep it
 * (the engine may reuse it for another node once the body has returned).
 */
@AdagioDsl
public interface NodeScope<out I> :
    NodeContext<I>,
    CoroutineScope
