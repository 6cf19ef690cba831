package dev.adagio.contract

import dev.adagio.AdagioInteropApi
import dev.adagio.RunFuture
import dev.adagio.RunOptions
import dev.adagio.annotated.AnnotatedDags
import dev.adagio.annotated.DagNode
import dev.adagio.annotated.Dispatched
import dev.adagio.annotated.From
import dev.adagio.observe.NodeInterceptor

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
