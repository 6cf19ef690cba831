package dev.adagio.contract

import dev.adagio.AdagioInteropApi
import dev.adagio.DagRun
import dev.adagio.FailurePolicy
import dev.adagio.GraphBuilder
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeOutcome
import dev.adagio.Retry
import dev.adagio.RunFuture
import dev.adagio.RunOptions
import dev.adagio.annotated.AnnotatedDags
import dev.adagio.annotated.DagNode
import dev.adagio.annotated.Dispatched
import dev.adagio.annotated.From
import dev.adagio.dag
import dev.adagio.executorNode
import dev.adagio.live.live
import dev.adagio.observe.NodeInterceptor
import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import dev.adagio.reactive.reactive
import dev.adagio.stageNode
import dev.adagio.stepNode
import dev.adagio.stream.StreamFailedException
import dev.adagio.stream.StreamListener
import dev.adagio.stream.StreamRun
import dev.adagio.stream.stream
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.flowOf
import java.io.IOException
import java.util.Collections
import java.util.concurrent.CompletionStage
import java.util.concurrent.Executor
import java.util.concurrent.atomic.AtomicInteger

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
    /** Whether the kind takes listeners (live runs take none). */
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

    /** Whether the kind calls [NodeInterceptor]s (live and stream graphs do not yet). */
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

private inline fun ended(block: () -> Unit): Ended =
    try {
        block()
        Ended.Succeeded
    } catch (e: NodeFailedException) {
        Ended.Failed(e.nodeName, e.cause!!, e, e.run.toString())
    } catch (e: StreamFailedException) {
        Ended.Failed(e.nodeName, e.cause!!, e, null)
    }

/** "work" → "next" with [hook] calling [act], in a dag or reactive builder (the hooks both have). */
@OptIn(AdagioInteropApi::class)
private fun <I> GraphBuilder<I>.hookedWork(
    hook: Hook,
    act: () -> Unit,
    inputs: List<Node<*>>,
): Node<Int> =
    when (hook) {
        Hook.BODY -> {
            addWork(inputs) { act().let { 1 } }
        }

        Hook.FALLBACK -> {
            addWork(inputs) { throw IOException("first") }.fallback { _: Throwable -> act().let { 0 } }
        }

        Hook.RETRY_PREDICATE -> {
            addWork(inputs) { throw IOException("first") }.retry(Retry.fixed(2).retryOn { act().let { true } })
        }

        Hook.EXECUTOR -> {
            executorNode<I, Int>("work", inputs, hostileExecutor(hook, act)) { _, _ -> 1 }
        }

        else -> {
            addWork(inputs) { 1 }
        }
    }

@OptIn(AdagioInteropApi::class)
private fun <I> GraphBuilder<I>.addWork(
    inputs: List<Node<*>>,
    body: () -> Int,
): Node<Int> = stepNode<I, Int>("work", inputs) { _, _ -> body() }

private val graphHooks =
    setOf(
        Hook.BODY,
        Hook.LISTENER,
        Hook.INTERCEPTOR_ATTEMPT,
        Hook.FRAME_CURRENT,
        Hook.FRAME_CLOSE,
        Hook.INTERCEPTOR_END,
        Hook.FALLBACK,
        Hook.RETRY_PREDICATE,
        Hook.EXECUTOR,
    )

/** The dag the hostile-hook column runs. */
private fun hookedDag(
    hook: Hook,
    act: () -> Unit,
) = dag("hooked") {
    val work = hookedWork(hook, act, emptyList())
    node("next", work) { it + 1 }
}

object DagKind : GraphKind("dag") {
    override val supportsInterceptors = true
    override val hooks = graphHooks
    override val startsFutures = true

    override suspend fun runHooked(
        hook: Hook,
        act: () -> Unit,
    ): Ended = ended { hookedDag(hook, act).run(Unit, hostileOptions(hook, act)) }

    @OptIn(AdagioInteropApi::class)
    override fun startHooked(
        hook: Hook,
        act: () -> Unit,
        timeout: kotlin.time.Duration,
    ): RunFuture<*> = hookedDag(hook, act).runAsync(Unit, hostileOptions(hook, act).withTimeout(timeout))

    override val supportsStages = true

