package dev.adagio.contract

import dev.adagio.AdagioInteropApi
import dev.adagio.stream.stream
import java.util.concurrent.CompletionStage
import java.util.concurrent.Executor
import java.util.concurrent.atomic.AtomicInteger

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
