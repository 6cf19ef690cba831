package dev.adagio.internal

import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.Node
import dev.adagio.NodeOutcome
import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import java.util.concurrent.atomic.AtomicLong

/**
 * The listeners of one run, each call guarded by the [ListenerGuard] every graph kind uses.
 */
internal class Listeners(
    private val listeners: List<RunListener>,
    dag: Dag<*, *>,
    input: Any?,
    plannedNodes: Int,
) {
    val info = RunInfo(dag, ids.incrementAndGet(), input, plannedNodes)
    private val guard = ListenerGuard(listeners) { info.toString() }

    fun runStarted() = guard.each { it.onRunStarted(info) }

    fun nodeStarted(
        node: Node<*>,
        atNanos: Long,
    ) = guard.each { it.onNodeStarted(info, node, atNanos) }

    fun nodeRetrying(event: Retrying) =
        guard.each { it.onNodeRetrying(info, event.node, event.failedAttempt, event.error, event.delayNanos) }

    fun nodeFinished(outcome: NodeOutcome<*>) = guard.each { it.onNodeFinished(info, outcome) }

    fun runFinished(
        result: DagRun<*>,
        error: Throwable?,
    ) = guard.each { it.onRunFinished(info, result, error) }

    /** A retry announced by a node's policy, carried to the driver through its inbox. */
    class Retrying(
        val node: Node<*>,
        val failedAttempt: Int,
        val error: Throwable,
        val delayNanos: Long,
    )

    companion object {
        private val ids = AtomicLong()
    }
}
