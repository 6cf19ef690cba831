@file:JvmName("DagTests")

package dev.adagio.test

import dev.adagio.BlockingDispatcher
import dev.adagio.RunClock
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.test.TestDispatcher
import kotlinx.coroutines.test.TestResult
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runTest
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * `runTest` for graphs: runs [testBody] in virtual time with what makes every run in it exact and
 * reproducible ([dagTestContext]): node times read the test scheduler, and blocking bodies that name
 * no dispatcher of their own run on the test's dispatcher.
 *
 * ```
 * @Test fun `S1 takes 0,8 s`() = runDagTest {
 *     val run = s1.run(Unit)
 *     run.shouldHaveSucceeded()
 *     run shouldHaveMakespan 800.milliseconds
 * }
 * ```
 *
 * **What virtual time can and cannot see.** `delay`, timeouts, retry backoff and batch linger take
 * their exact virtual time, and no real time. A blocking body (`blockingNode { Thread.sleep(200) }`)
 * runs on the test's thread, one at a time, and takes *no* virtual time however long it blocks the
 * thread in real time: its node starts and ends at the same virtual instant. Model the time a blocking
 * call takes with `delay` in a suspending node when the test is about time. A blocking stream source
 * whose downstream buffer fills waits for a consumer that runs on the same thread, so give such
 * sources a buffer as large as what they emit in a test. Bodies sent to a dispatcher of their own
 * (`blockingNode(dispatcher = pool)`, `dispatched(pool)`) run on real threads, outside virtual time.
 *
 * @param context added to the test's context, as `runTest`'s is; a [TestDispatcher] in it is used.
 * @param timeout the real time the test may take, as `runTest`'s.
 */
public fun runDagTest(
    context: CoroutineContext = EmptyCoroutineContext,
    timeout: Duration = 60.seconds,
    testBody: suspend TestScope.() -> Unit,
): TestResult {
    val dispatcher = context[ContinuationInterceptor] as? TestDispatcher ?: StandardTestDispatcher(context[TestCoroutineScheduler])
    return runTest(context + dispatcher + dagTestContext(dispatcher), timeout, testBody)
}

/**
 * What [runDagTest] adds to a test's context, for a test that calls `runTest` itself:
 * `runTest { withContext(dagTestContext()) { dag.run(input) } }`.
 */
public fun TestScope.dagTestContext(): CoroutineContext =
    dagTestContext(coroutineContext[ContinuationInterceptor] as? TestDispatcher ?: StandardTestDispatcher(testScheduler))

/**
 * A [RunClock] reading [dispatcher]'s scheduler (milliseconds of virtual time, as nanoseconds) and a
 * [BlockingDispatcher] sending blocking bodies to [dispatcher].
 */
@OptIn(ExperimentalCoroutinesApi::class)
public fun dagTestContext(dispatcher: TestDispatcher): CoroutineContext {
    val scheduler = dispatcher.scheduler
    return RunClock { scheduler.currentTime * 1_000_000 } + BlockingDispatcher(dispatcher)
}
