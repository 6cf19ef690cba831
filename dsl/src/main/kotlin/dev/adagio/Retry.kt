package dev.adagio

import java.util.concurrent.ThreadLocalRandom
import java.util.function.Predicate
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toKotlinDuration

/**
 * How a failed node is tried again: at most [maxAttempts] attempts in all, with a backoff between them.
 *
 * The delay before attempt `n + 1` is `initialDelay * factor^(n - 1)`, capped at `maxDelay`, then
 * spread by ±`jitter` (a fraction). Only errors the predicate accepts are retried (every error but a
 * cancellation, unless [retryOn] says otherwise); a node timeout counts as an error. Cancelling the run
 * during a backoff stops the wait at once.
 *
 * ```
 * node("charge", order) { o -> payments.charge(o) }
 *     .retry(Retry.exponential(maxAttempts = 4, initialDelay = 200.milliseconds).withJitter(0.2))
 * ```
 */
public class Retry private constructor(
    /** Attempts in all, the first one included. */
    public val maxAttempts: Int,
    private val initialDelayNanos: Long,
    /** The factor the delay grows by after each attempt (1 for a fixed delay). */
    public val factor: Double,
    private val maxDelayNanos: Long,
    /** How far each delay is spread at random, as a fraction of it (0 for none). */
    public val jitter: Double,
    private val predicate: Predicate<in Throwable>,
) {
    init {
        if (maxAttempts < 1) throw DagDefinitionException(Messages.badAttempts(maxAttempts))
        if (initialDelayNanos < 0 || maxDelayNanos < 0) throw DagDefinitionException(Messages.negativeDelay())
        if (!(factor >= 1.0 && factor.isFinite())) throw DagDefinitionException(Messages.badFactor(factor))
        if (!(jitter in 0.0..1.0)) throw DagDefinitionException(Messages.badJitter(jitter))
    }

    /** The delay before the first retry. */
    @get:JvmSynthetic
    public val initialDelay: Duration get() = initialDelayNanos.toDuration()

    /** The longest delay between two attempts. */
    @get:JvmSynthetic
    public val maxDelay: Duration get() = maxDelayNanos.toDuration()

    /** The delay before the first retry, for Java callers (Kotlin reads [initialDelay]). */
    @AdagioInteropApi
    @JvmName("initialDelay")
    public fun initialDelayForJava(): java.time.Duration = java.time.Duration.ofNanos(initialDelayNanos)

    /** The longest delay between two attempts, for Java callers (Kotlin reads [maxDelay]). */
    @AdagioInteropApi
    @JvmName("maxDelay")
    public fun maxDelayForJava(): java.time.Duration = java.time.Duration.ofNanos(maxDelayNanos)

    /** The same policy with each delay spread at random by ±[fraction] of it (0 to 1). */
    public fun withJitter(fraction: Double): Retry = Retry(maxAttempts, initialDelayNanos, factor, maxDelayNanos, fraction, predicate)

    /** The same policy, retrying only the errors [predicate] accepts. */
    public fun retryOn(predicate: Predicate<in Throwable>): Retry =
        Retry(maxAttempts, initialDelayNanos, factor, maxDelayNanos, jitter, predicate)

    /** Whether this policy tries again after [error] (its predicate's answer; every error unless one was given). */
    public fun retries(error: Throwable): Boolean = predicate.test(error)

    /** The delay after failed attempt number [attempt] (1 for the first), jitter applied. */
    internal fun delayNanosAfter(attempt: Int): Long {
        var delay = initialDelayNanos.toDouble()
        repeat(attempt - 1) { delay = minOf(delay * factor, maxDelayNanos.toDouble()) }
        delay = minOf(delay, maxDelayNanos.toDouble())
        if (jitter > 0 && delay > 0) delay *= 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter)
        return delay.toLong()
    }

    override fun toString(): String =
        "Retry(maxAttempts=$maxAttempts, initialDelay=$initialDelay, factor=$factor, maxDelay=$maxDelay, jitter=$jitter)"

    /** Retry policies: `Retry.fixed`, `Retry.exponential`, `Retry.NONE`. */
    public companion object {
        private val everythingButCancellation = Predicate<Throwable> { it !is java.util.concurrent.CancellationException }

        /** At most [maxAttempts] attempts, [delay] apart. */
        @JvmSynthetic
        public fun fixed(
            maxAttempts: Int,
            delay: Duration = Duration.ZERO,
        ): Retry = Retry(maxAttempts, delay.nanos(), 1.0, delay.nanos(), 0.0, everythingButCancellation)

        /** At most [maxAttempts] attempts, [delay] apart; for Java callers. */
        @JvmStatic
        @AdagioInteropApi
        public fun fixed(
            maxAttempts: Int,
            delay: java.time.Duration,
        ): Retry = fixed(maxAttempts, delay.toKotlinDuration())

        /** At most [maxAttempts] attempts, with no delay between them. */
        @JvmStatic
        public fun immediately(maxAttempts: Int): Retry = fixed(maxAttempts, Duration.ZERO)

        /** At most [maxAttempts] attempts, the delay growing by [factor] from [initialDelay] up to [maxDelay]. */
        @JvmSynthetic
        public fun exponential(
            maxAttempts: Int,
            initialDelay: Duration = 100.milliseconds,
            factor: Double = 2.0,
            maxDelay: Duration = 30.seconds,
        ): Retry = Retry(maxAttempts, initialDelay.nanos(), factor, maxDelay.nanos(), 0.0, everythingButCancellation)

        /** Exponential backoff from 100 ms, doubling, capped at 30 s; for Java callers. */
        @JvmStatic
        public fun exponential(maxAttempts: Int): Retry = exponential(maxAttempts, 100.milliseconds)

        /** Exponential backoff; for Java callers. */
        @JvmStatic
        @AdagioInteropApi
        public fun exponential(
            maxAttempts: Int,
            initialDelay: java.time.Duration,
            factor: Double,
            maxDelay: java.time.Duration,
        ): Retry = exponential(maxAttempts, initialDelay.toKotlinDuration(), factor, maxDelay.toKotlinDuration())

        private fun Duration.nanos(): Long = if (isNegative()) -1 else inWholeNanoseconds

        private fun Long.toDuration(): Duration =
            java.time.Duration
                .ofNanos(this)
                .toKotlinDuration()
    }
}