    override val supportsExecutors = true

    @OptIn(AdagioInteropApi::class)
    override suspend fun runOnExecutor(
        executor: Executor,
        body: () -> Unit,
    ): Ended =
        ended {
            dag("executor") {
                val work = executorNode<Unit, Int>("work", emptyList(), executor) { _, _ -> body().let { 1 } }
                node("next", work) { it + 1 }
            }.run(Unit)
        }

    @OptIn(AdagioInteropApi::class)
    override suspend fun runStage(stage: () -> CompletionStage<Int>): Int =
        dag("stage") {
            val work = stageNode<Unit, Int>("work", emptyList()) { _, _ -> stage() }
            node("next", work) { it }
        }.run(Unit).output

    override suspend fun runIntercepted(
        interceptor: NodeInterceptor,
        body: suspend () -> Unit,
    ) {
        dag("intercepted") {
            val work = node("work") { body().let { 1 } }
            node("next", work) { it + 1 }
        }.run(Unit, RunOptions(interceptors = listOf(interceptor)))
    }

    override suspend fun runBlockingPair(body: () -> Unit) {
        dag("blocking") {
            val pair = List(2) { blockingNode("n$it") { body().let { 1 } } }
            node("sum", pair) { it.sum() }
        }.run(Unit)
    }

    override val supportsListeners = true

    override suspend fun runWork(
        body: suspend () -> Unit,
        next: () -> Unit,
        events: MutableList<String>,
    ): Ended =
        ended {
            dag("contract") {
                val work = node("work") { body().let { 1 } }
                node("next", work) { w ->
                    next()
                    w + 1
                }
            }.run(Unit, RunOptions(listeners = listOf(EventNames(events))))
        }

    override suspend fun runWide(body: suspend () -> Unit) {
        dag("wide") {
            val nodes = List(wideSize) { node("n$it") { body().let { 1 } } }
            node("sum", nodes) { it.sum() }
        }.run(Unit)
    }

    override suspend fun runPair(
        dispatched: Boolean,
        body: () -> Unit,
    ) {
        dag("pair") {
            val pair = List(2) { node("n$it") { body().let { 1 } }.let { n -> if (dispatched) n.dispatched() else n } }
            node("sum", pair) { it.sum() }
        }.run(Unit)
    }
}

object LiveKind : GraphKind("live") {
    override val supportsStages = true
    override val hooks = setOf(Hook.BODY, Hook.RETRY_PREDICATE, Hook.EXECUTOR)

    @OptIn(AdagioInteropApi::class)
    override suspend fun runHooked(
        hook: Hook,
        act: () -> Unit,
    ): Ended =
        ended {
            live("hooked") {
                val work =
                    when (hook) {
                        Hook.RETRY_PREDICATE -> {
                            options(retry = Retry.fixed(2).retryOn { act().let { true } }).node<Int>("work") { throw IOException("first") }
                        }

                        Hook.EXECUTOR -> {
                            executorNode<Int>("work", emptyList(), hostileExecutor(hook, act)) { _, _ -> 1 }
                        }

                        else -> {
                            node("work") { act().let { 1 } }
                        }
                    }
                node("next", work) { it + 1 }
            }
        }

    override val supportsExecutors = true

    @OptIn(AdagioInteropApi::class)
    override suspend fun runOnExecutor(
        executor: Executor,
        body: () -> Unit,
    ): Ended =
        ended {
            live("executor") {
                val work = executorNode<Int>("work", emptyList(), executor) { _, _ -> body().let { 1 } }
                node("next", work) { it + 1 }
            }
        }

    @OptIn(AdagioInteropApi::class)
    override suspend fun runStage(stage: () -> CompletionStage<Int>): Int =
        live("stage") {
            val work = stageNode<Int>("work", emptyList()) { _, _ -> stage() }
            node("next", work) { it }
        }.output

    override suspend fun runBlockingPair(body: () -> Unit) {
        live("blocking") {
            val pair = List(2) { blockingNode("n$it") { body().let { 1 } } }
            node("sum", pair) { it.sum() }
        }
    }

    override val supportsListeners = false

