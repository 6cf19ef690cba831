package dev.adagio.internal

import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.suspendCancellableCoroutine
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.atomic.AtomicReference
import kotlin.coroutines.resume

/**
 * What reaches a run's driver from other threads (finished nodes, granted permits, retry notices):
 * posted from anywhere, taken by the driver alone, which suspends in [await] while it is empty.
 */
internal class Inbox {
    private val queue = ConcurrentLinkedQueue<Any>()
    private val waiter = AtomicReference<CancellableContinuation<Unit>?>(null)

    fun isEmpty(): Boolean = queue.isEmpty()

    fun poll(): Any? = queue.poll()

    /** Adds [message] and wakes the driver if it waits. */
    fun post(message: Any) {
        queue.add(message)
        waiter.getAndSet(null)?.resume(Unit)
    }

    /** Returns once a message is waiting. */
    suspend fun await() {
        if (!queue.isEmpty()) return
        suspendCancellableCoroutine { c ->
            waiter.set(c)
            if (!queue.isEmpty() && waiter.compareAndSet(c, null)) c.resume(Unit)
        }
    }
}
