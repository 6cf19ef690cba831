package dev.adagio.contract

import dev.adagio.DagRun
import dev.adagio.NodeFailedException
import dev.adagio.NodeOutcome
import dev.adagio.RunFuture
import dev.adagio.live.live
import dev.adagio.observe.NodeInterceptor
import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import dev.adagio.stream.StreamFailedException
import dev.adagio.stream.StreamListener
import dev.adagio.stream.StreamRun
import dev.adagio.stream.stream
import java.util.Collections
import java.util.concurrent.CompletionStage
import java.util.concurrent.Executor

/** How a contract run ended: the failed node and its cause, or success. */
sealed interface Ended {
    data object Succeeded : Ended

    data class Failed(
        val node: String,
        val cause: Throwable,
        /** The exception the caller caught: its message and `toString` must not throw. */
        val error: Throwable,
        /** The run's `toString`, when the kind has a run result. */
        val runText: String?,
    ) : Ended
}

/**
 * One graph kind, as the contract suite drives it: a graph in which node "work" runs a given body once
 * (on one item, for streams) and node "next" depends on it.
 */
abstract class GraphKind(
    val name: String,
) {
    /** Whether the kind takes listeners. */
    abstract val supportsListeners: Boolean

    /** Runs "work" → "next"; [events] receives the listener events' names, when the kind has listeners. */
    abstract suspend fun runWork(
        body: suspend () -> Unit,
        next: () -> Unit,
        events: MutableList<String>,
    ): Ended

    /**
     * Whether "work" hands its value to "next" while it runs (a stream stage emits from its body), so that
     * "next" does not wait for the coroutines "work" launched; the run still does.
     */
    open val emitsWhileRunning: Boolean = false

    /** How many nodes (items, for streams) [runWide] runs. */
    open val wideSize: Int = 500

    /** Runs a graph of [wideSize] nodes (items, for streams) each of whose bodies calls [body] once. */
    abstract suspend fun runWide(body: suspend () -> Unit)

    /**
     * Runs two nodes (two items through a stage of two workers, for streams) that call the non-suspending
     * [body], declared with the kind's switch for CPU-bound work (`dispatched`) when [dispatched].
     */
    abstract suspend fun runPair(
        dispatched: Boolean,
        body: () -> Unit,
    )

    /**
     * Runs two blocking nodes (two items through a blocking stage of two workers, for streams; two plain
     * methods, for annotated graphs) that name no dispatcher, each calling [body].
     */
    abstract suspend fun runBlockingPair(body: () -> Unit)

    /** Whether the kind calls [NodeInterceptor]s (stream graphs do not yet). */
    open val supportsInterceptors: Boolean = false

    /** Runs "work" → "next" with [interceptor] installed, when [supportsInterceptors]. */
    open suspend fun runIntercepted(
        interceptor: NodeInterceptor,
        body: suspend () -> Unit,
    ): Unit = throw UnsupportedOperationException("$name graphs take no interceptors")

    /** Whether the kind has a node (a stage, for streams) whose Java body returns a `CompletionStage`. */
    open val supportsStages: Boolean = false

    /**
     * Runs "work", a node whose Java body returns [stage]'s result, and "next", which returns what it got;
     * returns the value "next" saw. Only when [supportsStages].
     */
    open suspend fun runStage(stage: () -> CompletionStage<Int>): Int = throw UnsupportedOperationException("$name graphs take no stages")

    /** The user callbacks the kind calls, which the hostile-hook column throws from. */
    open val hooks: Set<Hook> = setOf(Hook.BODY)

    /** Runs "work" → "next", calling [act] from [hook] (the other callbacks, where the kind has them, do nothing). */
    open suspend fun runHooked(
        hook: Hook,
        act: () -> Unit,
    ): Ended = runWork({ act() }, {}, syncList())

    /** Whether the kind's runs can be started as a [RunFuture] with a run timeout ([startHooked]). */
    open val startsFutures: Boolean = false

    /** Starts "work" → "next" as a future with [timeout], calling [act] from [hook]. Only when [startsFutures]. */
    open fun startHooked(
        hook: Hook,
        act: () -> Unit,
        timeout: kotlin.time.Duration,
    ): RunFuture<*> = throw UnsupportedOperationException("$name graphs start no futures")

    /** Whether the kind has a blocking node (a stage, for streams) that runs on an executor the caller gives. */
    open val supportsExecutors: Boolean = false

    /** Runs "work", a blocking node on [executor] that calls [body], then "next". Only when [supportsExecutors]. */
    open suspend fun runOnExecutor(
        executor: Executor,
        body: () -> Unit,
    ): Ended = throw UnsupportedOperationException("$name graphs take no executors")

    override fun toString(): String = name
}

/** Records run events by name, for the "onRunFinished comes last" promise. */
class EventNames(
    private val events: MutableList<String>,
) : RunListener,
    StreamListener {
    override fun onRunStarted(run: RunInfo) {
        events += "runStarted"
    }

    override fun onNodeFinished(
        run: RunInfo,
        outcome: NodeOutcome<*>,
    ) {
        events += "nodeFinished:${outcome.node.name}"
    }

    override fun onRunFinished(
        run: RunInfo,
        result: DagRun<*>,
        error: Throwable?,
    ) {
        events += "runFinished"
    }

    override fun onStreamStarted(run: StreamRun) {
        events += "runStarted"
    }

    override fun onStreamFinished(
        run: StreamRun,
        error: Throwable?,
    ) {
        events += "runFinished"
    }
}

internal inline fun ended(block: () -> Unit): Ended =
    try {
        block()
        Ended.Succeeded
    } catch (e: NodeFailedException) {
        Ended.Failed(e.nodeName, e.cause!!, e, e.run.toString())
    } catch (e: StreamFailedException) {
        Ended.Failed(e.nodeName, e.cause!!, e, null)
    }

val allKinds: List<GraphKind> = listOf(DagKind, LiveKind, StreamKind, ReactiveKind, AnnotatedKind)

/** A thread-safe list, for events from node bodies on other threads. */
fun <T> syncList(): MutableList<T> = Collections.synchronizedList(ArrayList())
