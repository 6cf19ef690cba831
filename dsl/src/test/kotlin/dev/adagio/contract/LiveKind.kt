package dev.adagio.contract

import dev.adagio.AdagioInteropApi
import dev.adagio.Retry
import dev.adagio.executorNode
import dev.adagio.live.live
import dev.adagio.stageNode
import kotlinx.coroutines.Dispatchers
import java.io.IOException
import java.util.concurrent.CompletionStage
import java.util.concurrent.Executor

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
