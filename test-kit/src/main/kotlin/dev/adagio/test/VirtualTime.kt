package dev.adagio.test

import dev.adagio.RunOptions
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestCoroutineScheduler
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executor
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

/**
 * Virtual time for tests outside coroutines (Java, with [AdagioTestExtension]): runs started with
 * [options] run on a test scheduler that this object advances, so delays, timeouts, backoff and node
 * times are exact and take no real time.
 *
 * ```java
 * @ExtendWith(AdagioTestExtension.class)
 * class PipelineTest {
 *   @Test void retriesAfterTheirBackoff(VirtualTime time) {
 *     DagRun<Integer> run = time.await(dag.run(input, time.options()));
 *     RunAssertions.shouldHaveSucceeded(run);
 *     assertEquals(Duration.ofSeconds(3), run.makespan());
 *   }
 * }
 * ```
 *
 * Nothing runs until the test advances time: [await] runs everything due (advancing the clock past
 * every delay) until the stage completes; [advanceBy] and [runCurrent] step through a run. Blocking
 * bodies that name no executor run on the test's thread and take no virtual time (see [runDagTest]).
 * An instance belongs to one test and is not thread-safe.
 */
@OptIn(ExperimentalCoroutinesApi::class)
public class VirtualTime {
    private val scheduler = TestCoroutineScheduler()
    private val dispatcher = StandardTestDispatcher(scheduler, "adagio-virtual-time")
    private val context = dispatcher + dagTestContext(dispatcher)
    private val scope = CoroutineScope(dispatcher + SupervisorJob())

    /** The default run options, running in this virtual time. */
    public fun options(): RunOptions = options(RunOptions.defaults())

    /** [base], running in this virtual time (its executor is replaced by the test scheduler). */
    public fun options(base: RunOptions): RunOptions = base.withCoroutineContext(context)

    /** The virtual time elapsed since this object was made. */
    public fun now(): java.time.Duration = java.time.Duration.ofMillis(scheduler.currentTime)

    /**
     * An executor that runs each task [delay] of virtual time after it is given one: the virtual twin of
     * `CompletableFuture.delayedExecutor`, for Java bodies that wait (`supplyAsync(f, time.delayedExecutor(d))`).
     * Tasks run on the test's thread, when the test advances time past them.
     */
    public fun delayedExecutor(delay: java.time.Duration): Executor {
        require(!delay.isNegative) { "A delay cannot be negative: $delay." }
        val millis = delay.toMillis()
        return Executor { task ->
            scope.launch {
                delay(millis)
                task.run()
            }
        }
    }

    /** Runs what is due now, without advancing the clock. */
    public fun runCurrent() {
        scheduler.runCurrent()
    }

    /** Advances the clock by [duration], running everything due on the way and at its end. */
    public fun advanceBy(duration: java.time.Duration) {
        require(!duration.isNegative) { "Virtual time only moves forward; cannot advance by $duration." }
        scheduler.advanceTimeBy(duration.toMillis())
        scheduler.runCurrent()
    }

    /** Runs everything scheduled, advancing the clock past every delay, until nothing is left. */
    public fun advanceUntilIdle() {
        scheduler.advanceUntilIdle()
    }

    /**
     * Advances virtual time until [stage] completes and returns its value, or throws its failure as it
     * is (not wrapped). Work that waits on real threads (a body's own executor) is waited for, up to
     * [realTimeout] of real time, the limit after which the test fails with an AssertionError.
     *
     * Virtual time is advanced on a thread of its own, so the limit holds even when a blocking body,
     * which runs on that thread, never returns (it waits for a sibling that would run there next):
     * that thread is then interrupted, and the AssertionError comes at the limit.
     */
    @JvmOverloads
    public fun <T> await(
        stage: CompletionStage<T>,
        realTimeout: java.time.Duration = java.time.Duration.ofSeconds(30),
    ): T {
        val future = CompletableFuture<T>()
        stage.whenComplete { value, error -> if (error == null) future.complete(value) else future.completeExceptionally(error) }
        val advancing =
            Thread({
                try {
                    while (!future.isDone) {
                        scheduler.advanceUntilIdle()
                        try {
                            future.get(1, TimeUnit.MILLISECONDS)
                        } catch (_: TimeoutException) {
                            // Something outside virtual time is still working: advance again.
                        } catch (_: ExecutionException) {
                            // Done: the caller reads the failure.
                        }
                    }
                } catch (_: InterruptedException) {
                    // The caller gave up at its real-time limit.
                }
            }, "adagio-virtual-time")
        advancing.isDaemon = true
        advancing.start()
        try {
            val value = future.get(realTimeout.toNanos(), TimeUnit.NANOSECONDS)
            // Done: what the stage's completion queued still runs before the caller advances time itself.
            advancing.join(realTimeout.toMillis().coerceAtLeast(1))
            return value
        } catch (e: TimeoutException) {
            // The body that never returned may ignore the interrupt too: the AssertionError comes now regardless.
            advancing.interrupt()
            throw AssertionError(
                "The stage did not complete within $realTimeout of real time; at ${now()} of virtual time it waits on " +
                    "something outside virtual time, or a blocking body never returned.",
            )
        } catch (e: ExecutionException) {
            advancing.join(realTimeout.toMillis().coerceAtLeast(1))
            throw unwrapped(e.cause ?: e)
        }
    }
}

/** A stage's failure as the body threw it: without the `CompletionException` a dependent stage wraps it in. */
private fun unwrapped(error: Throwable): Throwable = if (error is java.util.concurrent.CompletionException) error.cause ?: error else error
