package dev.adagio.stream

import kotlinx.coroutines.CancellableContinuation
import java.util.concurrent.locks.LockSupport
import kotlin.coroutines.resume

/**
 * What one worker holds while it runs without pause: items taken from its node's buffer in one go (its
 * hand), and what its bodies emitted, staged per edge in room reserved in the downstream buffers. So a
 * worker touches a buffer's lock once per chunk instead of once per item, where a channel pays for every
 * item.
 *
 * The worker *owns* its hand while [owner] is its thread: from a refill ([refill]) until it would pause
 * ([end]): before it waits for items or room, before it joins what a body launched, and as soon as a body
 * suspends. Until then nothing it holds is observable as late: no other coroutine of that thread runs, and
 * the reserved room keeps the buffers' bounds. At [end] it publishes what it staged and gives back the
 * unstarted rest of its hand, at the head of its buffer, for the node's other workers; only then does it
 * wake whom that concerns. Only the owning thread touches the hand; the worker's own coroutine, resumed
 * on another thread before [end] finished there, waits for it ([awaitOwner], a few instructions away).
 */
internal class WorkerHand(
    private val queue: ItemQueue,
    private val workers: Int,
    private val outs: Array<ItemQueue>,
    private val tally: Tally,
) {
    /** What the owning thread emitted, carried and refused since it last published, in [Tally]'s slots. */
    @JvmField val counts = LongArray(Tally.FIXED + 2 * outs.size)

    /** The thread running the worker while it holds its hand; null while it does not. */
    @Volatile @JvmField
    var owner: Thread? = null

    private val items = arrayOfNulls<Any?>(CHUNK)
    private var next = 0
    private var end = 0

    /** Items taken from the hand since the last refill, released from the buffer's count at the next one. */
    private var started = 0

    private val staged = Array(outs.size) { arrayOfNulls<Any?>(CHUNK) }
    private val count = IntArray(outs.size)
    private val room = IntArray(outs.size)
    private var wakes = ArrayList<CancellableContinuation<Unit>>()

    /** Whether the hand holds an item not yet started. */
    val hasNext: Boolean get() = next < end

    /** The next item of the hand, now started. */
    fun take(): Any? {
        val item = items[next]
        items[next++] = null
        started++
        return item
    }

    /**
     * Releases the hand's started items and takes a fair share of what waits in the buffer (at most
     * [CHUNK], at least one). Returns how many it took: 0 when none waits, -1 when none will come.
     * Called only while the worker does not own its hand; owns it after taking any.
     */
    fun refill(): Int {
        val n = queue.exchange(started, items, workers, wakes)
        started = 0
        wakeAll()
        if (n > 0) {
            next = 0
            end = n
            owner = Thread.currentThread()
        }
        return n
    }

    /**
     * Stages [item] for edge [k], in room reserved downstream (a full chunk published first). False when
     * that buffer has no room: the caller sends it the slow way, after [end].
     */
    fun put(
        k: Int,
        item: Any?,
    ): Boolean {
        var c = count[k]
        if (c == room[k]) {
            val out = outs[k]
            if (c > 0) {
                out.publish(staged[k], c, c, wakes)
                addCounts()
            }
            c = 0
            count[k] = 0
            room[k] = out.reserve(CHUNK)
            wakeAll()
            if (room[k] == 0) return false
        }
        staged[k][c] = item
        count[k] = c + 1
        return true
    }

    /** A body launched a coroutine: what it emitted so far goes downstream now, before anything the coroutine emits. */
    fun flushForChild() {
        if (owner !== Thread.currentThread()) return
        publishStaged()
        wakeAll()
    }

    /**
     * The worker pauses: publishes what it staged, gives back the unstarted rest of its hand, stops owning
     * it, then wakes the workers and emitters that concern. Nothing when it does not own its hand.
     */
    fun end() {
        if (owner !== Thread.currentThread()) return
        publishStaged()
        if (next < end || started > 0) queue.giveBack(started, items, next, end, wakes)
        started = 0
        next = 0
        end = 0
        // Taken before the hand is given up: the worker's coroutine, resumed on another thread, uses the hand (and its wake list) at once.
        val now = wakes
        if (now.isEmpty()) {
            release()
            return
        }
        wakes = ArrayList(2)
        release()
        for (c in now) c.resume(Unit)
    }

    /** A thread parked in [awaitOwner], for [end] to unpark once it gave the hand up; null when none waits. */
    @Volatile private var waiter: Thread? = null

    /**
     * Waits while another thread still owns the hand: the worker's own coroutine, resumed there before
     * [end] returned. It spins briefly, then parks until [end] unparks it: with many workers on few cores,
     * the owner may be descheduled, and a waiter that kept spinning or yielding took its core (1,000
     * workers ran 2.4 times slower than 4).
     */
    fun awaitOwner() {
        val me = Thread.currentThread()
        var spins = 0
        while (true) {
            val o = owner
            if (o == null || o === me) break
            if (++spins < SPINS) {
                Thread.onSpinWait()
                continue
            }
            waiter = me
            // Checked again after publishing the waiter: end() clears the owner, then reads the waiter.
            val again = owner
            if (again != null && again !== me) LockSupport.park(this)
        }
        if (waiter === me) waiter = null
    }

    /** Stops owning the hand, and unparks the worker's own coroutine if it waits for that ([awaitOwner]). */
    private fun release() {
        owner = null
        waiter?.let(LockSupport::unpark)
    }

    private fun publishStaged() {
        for (k in outs.indices) {
            if (room[k] == 0) continue
            outs[k].publish(staged[k], count[k], room[k], wakes)
            count[k] = 0
            room[k] = 0
        }
        addCounts()
    }

    /** Adds what the hand counted to the worker's tally, where readers sum it. */
    private fun addCounts() {
        for (slot in counts.indices) {
            val n = counts[slot]
            if (n == 0L) continue
            tally.count(slot, n)
            counts[slot] = 0
        }
    }

    private fun wakeAll() {
        if (wakes.isEmpty()) return
        val now = wakes
        wakes = ArrayList(2)
        for (c in now) c.resume(Unit)
    }

    internal companion object {
        /** Items a worker takes or stages at most in one hand-off. */
        const val CHUNK = 64
        private const val SPINS = 100
    }
}