    override suspend fun runWork(
        body: suspend () -> Unit,
        next: () -> Unit,
        events: MutableList<String>,
    ): Ended =
        ended {
            live("contract") {
                val work = node("work") { body().let { 1 } }
                node("next", work) { w ->
                    next()
                    w + 1
                }
            }
        }

    override suspend fun runWide(body: suspend () -> Unit) {
        live("wide") {
            val nodes = List(wideSize) { node("n$it") { body().let { 1 } } }
            node("sum", nodes) { it.sum() }
        }
    }

    override suspend fun runPair(
        dispatched: Boolean,
        body: () -> Unit,
    ) {
        live("pair") {
            val declare = if (dispatched) options(dispatcher = Dispatchers.Default) else this
            val pair = List(2) { declare.node("n$it") { body().let { 1 } } }
            node("sum", pair) { it.sum() }
        }
    }
}

object StreamKind : GraphKind("stream") {
    override val supportsStages = true
    override val hooks = setOf(Hook.BODY, Hook.LISTENER, Hook.ROUTER, Hook.FILTER, Hook.EXECUTOR)

    @OptIn(AdagioInteropApi::class)
    override suspend fun runHooked(
        hook: Hook,
        act: () -> Unit,
    ): Ended =
        ended {
            stream("hooked") {
                val items = source<Int>("items") { emit(1) }
                val work =
                    if (hook == Hook.EXECUTOR) {
                        stageBlocking<Int, Int>(
                            "work",
                            listOf(items),
                            1,
                            16,
                            null,
                            hostileExecutor(hook, act),
                        ) { x, emit -> emit.accept(x) }
                    } else {
                        stage<Int, Int>("work", items) { x -> if (hook == Hook.BODY) act().also { emit(x) } else emit(x) }
                    }
                val next = sink("next", if (hook == Hook.FILTER) work.where { act().let { true } } else work) { _: Int -> }
                if (hook == Hook.ROUTER) route(work) { act().let { next } }
            }.run(listeners = listOf(HostileListener(hook, act)))
        }

    override val supportsExecutors = true

    @OptIn(AdagioInteropApi::class)
    override suspend fun runOnExecutor(
        executor: Executor,
        body: () -> Unit,
    ): Ended =
        ended {
            stream("executor") {
                val items = source<Int>("items") { emit(1) }
                val work =
                    stageBlocking<Int, Int>("work", listOf(items), 1, 16, null, executor) { x, emit -> body().also { emit.accept(x) } }
                sink("next", work) { _: Int -> }
            }.run()
        }

    @OptIn(AdagioInteropApi::class)
    override suspend fun runStage(stage: () -> CompletionStage<Int>): Int {
        val seen = AtomicInteger()
        stream("stage") {
            val items = source<Int>("items") { emit(1) }
            val work = stageAsync<Int, Int>("work", listOf(items), 1, 16, null) { _, emitter -> stage().thenCompose(emitter::emit) }
            sink("next", work) { x: Int -> seen.set(x) }
        }.run()
        return seen.get()
    }

    @OptIn(AdagioInteropApi::class)
    override suspend fun runBlockingPair(body: () -> Unit) {
        stream("blocking") {
            val items = source<Int>("items") { repeat(2) { emit(it) } }
            val work = stageBlocking<Int, Int>("work", listOf(items), 2, 16, null, null) { x, emit -> body().also { emit.accept(x) } }
            sink("sum", work) { _: Int -> }
        }.run()
    }

    override val supportsListeners = true
    override val emitsWhileRunning = true

    override suspend fun runWork(
        body: suspend () -> Unit,
        next: () -> Unit,
        events: MutableList<String>,
    ): Ended =
        ended {
            stream("contract") {
                val items = source<Int>("items") { emit(1) }
                val work = stage<Int, Int>("work", items) { x -> body().also { emit(x) } }
                sink("next", work) { _: Int -> next() }
            }.run(listeners = listOf(EventNames(events)))
        }

    override suspend fun runWide(body: suspend () -> Unit) {
        stream("wide") {
            val items = source<Int>("items") { repeat(wideSize) { emit(it) } }
            val work = stage<Int, Int>("work", items) { x -> body().also { emit(x) } }
            sink("sum", work) { _: Int -> }
        }.run()
    }

