package dev.adagio

import dev.adagio.contract.spin
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlin.random.Random
import kotlin.time.Duration.Companion.milliseconds

/**
 * Retries and cancellation, on real threads: a Java future cancelled at a random moment while a node
 * fails and backs off 2 ms between attempts, its body blocking on an executor (a hand-off between the
 * retry loop and the body).
 */
@OptIn(AdagioInteropApi::class)
class RetryCancelSpec :
    FunSpec({
        test("no retry attempt starts after cancel() returned, and attempts counts the bodies started") {
            val pool = Executors.newFixedThreadPool(2)
            try {
                val random = Random(32)
                var late = 0
                var lateRuns = 0
                var miscounted = 0
                repeat(300 * stress) {
                    val started = AtomicInteger()
                    val cancelled = AtomicBoolean()
                    val lateHere = AtomicInteger()
                    val graph =
                        dag("retried") {
                            val flaky =
                                executorNode<Unit, Int>("flaky", emptyList(), pool) { _, _ ->
                                    // Read first: a body counts as late only if it began after cancel() returned.
                                    val afterCancel = cancelled.get()
                                    started.incrementAndGet()
                                    if (afterCancel) {
                                        lateHere.incrementAndGet()
                                        if (System.getProperty("adagio.debugLate") != null) Exception("late start").printStackTrace()
                                    }
                                    throw IllegalStateException("again")
                                }.retry(Retry.fixed(1_000, 2.milliseconds))
                            node("after", flaky) { it }
                        }
                    val future = graph.runAsync(Unit)
                    spin(random.nextLong(1_000_000, 20_000_000))
                    future.cancel(true)
                    cancelled.set(true)
                    val run =
                        RunCancellingException
                            .of(
                                runCatching { future.join() }.exceptionOrNull(),
                            )!!
                            .outcomes()
                            .get(10, TimeUnit.SECONDS)
                    late += lateHere.get()
                    if (lateHere.get() > 1) lateRuns++
                    if (run.outcome(graph.node("flaky")).attempts != started.get()) miscounted++
                }
                println("retry and cancel: $late late starts, $lateRuns runs with more than one, $miscounted miscounted runs")
                // The contract (README, "cancellation in every kind"): no body starts after the cancel is seen, and at
                // most one passes its check just before it. A thread preempted between the engine's last check (on the
                // executor's thread, right before the body) and the body's first read shows as one late start, as often
                // on the code before #33 as after (1 run in 8 of this spec saw one). A retry loop that ignored the
                // cancel would start attempt after attempt, 2 ms apart: more than one late start in that run.
                lateRuns shouldBe 0
                miscounted shouldBe 0
            } finally {
                pool.shutdownNow()
            }
        }
    })
