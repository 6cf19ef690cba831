package dev.adagio.internal

import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.Node
import dev.adagio.NodeOutcome
import dev.adagio.RunInfo
import dev.adagio.RunListener
import java.util.concurrent.atomic.AtomicLong

/**
 * The listeners of one run, each call guarded: a listener that throws is reported once (per listener
 * and run) through `System.Logger` and otherwise ignored.
 */
internal class Listeners(
    private val listeners: List<RunListener>,
    dag: Dag<*, *>,
    input: Any?,
    plannedNodes: Int,
) {
    val info = RunInfo(dag, ids.incrementAndGet(), input, plannedNodes)
    private val reported = BooleanArray(listeners.size)

    fun runStarted() = each { it.onRunStarted(info) }

    fun nodeStarted(
        node: Node<*>,
        atNanos: Long,
    ) = each { it.onNodeStarted(info, node, atNanos) }

    fun nodeRetrying(event: Retrying) = each { it.onNodeRetrying(info, event.node, event.failedAttempt, event.error, event.delayNanos) }

    fun nodeFinished(outcome: NodeOutcome<*>) = each { it.onNodeFinished(info, outcome) }

    fun runFinished(
        result: DagRun<*>,
        error: Throwable?,
    ) = each { it.onRunFinished(info, result, error) }

    private inline fun each(event: (RunListener) -> Unit) {
        for (k in listeners.indices) {
            try {
                event(listeners[k])
            } catch (e: Throwable) {
                if (!reported[k]) {
                    reported[k] = true
                    logger.log(
                        System.Logger.Level.WARNING,
                        "Listener ${listeners[k]} threw during $info; it is ignored for the rest of this run's failures.",
                        e,
                    )
                }
            }
        }
    }

    /** A retry announced by a node's policy, carried to the driver through its inbox. */
    class Retrying(
        val node: Node<*>,
        val failedAttempt: Int,
        val error: Throwable,
        val delayNanos: Long,
    )

    companion object {
        private val ids = AtomicLong()
        val logger: System.Logger = System.getLogger("dev.adagio")
    }
}
