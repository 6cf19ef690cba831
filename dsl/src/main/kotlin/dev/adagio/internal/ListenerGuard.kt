package dev.adagio.internal

import java.util.concurrent.atomic.AtomicIntegerArray

/**
 * Calls listeners so that none can break a run: a listener that throws is reported once per run through
 * `System.Logger("dev.adagio")` and otherwise ignored. One guard serves every graph kind's listeners;
 * calls may come from several threads (stream workers), so the "reported" marks are atomic.
 */
internal class ListenerGuard<L : Any>(
    private val listeners: List<L>,
    /** What the run is, for the log line. */
    private val run: () -> String,
) {
    private val reported = AtomicIntegerArray(listeners.size)

    inline fun each(event: (L) -> Unit) {
        for (k in listeners.indices) {
            try {
                event(listeners[k])
            } catch (e: Throwable) {
                report(k, e)
            }
        }
    }

    fun report(
        k: Int,
        error: Throwable,
    ) {
        if (!reported.compareAndSet(k, 0, 1)) return
        logger.log(
            System.Logger.Level.WARNING,
            "Listener ${Errors.show(
                listeners[k],
            )} threw during ${run()}; the run goes on, and further failures of this listener in this run are not reported.",
            error,
        )
    }

    companion object {
        val logger: System.Logger = System.getLogger("dev.adagio")
    }
}
