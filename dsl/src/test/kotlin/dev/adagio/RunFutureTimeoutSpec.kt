package dev.adagio

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeFalse
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.milliseconds

/**
 * Issue #32: a run timeout that cannot stop a blocking body (its `join()` ignores interruption) on the
 * run's own one-thread executor: the future was still waiting after 3 s. It fails at the timeout, as it
 * fails at once on `cancel()`; its outcomes complete when the last node stops. Real threads: the test
 * asserts that the future ends, not how fast.
 */
@OptIn(AdagioInteropApi::class)
class RunFutureTimeoutSpec :
    FunSpec({
        test("a Java future fails with RunTimeoutException at the run timeout, though a body cannot be stopped") {
            val single = Executors.newSingleThreadExecutor()
            val never = CompletableFuture<Int>()
            try {
                val graph =
                    dag("stuck") {
                        val stuck = executorNode<Unit, Int>("stuck", emptyList(), single) { _, _ -> never.join() }
                        node("after", stuck) { it + 1 }
                    }
                val future = graph.runAsync(Unit, RunOptions.defaults().withExecutor(single).withTimeout(200.milliseconds))
                val error = runCatching { future.get(20, TimeUnit.SECONDS) }.exceptionOrNull()
                error.shouldBeInstanceOf<ExecutionException>().cause.shouldBeInstanceOf<RunTimeoutException>()
                future.outcomes().isDone.shouldBeFalse()
                never.complete(1)
                val run = future.outcomes().get(20, TimeUnit.SECONDS)
                run.status(graph.node("after")) shouldBe NodeStatus.NOT_STARTED
            } finally {
                never.complete(0)
                single.shutdownNow()
            }
        }

        test("a listener that blocks in onRunFinished past the run timeout: the future fails at the timeout all the same") {
            val gate = dev.adagio.contract.Gate()
            val listener =
                object : dev.adagio.observe.RunListener {
                    override fun onRunFinished(
                        run: dev.adagio.observe.RunInfo,
                        result: DagRun<*>,
                        error: Throwable?,
                    ) = gate.block()
                }
            val graph =
                dag("finishing") {
                    val one = node("one") { 1 }
                    node("two", one) { it + 1 }
                }
            val future = graph.runAsync(Unit, RunOptions.defaults().withListener(listener).withTimeout(200.milliseconds))
            try {
                val error = runCatching { future.get(20, TimeUnit.SECONDS) }.exceptionOrNull()
                val timeout = error.shouldBeInstanceOf<ExecutionException>().cause.shouldBeInstanceOf<RunTimeoutException>()
                timeout.run.status(graph.node("two")) shouldBe NodeStatus.SUCCEEDED
            } finally {
                gate.open()
            }
            future.outcomes().get(20, TimeUnit.SECONDS).status(graph.node("two")) shouldBe NodeStatus.SUCCEEDED
        }
    })
