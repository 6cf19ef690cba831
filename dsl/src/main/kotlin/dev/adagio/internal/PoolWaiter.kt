package dev.adagio.internal

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
