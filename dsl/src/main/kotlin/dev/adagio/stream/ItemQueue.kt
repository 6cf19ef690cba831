package dev.adagio.stream

import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlin.coroutines.resume

/**
 * A node's buffer: at most [capacity] items, in arrival order, shared by the node's producers and workers.
 *
 * Besides one item at a time ([trySend], [send]) it hands items over in chunks, in one lock each:
 * a worker takes several items into its hand ([exchange]) and an emitting worker reserves room and
 * then publishes what it staged there ([reserve], [publish]). Items in a hand and reserved room count
 * against the capacity until their worker releases them, so the queue never holds, promises or lends
 * out more than [capacity] items: a buffer bounds what it did before chunks.
 *
 * Waiting (for room, for items) never takes or puts anything, so a waiter cancelled in the middle loses
 * nothing; a waiter, once woken, tries again. A change wakes as many waiters as it made items or room for. Wakes are collected in lists the caller passes instead of
 * resumed under the lock, so that a worker can resume them once it has given up its hand.
 */
internal class ItemQueue(
    private val capacity: Int,
) {
    private var ring = arrayOfNulls<Any?>(minOf(capacity, INITIAL))
    private var head = 0
    private var size = 0

    /** Items in workers' hands plus room reserved by emitters: counted against [capacity], not in [ring]. */
    private var held = 0
    private var closed = false

    /** Workers waiting for items, first come first woken; a wake goes to as many as there are items for. */
    private val takers = ArrayDeque<CancellableContinuation<Unit>>()

    /** Emitters waiting for room, likewise. */
    private val putters = ArrayDeque<CancellableContinuation<Unit>>()

    /** Adds [item] unless the queue is full; then false. */
    fun trySend(item: Any?): Boolean {
        val wake: CancellableContinuation<Unit>?
        synchronized(this) {
            check(!closed) { "a stream buffer took an item after it closed" }
            if (size + held >= capacity) return false
            push(item)
            wake = takers.removeFirstOrNull()
        }
        wake?.resume(Unit)
        return true
    }

    /** Adds [item], waiting while the queue is full. */
    suspend fun send(item: Any?) {
        while (!trySend(item)) awaitRoom()
    }

    /**
     * Takes a fair share of the waiting items for one of [workers] workers (at least one, at most as many
     * as [hand] holds) into [hand] from its start, after releasing [started] items of the caller's previous
     * hand. Returns how many it took: 0 when none is waiting, -1 when none is and none will come.
     */
    fun exchange(
        started: Int,
        hand: Array<Any?>,
        workers: Int,
        wakes: MutableList<CancellableContinuation<Unit>>,
    ): Int {
        synchronized(this) {
            if (started > 0) {
                held -= started
                wakePutters(wakes)
            }
            if (size == 0) return if (closed) -1 else 0
            val n = minOf(hand.size, maxOf(1, size / workers))
            for (k in 0 until n) {
                val at = (head + k) % ring.size
                hand[k] = ring[at]
                ring[at] = null
            }
            head = (head + n) % ring.size
            size -= n
            held += n
            return n
        }
    }

    /**
     * Gives back a hand: releases [started] items, and puts the unstarted ones, [hand] from [from] to [to],
     * back at the head of the queue in their order (where the worker took them from).
     */
    fun giveBack(
        started: Int,
        hand: Array<Any?>,
        from: Int,
        to: Int,
        wakes: MutableList<CancellableContinuation<Unit>>,
    ) {
        synchronized(this) {
            val back = to - from
            held -= started + back
            if (back > 0) {
                grow(size + back)
                for (k in to - 1 downTo from) {
                    head = (head - 1 + ring.size) % ring.size
                    ring[head] = hand[k]
                    hand[k] = null
                }
                size += back
                wakeTakers(wakes)
            }
            if (started > 0) wakePutters(wakes)
        }
    }

    /** Reserves room for up to [max] items, without waiting; returns how much it reserved (0 when full). */
    fun reserve(max: Int): Int =
        synchronized(this) {
            check(!closed) { "a stream buffer took an item after it closed" }
            val n = minOf(max, capacity - size - held)
            held += n
            n
        }

    /** Adds the first [count] of [items] into room reserved for [reserved] items, and releases the rest of that room. */
    fun publish(
        items: Array<Any?>,
        count: Int,
        reserved: Int,
        wakes: MutableList<CancellableContinuation<Unit>>,
    ) {
        synchronized(this) {
            held -= reserved
            for (k in 0 until count) {
                push(items[k])
                items[k] = null
            }
            if (count > 0) wakeTakers(wakes)
            if (reserved > count) wakePutters(wakes)
        }
    }

    /** Takes one item, or returns [NOTHING] when none is waiting ([CLOSED] when none will come). */
    fun poll(): Any? {
        val wake: CancellableContinuation<Unit>?
        val item: Any?
        synchronized(this) {
            if (size == 0) return if (closed) CLOSED else NOTHING
            item = ring[head]
            ring[head] = null
            head = (head + 1) % ring.size
            size--
            wake = if (size + held < capacity) putters.removeFirstOrNull() else null
        }
        wake?.resume(Unit)
        return item
    }

    /**
     * Adds items to [batch] until it holds [size]: what waits now, or with [wait], also what arrives.
     * Returns false once the queue is closed and drained.
     */
    suspend fun takeInto(
        batch: MutableList<Any?>,
        size: Int,
        wait: Boolean,
    ): Boolean {
        while (batch.size < size) {
            val next = poll()
            when {
                next === CLOSED -> return false
                next !== NOTHING -> batch += next
                wait -> awaitItems()
                else -> return true
            }
        }
        return true
    }

    /** Returns once an item is waiting or the queue is closed. */
    suspend fun awaitItems() = await(forItems = true)

    private suspend fun awaitRoom() = await(forItems = false)

    /**
     * Returns once an item is waiting ([forItems]) or there is room (else), or the queue is closed.
     *
     * A wake goes to as many waiters as there are items (or room) for, not to all: with 1,000 workers on a
     * buffer of 1, waking every worker for each item made each item cost a thousand resumptions. A waiter
     * cancelled after it was chosen (a batch's linger timeout) passes its wake on, so no item waits while a
     * worker does.
     */
    private suspend fun await(forItems: Boolean) {
        suspendCancellableCoroutine { c ->
            val now =
                synchronized(this) {
                    if (closed || (if (forItems) size > 0 else size + held < capacity)) {
                        true
                    } else {
                        (if (forItems) takers else putters).addLast(c)
                        false
                    }
                }
            if (now) {
                c.resume(Unit)
            } else {
                c.invokeOnCancellation {
                    val next =
                        synchronized(this) {
                            val waiters = if (forItems) takers else putters
                            // Not waiting any more: a wake chose it; the next waiter takes that wake.
                            if (waiters.remove(c)) null else waiters.removeFirstOrNull()
                        }
                    next?.resume(Unit)
                }
            }
        }
    }

    /** No more items will come: waiting workers wake, and find the queue empty once it is. */
    fun close() {
        val wake: List<CancellableContinuation<Unit>>
        synchronized(this) {
            closed = true
            wake = takers.toList()
            takers.clear()
        }
        resumeAll(wake)
    }

    private fun push(item: Any?) {
        grow(size + 1)
        ring[(head + size) % ring.size] = item
        size++
    }

    private fun grow(needed: Int) {
        if (needed <= ring.size) return
        val bigger = arrayOfNulls<Any?>(minOf(maxOf(needed, ring.size * 2), maxOf(capacity, needed)))
        for (k in 0 until size) bigger[k] = ring[(head + k) % ring.size]
        ring = bigger
        head = 0
    }

    /** Moves to [wakes] as many waiting workers as there are items for. */
    private fun wakeTakers(wakes: MutableList<CancellableContinuation<Unit>>) {
        repeat(minOf(size, takers.size)) { wakes += takers.removeFirst() }
    }

    /** Moves to [wakes] as many waiting emitters as there is room for. */
    private fun wakePutters(wakes: MutableList<CancellableContinuation<Unit>>) {
        repeat(minOf(capacity - size - held, putters.size).coerceAtLeast(0)) { wakes += putters.removeFirst() }
    }

    internal companion object {
        private const val INITIAL = 16

        /** [poll]: nothing is waiting now. */
        val NOTHING = Any()

        /** [poll]: nothing is waiting and nothing will come. */
        val CLOSED = Any()

        fun resumeAll(wake: List<CancellableContinuation<Unit>>) {
            for (c in wake) c.resume(Unit)
        }
    }
}
