package dev.adagio.stream

import dev.adagio.internal.ListenerGuard

/**
 * Observes stream runs: start, each item a node failed on, and the end. Every method has an empty
 * default. Attach listeners with `graph.run(listeners = …)` / `newRun(listeners = …)`.
 *
 * [onStreamStarted] comes first and [onStreamFinished] last, whatever the end. [onItemFailed] is
 * called from the failing node's worker, so calls for different nodes may be concurrent: a listener
 * must be thread-safe and quick. A listener that throws is reported once through `System.Logger`
 * ("dev.adagio") and otherwise ignored: it never breaks a run.
 */
public interface StreamListener {
    /** The stream [run] started; its statistics are live from now on. */
    public fun onStreamStarted(run: StreamRun) {}

    /** [node]'s body threw [error] on [item]; what happens next follows the node's error policy. */
    public fun onItemFailed(
        run: StreamRun,
        node: StreamNode<*>,
        item: Any?,
        error: Throwable,
    ) {}

    /** The run ended; [error] is what it threw, or null when every item was processed. */
    public fun onStreamFinished(
        run: StreamRun,
        error: Throwable?,
    ) {}
}

/** The listeners of one stream run, guarded by the [ListenerGuard] every graph kind uses. */
internal fun streamListeners(
    listeners: List<StreamListener>,
    graph: String,
): ListenerGuard<StreamListener> = ListenerGuard(listeners) { "a run of stream graph '$graph'" }
