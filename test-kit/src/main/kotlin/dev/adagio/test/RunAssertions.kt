@file:JvmName("RunAssertions")

package dev.adagio.test

import dev.adagio.DagRun
import dev.adagio.NodeOutcome
import dev.adagio.NodeStatus
import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds
import kotlin.time.toKotlinDuration

/*
 * Assertions on a run that read like the domain, for any test framework: each throws an
 * AssertionError that names the graph, the node and what it found. From Java they are static methods
 * of RunAssertions: `RunAssertions.shouldHaveSucceeded(run)`.
 */

/** Asserts that every node of the run that was to run succeeded (none failed, was cancelled or skipped). */
public fun <R : DagRun<*>> R.shouldHaveSucceeded(): R {
    val bad = outcomes.filter { it.status != NodeStatus.SUCCEEDED && it.status != NodeStatus.NOT_STARTED }
    if (bad.isNotEmpty()) fail("to succeed, but ${bad.joinToString { describe(it) }}")
    return this
}

/** Asserts that the node named [node] failed, and returns its error. */
public fun DagRun<*>.shouldHaveFailedAt(node: String): Throwable {
    val outcome = outcomeNamed(node)
    if (outcome.status != NodeStatus.FAILED) fail("to fail at '$node', but ${describe(outcome)}")
    return outcome.error ?: fail("to record the error of '$node'")
}

/** The outcome of the node named [name], or an AssertionError naming the nodes the graph has. */
public fun DagRun<*>.outcomeNamed(name: String): NodeOutcome<*> =
    outcomes.firstOrNull { it.node.name == name }
        ?: fail("to have a node '$name'; its nodes are ${outcomes.joinToString { "'${it.node.name}'" }}")

/** Asserts the status of the node named [node]. */
public fun DagRun<*>.shouldHaveStatus(
    node: String,
    status: NodeStatus,
): DagRun<*> {
    val outcome = outcomeNamed(node)
    if (outcome.status != status) fail("to have '$node' $status, but ${describe(outcome)}")
    return this
}

/** Asserts that the node named [node] never started (skipped, or not started at all). */
public fun DagRun<*>.shouldNeverHaveRun(node: String): DagRun<*> {
    val outcome = outcomeNamed(node)
    if (outcome.startNanos >= 0) fail("never to run '$node', but ${describe(outcome)}")
    return this
}

/** Asserts that the node named [node] started [at] after the run's start (in virtual time under the kit). */
public fun DagRun<*>.shouldHaveStartedAt(
    node: String,
    at: Duration,
): DagRun<*> {
    val outcome = outcomeNamed(node)
    if (outcome.startOffset != at) fail("to start '$node' at $at, but ${describe(outcome)}")
    return this
}

/** Asserts that the node named [node] ended [at] after the run's start. */
public fun DagRun<*>.shouldHaveEndedAt(
    node: String,
    at: Duration,
): DagRun<*> {
    val outcome = outcomeNamed(node)
    if (outcome.endOffset != at) fail("to end '$node' at $at, but ${describe(outcome)}")
    return this
}

/** Asserts the run's makespan: the time from its start to the end of its last node. */
public infix fun DagRun<*>.shouldHaveMakespan(makespan: Duration): DagRun<*> {
    if (this.makespan != makespan) fail("to take $makespan, but it took ${this.makespan}")
    return this
}

/** [shouldHaveStartedAt] with a `java.time.Duration`, for Java tests. */
public fun DagRun<*>.shouldHaveStartedAt(
    node: String,
    at: java.time.Duration,
): DagRun<*> = shouldHaveStartedAt(node, at.toKotlinDuration())

/** [shouldHaveEndedAt] with a `java.time.Duration`, for Java tests. */
public fun DagRun<*>.shouldHaveEndedAt(
    node: String,
    at: java.time.Duration,
): DagRun<*> = shouldHaveEndedAt(node, at.toKotlinDuration())

/** [shouldHaveMakespan] with a `java.time.Duration`, for Java tests. */
public infix fun DagRun<*>.shouldHaveMakespan(makespan: java.time.Duration): DagRun<*> = shouldHaveMakespan(makespan.toKotlinDuration())

/** Asserts that the nodes named [nodes] started in this order (each no later than the next, ties by declaration). */
public fun DagRun<*>.shouldHaveStartedInOrder(vararg nodes: String): DagRun<*> {
    val started = outcomes.filter { it.startNanos >= 0 }.sortedBy { it.startNanos }.map { it.node.name }
    val seen = started.filter { it in nodes }
    if (seen != nodes.toList()) fail("to start ${nodes.joinToString()} in that order, but they started ${seen.joinToString()}")
    return this
}

/** Asserts the status of this outcome's node. */
public infix fun NodeOutcome<*>.shouldHaveStatus(status: NodeStatus): NodeOutcome<*> {
    if (this.status != status) throw AssertionError("Expected '${node.name}' to be $status, but ${describe(this)}")
    return this
}

private fun DagRun<*>.fail(expected: String): Nothing = throw AssertionError("Expected run of '${dag.name}' $expected.")

private fun describe(outcome: NodeOutcome<*>): String {
    val name = "'${outcome.node.name}'"
    val times =
        if (outcome.startNanos < 0) {
            "never started"
        } else {
            "started at ${outcome.startNanos.nanoseconds}, ended at ${outcome.endNanos.nanoseconds}"
        }
    val error = outcome.error?.let { " with ${it.javaClass.simpleName}: ${it.message?.removeSuffix(".")}" } ?: ""
    return "$name was ${outcome.status} ($times)$error"
}
