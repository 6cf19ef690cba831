@file:JvmName("LiveDags")

package dev.adagio.live

import dev.adagio.AdagioInteropApi
import dev.adagio.DagRun
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.RunCancelledException
import dev.adagio.RunClock
import dev.adagio.RunFuture
import dev.adagio.internal.dispatcherFor
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.future.future
import kotlinx.coroutines.supervisorScope
import java.util.concurrent.CancellationException
import java.util.concurrent.Executor

/**
 * Runs a live graph (aiodag's model): each `node(...)` declared in [block] starts at once and runs as
 * soon as its inputs have values; node bodies may declare further nodes while they run (through
 * [LiveNodeScope.live]). `live` returns when every node has finished, with the node [block] returned
 * as the output.
 *
 * What ran is recorded as an ordinary graph and run result: `run.dag` can be inspected and drawn like
 * any other (it cannot be run again: run the block again instead).
 *
 * Failure and cancellation are those of a `Dag` run: the first node that fails cancels the others and
 * `live` throws [NodeFailedException] with the recorded run; cancelling the caller cancels every node
 * and throws [RunCancelledException]. Nothing is left running either way.
 *
 * ```
 * val run = live("pipeline") {
 *     val a = node("fetch a") { fetch("a") }
 *     val b = node("fetch b") { fetch("b") }
 *     node("join", a, b) { x, y -> x + y }
 * }
 * ```
 */
@JvmSynthetic
public suspend fun <R> live(
    name: String,
    block: suspend LiveScope.() -> Node<R>,
): DagRun<R> {
    val state = LiveState(name, currentCoroutineContext()[RunClock] ?: RunClock.SYSTEM)
    val scope = LiveScope(state, LiveOptions.NONE)
    var output: Node<R>? = null
    var cancellation: CancellationException? = null
    try {
        supervisorScope {
            state.open(this)
            output = scope.block()
        }
    } catch (e: CancellationException) {
        if (state.failed == null) cancellation = e
    }
    val run = state.record(output)
    state.failed?.let { (node, error) -> throw NodeFailedException(node, error, run) }
    cancellation?.let { throw RunCancelledException(name, run, it) }
    return run
}

/**
 * Runs a live graph from outside coroutines (Java): [block] declares nodes with [LiveScope.stageNode]
 * and returns the output node; the future completes when every node has finished. The engine runs on
 * [executor] (`Dispatchers.Default` when null); cancelling the future cancels every node, and the
 * [dev.adagio.RunCancellingException] it fails with gives every node's outcome once the last has stopped.
 */
@JvmOverloads
@AdagioInteropApi
public fun <R> liveAsync(
    name: String,
    executor: Executor? = null,
    block: java.util.function.Function<LiveScope, Node<R>>,
): RunFuture<DagRun<R>> =
    RunFuture<DagRun<R>>(name).start(dispatcherFor(executor)) {
        val run = live(name) { block.apply(this) }
        run to run
    }
