package dev.adagio.observe

import dev.adagio.DagRun
import dev.adagio.Node
import dev.adagio.NodeOutcome
import dev.adagio.NodeStatus

/**
 * A listener that logs runs through `System.Logger` (no logging library needed; route it to yours
 * with the usual `System.LoggerFinder` bridges): runs at `INFO`, node starts and successes at `DEBUG`,
 * retries at `INFO`, failures and failed runs at `WARNING`.
 */
public class LoggingListener
    @JvmOverloads
    constructor(
        private val logger: System.Logger = System.getLogger("dev.adagio.runs"),
    ) : RunListener {
        override fun onRunStarted(run: RunInfo) {
            logger.log(System.Logger.Level.INFO, "$run started")
        }

        override fun onNodeStarted(
            run: RunInfo,
            node: Node<*>,
            atNanos: Long,
        ) {
            logger.log(System.Logger.Level.DEBUG) { "$run: node '${node.name}' started" }
        }

        override fun onNodeRetrying(
            run: RunInfo,
            node: Node<*>,
            failedAttempt: Int,
            error: Throwable,
            delayNanos: Long,
        ) {
            logger.log(
                System.Logger.Level.INFO,
                "$run: node '${node.name}' attempt $failedAttempt failed ($error); retrying in ${delayNanos / 1_000_000} ms",
            )
        }

        override fun onNodeFinished(
            run: RunInfo,
            outcome: NodeOutcome<*>,
        ) {
            when (outcome.status) {
                NodeStatus.FAILED -> logger.log(System.Logger.Level.WARNING, "$run: node '${outcome.node.name}' failed", outcome.error)
                else -> logger.log(System.Logger.Level.DEBUG) { "$run: node '${outcome.node.name}' ${outcome.status.name.lowercase()}" }
            }
        }

        override fun onRunFinished(
            run: RunInfo,
            result: DagRun<*>,
            error: Throwable?,
        ) {
            val took = "${result.makespanNanos / 1_000_000} ms"
            if (error == null) {
                logger.log(System.Logger.Level.INFO, "$run succeeded in $took")
            } else {
                logger.log(System.Logger.Level.WARNING, "$run ended after $took: $error")
            }
        }
    }
