package dev.adagio

import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext
import kotlin.time.TimeSource

/**
 * The clock a run reads its node timings from, installed as a coroutine context element.
 *
 * Without one, runs read [System.nanoTime]. Tests that run graphs in virtual time install a clock that
 * reads the test scheduler, so the timings in a [DagRun] are exact:
 *
 * ```
 * runTest {
 *     withContext(RunClock { testScheduler.currentTime * 1_000_000 }) { dag.run(input) }
 * }
 * ```
 */
public class RunClock(
    private val nanos: () -> Long,
) : AbstractCoroutineContextElement(Key) {
    /** Reads the clock, in nanoseconds from an arbitrary origin. */
    public fun nanoTime(): Long = nanos()

    /** The context key of [RunClock]. */
    public companion object Key : CoroutineContext.Key<RunClock> {
        /** The clock of the running JVM, [System.nanoTime]. */
        public val SYSTEM: RunClock = RunClock(System::nanoTime)

        /** A clock that reads the time elapsed on [timeSource] since this call. */
        public fun of(timeSource: TimeSource): RunClock {
            val origin = timeSource.markNow()
            return RunClock { origin.elapsedNow().inWholeNanoseconds }
        }
    }
}
