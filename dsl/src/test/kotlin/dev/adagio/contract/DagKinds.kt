package dev.adagio.contract

import dev.adagio.AdagioInteropApi
import dev.adagio.FailurePolicy
import dev.adagio.GraphBuilder
import dev.adagio.Node
import dev.adagio.Retry
import dev.adagio.RunFuture
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.executorNode
import dev.adagio.observe.NodeInterceptor
import dev.adagio.reactive.reactive
import dev.adagio.stageNode
import dev.adagio.stepNode
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.flowOf
import java.io.IOException
import java.util.concurrent.CompletionStage
import java.util.concurrent.Executor

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

/** The callbacks every kind on the driver calls (dags, live runs, reactive graphs). */
internal val graphHooks =
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