    override suspend fun runPair(
        dispatched: Boolean,
        body: () -> Unit,
    ) {
        stream("pair") {
            val items = source<Int>("items") { repeat(2) { emit(it) } }
            val work = stage<Int, Int>("work", items, workers = 2) { x -> body().also { emit(x) } }
            if (dispatched) work.dispatched()
            sink("sum", work) { _: Int -> }
        }.run()
    }
}

object ReactiveKind : GraphKind("reactive") {
    override val supportsInterceptors = true
    override val hooks = graphHooks

    override suspend fun runHooked(
        hook: Hook,
        act: () -> Unit,
    ): Ended =
        ended {
            reactive("hooked") {
                val one = source("one", flowOf(1))
                val work = hookedWork(hook, act, listOf(one))
                node("next", work) { it + 1 }
            }.results(hostileOptions(hook, act), FailurePolicy.FAIL_FAST).collect()
        }

    override val supportsStages = true

    @OptIn(AdagioInteropApi::class)
    override suspend fun runStage(stage: () -> CompletionStage<Int>): Int {
        var seen = 0
        reactive("stage") {
            val one = source("one", flowOf(1))
            val work = stageNode<Unit, Int>("work", listOf(one)) { _, _ -> stage() }
            node("next", work) { it }
        }.results(onFailure = FailurePolicy.FAIL_FAST).collect { seen = it.error?.let { e -> throw e } ?: it.run.output }
        return seen
    }

    override suspend fun runIntercepted(
        interceptor: NodeInterceptor,
        body: suspend () -> Unit,
    ) {
        reactive("intercepted") {
            val one = source("one", flowOf(1))
            val work = node("work", one) { x -> body().let { x } }
            node("next", work) { it + 1 }
        }.results(RunOptions(interceptors = listOf(interceptor)), FailurePolicy.FAIL_FAST).collect()
    }

    override suspend fun runBlockingPair(body: () -> Unit) {
        reactive("blocking") {
            val one = source("one", flowOf(1))
            val pair = List(2) { blockingNode("n$it", one) { x -> body().let { x } } }
            node("sum", pair) { it.sum() }
        }.results(onFailure = FailurePolicy.FAIL_FAST).collect()
    }

    override val supportsListeners = true

    override suspend fun runWork(
        body: suspend () -> Unit,
        next: () -> Unit,
        events: MutableList<String>,
    ): Ended =
        ended {
            reactive("contract") {
                val one = source("one", flowOf(1))
                val work = node("work", one) { x -> body().let { x } }
                node("next", work) { x -> next().let { x + 1 } }
            }.results(RunOptions(listeners = listOf(EventNames(events))), FailurePolicy.FAIL_FAST).collect()
        }

    override suspend fun runWide(body: suspend () -> Unit) {
        reactive("wide") {
            val one = source("one", flowOf(1))
            val nodes = List(wideSize) { node("n$it", one) { x -> body().let { x } } }
            node("sum", nodes) { it.sum() }
        }.results(onFailure = FailurePolicy.FAIL_FAST).collect()
    }

    override suspend fun runPair(
        dispatched: Boolean,
        body: () -> Unit,
    ) {
        reactive("pair") {
            val one = source("one", flowOf(1))
            val pair = List(2) { node("n$it", one) { x -> body().let { x } }.let { n -> if (dispatched) n.dispatched() else n } }
            node("sum", pair) { it.sum() }
        }.results(onFailure = FailurePolicy.FAIL_FAST).collect()
    }
}

/** A graph of annotated methods: "work" runs the body held by the instance. */
class WorkMethods(
    private val body: suspend () -> Unit,
    private val next: () -> Unit,
) {
    @DagNode
    suspend fun work(): Int {
        body()
        return 1
    }

    @DagNode
    suspend fun next(
        @From("work") work: Int,
    ): Int {
        next()
        return work + 1
    }
}

