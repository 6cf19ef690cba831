package dev.adagio.contract

import dev.adagio.AdagioInteropApi
import dev.adagio.Node
import dev.adagio.Retry
import dev.adagio.RunFuture
import dev.adagio.RunOptions
import dev.adagio.live.LiveScope
import dev.adagio.live.live
import dev.adagio.live.liveAsync
import dev.adagio.observe.NodeInterceptor
import kotlinx.coroutines.Dispatchers
import java.io.IOException
import java.util.concurrent.CompletionStage
import java.util.concurrent.Executor

/** "work" → "next" with [hook] calling [act], declared in a live block. */
@OptIn(AdagioInteropApi::class)
private fun LiveScope.hookedWork(
    hook: Hook,
    act: () -> Unit,
): Node<Int> {
    val work =
        when (hook) {
            Hook.BODY -> {
                node("work") { act().let { 1 } }
            }

            Hook.RETRY_PREDICATE -> {
                options(retry = Retry.fixed(2).retryOn { act().let { true } }).node<Int>("work") { throw IOException("first") }
            }

            Hook.FALLBACK -> {
                options(fallback = { act().let { 0 } }).node<Int>("work") { throw IOException("first") }
            }

            Hook.EXECUTOR -> {
                executorNode<Int>("work", emptyList(), hostileExecutor(hook, act)) { _, _ -> 1 }
            }

            else -> {
                node("work") { 1 }
            }
        }
    return node("next", work) { it + 1 }
}

object LiveKind : GraphKind("live") {
    override val supportsStages = true
    override val hooks = graphHooks

    override suspend fun runHooked(
        hook: Hook,
        act: () -> Unit,
    ): Ended = ended { live("hooked", hostileOptions(hook, act)) { hookedWork(hook, act) } }

    override val startsFutures = true

    @OptIn(AdagioInteropApi::class)
    override fun startHooked(
        hook: Hook,
        act: () -> Unit,
        timeout: kotlin.time.Duration,
    ): RunFuture<*> = liveAsync("hooked", hostileOptions(hook, act).withTimeout(timeout)) { scope -> scope.hookedWork(hook, act) }

    override val supportsInterceptors = true

    override suspend fun runIntercepted(
        interceptor: NodeInterceptor,
        body: suspend () -> Unit,
    ) {
        live("intercepted", RunOptions(interceptors = listOf(interceptor))) {
            val work = node("work") { body().let { 1 } }
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

    override val supportsListeners = true

    override suspend fun runWork(
        body: suspend () -> Unit,
        next: () -> Unit,
        events: MutableList<String>,
    ): Ended =
        ended {
            live("contract", RunOptions(listeners = listOf(EventNames(events)))) {
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
