package dev.adagio

import dev.adagio.internal.PoolWaiter
import java.util.PriorityQueue

/**
 * A limit on how many nodes may run at once, shared by every node given this object, in every run of
 * every graph in the process: at most [permits] of them run at the same time.
 *
 * The pool is the object, not its name: create it once (a `val` next to the resource it protects) and
 * pass that object to every node that shares it. Two `Pool("db", 1)` objects are two limits; a graph
 * whose nodes use two pools with one name is refused when it is built, since that is always a mistake.
 * The name is shown in errors and diagrams.
 *
 * A node waiting for a permit is not started (its start time is when it gets one). When several wait,
 * the one with the longest remaining path in its graph goes first, ties first come, first served. A
 * node holds its permit across its retries and gives it back when it finishes.
 *
 * ```
 * val database = Pool("database", permits = 4)
 * node("orders", input) { id -> db.orders(id) }.pool(database)
 * ```
 */
public class Pool(
    /** The pool's name, shown in errors and diagrams. */
    public val name: String,
    /** How many nodes of this pool may run at once. */
    public val permits: Int,
) {
    private var available = permits
    private var sequence = 0L
    private val waiters = PriorityQueue<PoolWaiter>()

    init {
        if (name.isBlank()) throw DagDefinitionException(Messages.blankPoolName())
        if (permits < 1) throw DagDefinitionException(Messages.badPermits(name, permits))
    }

    /** How many permits are free now. */
    public val availablePermits: Int get() = synchronized(this) { available }

    internal fun tryAcquire(): Boolean =
        synchronized(this) {
            if (available > 0 && waiters.isEmpty()) {
                available--
                true
            } else {
                false
            }
        }

    internal fun enqueue(waiter: PoolWaiter) {
        synchronized(this) {
            waiter.sequence = sequence++
            waiter.state = PoolWaiter.QUEUED
            waiters.add(waiter)
        }
        grantFree()
    }

    /** Gives a permit back, handing it to the best waiter if there is one. */
    internal fun release() {
        synchronized(this) { available++ }
        grantFree()
    }

    /** Takes a waiter out of the queue, or gives its permit back if it was granted but never used. */
    internal fun abandon(waiter: PoolWaiter) {
        val granted =
            synchronized(this) {
                when (waiter.state) {
                    PoolWaiter.QUEUED -> {
                        waiters.remove(waiter)
                        waiter.state = PoolWaiter.ABANDONED
                        false
                    }

                    PoolWaiter.GRANTED -> {
                        waiter.state = PoolWaiter.ABANDONED
                        true
                    }

                    else -> {
                        false
                    }
                }
            }
        if (granted) release()
    }

    private fun grantFree() {
        while (true) {
            val next =
                synchronized(this) {
                    if (available == 0 || waiters.isEmpty()) return
                    available--
                    waiters.poll().also { it.state = PoolWaiter.GRANTED }
                }
            next.granted()
        }
    }

    override fun toString(): String = "Pool($name, $permits permits)"
}
