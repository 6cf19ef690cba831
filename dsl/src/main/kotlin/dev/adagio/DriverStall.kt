package dev.adagio

import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds

/**
 * A node whose body held its run's driver (the thread that starts nodes) for [heldNanos] while
 * [waiting] other nodes were ready to start: its body blocks, or computes, without suspending, so the
 * nodes beside it did not run meanwhile. Declare such a body with `blockingNode { }` (blocking IO;
 * Java `blocking`) or `node { }.dispatched()` (CPU-bound work; Java `NodeOptions.dispatched()`).
 *
 * A run records one for each body that held the driver longer than the threshold (100 ms of the run's
 * clock; the system property `adagio.driverStallMillis` changes it) while other nodes waited, and logs
 * the first of each node of a graph through `System.Logger("dev.adagio")`. Sequential runs, where one
 * node at a time is the point, record none.
 */
public class DriverStall internal constructor(
    /** The node whose body held the driver. */
    public val node: Node<*>,
    /** How long it held the driver, in nanoseconds of the run's clock. */
    public val heldNanos: Long,
    /** How many other nodes were ready to start meanwhile. */
    public val waiting: Int,
) {
    /** How long the body held the driver. */
    @get:JvmSynthetic
    public val held: Duration get() = heldNanos.nanoseconds

    /** How long the body held the driver, for Java callers (Kotlin reads [held]). */
    @AdagioInteropApi
    @JvmName("held")
    public fun heldForJava(): java.time.Duration = java.time.Duration.ofNanos(heldNanos)

    override fun toString(): String = "DriverStall(${node.name}: $held, $waiting waiting)"
}
