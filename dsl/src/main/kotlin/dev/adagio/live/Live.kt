@file:JvmName("LiveDags")

package dev.adagio.live

import dev.adagio.AdagioInteropApi
import dev.adagio.DagRun
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.RunCancelledException
import dev.adagio.RunFuture
import dev.adagio.RunOptions
import dev.adagio.inputOnly
import dev.adagio.internal.Execution

/**
 * Runs a live graph (aiodag's model): each `node(...)` declared in [block] starts as soon as its inputs
 * have values; node bodies may declare further nodes while they run (through [LiveNodeScope.live]).
 * `live` returns when every node has finished, with the node [block] returned as the output.
 *
 * A live run is a run of the one engine every graph kind runs on, only its nodes are added while it
 * runs: [options] apply as to a `Dag` run (run timeout, concurrency limit, pools, critical-path order,
 * sequential mode, `CONTINUE`, listeners, interceptors), and what ran is recorded as an ordinary graph
 * and run result: `run.dag` can be inspected and drawn like any other (it cannot be run again: run the
 * block again instead).
 *
 * Failure and cancellation are those of a `Dag` run: the first node that fails cancels the others and
 * `live` throws [NodeFailedException] with the recorded run; cancelling the caller cancels every node
 * and throws [RunCancelledException]. Nothing is left running either way. What [block] itself throws
 * (a refused declaration, say) stops the run the same way and is thrown as it is.
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
    options: RunOptions = RunOptions.defaults(),
    block: suspend LiveScope.() -> Node<R>,
): DagRun<R> {
    val state = LiveState(name, block)
    return Execution(state.builder.inputOnly<Unit, R>(), Unit, options, grower = state).execute()
}

/**
 * Runs a live graph from outside coroutines (Java): [block] declares nodes with [LiveScope.stageNode]
 * and returns the output node; the future completes when every node has finished. The engine runs on
 * the options' executor (`Dispatchers.Default` when none); cancelling the future cancels every node, and the
 * [dev.adagio.RunCancellingException] it fails with gives every node's outcome once the last has stopped.
 */
@JvmOverloads
@AdagioInteropApi
public fun <R> liveAsync(
    name: String,
    options: RunOptions = RunOptions.defaults(),
    block: java.util.function.Function<LiveScope, Node<R>>,
): RunFuture<DagRun<R>> =
    RunFuture<DagRun<R>>(name).start(options.asyncContext()) {
        val run = live(name, options) { block.apply(this) }
        run to run
    }