/** Eight annotated nodes, each calling the body: four independent ones, then four after them. */
class WideMethods(
    private val body: suspend () -> Unit,
) {
    @DagNode suspend fun a(): Int = body().let { 1 }

    @DagNode suspend fun b(): Int = body().let { 1 }

    @DagNode suspend fun c(): Int = body().let { 1 }

    @DagNode suspend fun d(): Int = body().let { 1 }

    @DagNode suspend fun e(
        @From("a") a: Int,
        @From("b") b: Int,
    ): Int = body().let { a + b }

    @DagNode suspend fun f(
        @From("c") c: Int,
        @From("d") d: Int,
    ): Int = body().let { c + d }

    @DagNode suspend fun g(
        @From("e") e: Int,
    ): Int = body().let { e }

    @DagNode suspend fun h(
        @From("f") f: Int,
        @From("g") g: Int,
    ): Int = body().let { f + g }
}

/** Two suspending annotated nodes that call the body, with and without `@Dispatched`. */
class PairMethods(
    private val body: () -> Unit,
) {
    @DagNode suspend fun a(): Int = body().let { 1 }

    @DagNode suspend fun b(): Int = body().let { 1 }

    @DagNode suspend fun sum(
        @From("a") a: Int,
        @From("b") b: Int,
    ): Int = a + b
}

/** [PairMethods] with both nodes `@Dispatched`. */
class DispatchedPairMethods(
    private val body: () -> Unit,
) {
    @Dispatched @DagNode
    suspend fun a(): Int = body().let { 1 }

    @Dispatched @DagNode
    suspend fun b(): Int = body().let { 1 }

    @DagNode suspend fun sum(
        @From("a") a: Int,
        @From("b") b: Int,
    ): Int = a + b
}

/** Two plain (blocking) annotated methods that call the body. */
class BlockingPairMethods(
    private val body: () -> Unit,
) {
    @DagNode fun a(): Int = body().let { 1 }

    @DagNode fun b(): Int = body().let { 1 }

    @DagNode fun sum(
        @From("a") a: Int,
        @From("b") b: Int,
    ): Int = a + b
}

object AnnotatedKind : GraphKind("annotated") {
    override val supportsInterceptors = true
    override val hooks =
        setOf(Hook.BODY, Hook.LISTENER, Hook.INTERCEPTOR_ATTEMPT, Hook.FRAME_CURRENT, Hook.FRAME_CLOSE, Hook.INTERCEPTOR_END)
    override val startsFutures = true

    override suspend fun runHooked(
        hook: Hook,
        act: () -> Unit,
    ): Ended =
        ended {
            AnnotatedDags.build(WorkMethods({ if (hook == Hook.BODY) act() }) {}).run(Unit, hostileOptions(hook, act))
        }

    @OptIn(AdagioInteropApi::class)
    override fun startHooked(
        hook: Hook,
        act: () -> Unit,
        timeout: kotlin.time.Duration,
    ): RunFuture<*> =
        AnnotatedDags
            .build(WorkMethods({ if (hook == Hook.BODY) act() }) {})
            .runAsync(Unit, hostileOptions(hook, act).withTimeout(timeout))

    override suspend fun runIntercepted(
        interceptor: NodeInterceptor,
        body: suspend () -> Unit,
    ) {
        AnnotatedDags.build(WorkMethods(body) {}).run(Unit, RunOptions(interceptors = listOf(interceptor)))
    }

    override suspend fun runBlockingPair(body: () -> Unit) {
        AnnotatedDags.build(BlockingPairMethods(body)).run(Unit)
    }

    override val supportsListeners = true

    /** An annotated graph has as many nodes as its class has methods. */
    override val wideSize = 8

    override suspend fun runWork(
        body: suspend () -> Unit,
        next: () -> Unit,
        events: MutableList<String>,
    ): Ended =
        ended {
            AnnotatedDags.build(WorkMethods(body, next)).run(Unit, RunOptions(listeners = listOf(EventNames(events))))
        }

    override suspend fun runWide(body: suspend () -> Unit) {
        AnnotatedDags.build(WideMethods(body)).run(Unit)
    }

    override suspend fun runPair(
        dispatched: Boolean,
        body: () -> Unit,
    ) {
        AnnotatedDags.build(if (dispatched) DispatchedPairMethods(body) else PairMethods(body)).run(Unit)
    }
}

val allKinds: List<GraphKind> = listOf(DagKind, LiveKind, StreamKind, ReactiveKind, AnnotatedKind)

/** A thread-safe list, for events from node bodies on other threads. */
fun <T> syncList(): MutableList<T> = Collections.synchronizedList(ArrayList())
