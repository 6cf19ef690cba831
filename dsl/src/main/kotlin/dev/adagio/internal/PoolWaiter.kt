package dev.adagio.internal

import dev.adagio.Scheduling

/**
 * A node of one run waiting for a permit of a pool. Ordered best first: the longest remaining path,
 * then first come. Its state changes under the pool's lock, except `STARTED`, which only its driver
 * sets and reads.
 */
internal open class PoolWaiter(
    private val execution: Execution<*, *>?,
    @JvmField val node: Int,
    private val priority: Long,
) : Comparable<PoolWaiter> {
    @JvmField var sequence = 0L

    @JvmField var state = NEW

    override fun compareTo(other: PoolWaiter): Int =
        when {
            priority != other.priority -> other.priority.compareTo(priority)
            else -> sequence.compareTo(other.sequence)
        }

    /** The pool handed this waiter a permit; called outside the pool's lock, on any thread. */
    open fun granted() {
        execution!!.post(this)
    }

    companion object {
        const val NEW = 0
        const val QUEUED = 1
        const val GRANTED = 2
        const val STARTED = 3
        const val ABANDONED = 4
    }
}

/** True when node [i] may start now: it needs no pool, holds its permit, or got one; else it waits. */
internal fun Execution<*, *>.acquirePermit(i: Int): Boolean {
    val pool = poolOf(i) ?: return true
    val wait = waiters?.get(i)
    if (wait != null && wait.state == PoolWaiter.GRANTED) {
        wait.state = PoolWaiter.STARTED
        waiting--
        return true
    }
    if (pool.tryAcquire()) return true
    val priority = if (options.scheduling == Scheduling.CRITICAL_PATH) rankOf(i) else 0L
    val newWait = PoolWaiter(this, i, priority)
    (waiters ?: arrayOfNulls<PoolWaiter>(status.size).also { waiters = it })[i] = newWait
    status[i] = WAITING
    waiting++
    pool.enqueue(newWait)
    return false
}

internal fun Execution<*, *>.abandonPoolWaits() {
    val waiters = waiters ?: return
    for (i in 0 until size) {
        val wait = waiters[i] ?: continue
        if (wait.state != PoolWaiter.STARTED) poolOf(i)!!.abandon(wait)
    }
}

internal fun Execution<*, *>.releasePermit(i: Int) {
    poolOf(i)?.release()
}

/** Node [i]'s pool, or null; none when nodes are computed elsewhere or alone. */
internal fun Execution<*, *>.poolOf(i: Int): dev.adagio.Pool? =
    when {
        i < base -> pools?.get(i)
        alone != null || options.remote != null -> null
        else -> growth!!.pool(i)
    }
