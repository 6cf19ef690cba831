package dev.adagio

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Runnable
import kotlinx.coroutines.asCoroutineDispatcher
import java.util.concurrent.ExecutorService
import java.util.concurrent.ThreadFactory
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * Where Adagio runs blocking bodies (Kotlin `blockingNode`, Java blocking bodies and stages, blocking
 * annotated methods) that name no dispatcher or executor of their own.
 */
public object AdagioDispatchers {
    private val virtualThreads: ExecutorService? = virtualThreadExecutor()

    /**
     * The default dispatcher of blocking bodies: a new virtual thread per body on JDK 21 and newer,
     * `Dispatchers.IO` (64 threads unless configured) on JDK 17 to 20. Set the system property
     * `adagio.blocking.virtualThreads` to `false` to keep `Dispatchers.IO` on every JDK.
     *
     * A run can send these bodies elsewhere with a [BlockingDispatcher] in its context (the test kit
     * does); bodies given a dispatcher of their own keep it.
     *
     * Virtual threads have no limit of their own (the IO pool had 64): where the blocked-on resource
     * has one, a database's connections say, bound the nodes with a [Pool], the run's
     * `maxConcurrency`, or a [BlockingDispatcher] over a pool of that size.
     */
    @JvmField
    public val Blocking: CoroutineDispatcher =
        DefaultBlocking(
            virtualThreads?.asCoroutineDispatcher() ?: Dispatchers.IO,
            virtualThreads != null,
        )

    /** Whether [Blocking] runs bodies on virtual threads on this JVM. */
    @JvmStatic
    public fun blockingOnVirtualThreads(): Boolean = virtualThreads != null

    /**
     * A new-thread-per-task executor of virtual threads named `adagio-blocking-N`, found by reflection
     * so that the library still runs on JDK 17; null before JDK 21 or when turned off.
     */
    private fun virtualThreadExecutor(): ExecutorService? {
        if (System.getProperty("adagio.blocking.virtualThreads")?.trim()?.equals("false", ignoreCase = true) == true) return null
        if (Runtime.version().feature() < 21) return null
        return try {
            val builder = Thread::class.java.getMethod("ofVirtual").invoke(null)
            val builderType = Class.forName("java.lang.Thread\$Builder")
            val named =
                builderType
                    .getMethod(
                        "name",
                        String::class.java,
                        Long::class.javaPrimitiveType,
                    ).invoke(builder, "adagio-blocking-", 0L)
            val factory = builderType.getMethod("factory").invoke(named) as ThreadFactory
            java.util.concurrent.Executors::class.java
                .getMethod("newThreadPerTaskExecutor", ThreadFactory::class.java)
                .invoke(null, factory) as ExecutorService
        } catch (e: ReflectiveOperationException) {
            null
        } catch (e: UnsupportedOperationException) {
            null
        }
    }
}

/**
 * [AdagioDispatchers.Blocking] itself: a dispatcher of its own identity (so a body that names
 * `Dispatchers.IO` is not taken for one that named none) handing work to virtual threads or the IO
 * pool.
 */
private class DefaultBlocking(
    private val delegate: CoroutineDispatcher,
    private val virtual: Boolean,
) : CoroutineDispatcher() {
    override fun isDispatchNeeded(context: CoroutineContext): Boolean = delegate.isDispatchNeeded(context)

    override fun dispatch(
        context: CoroutineContext,
        block: Runnable,
    ) = delegate.dispatch(context, block)

    override fun toString(): String =
        if (virtual) "AdagioDispatchers.Blocking(virtual threads)" else "AdagioDispatchers.Blocking(Dispatchers.IO)"
}

/**
 * A coroutine context element naming where a run's blocking bodies run when they name no dispatcher
 * of their own (instead of [AdagioDispatchers.Blocking]): a bounded pool for a database, or, in
 * tests, the test dispatcher, so that blocking bodies run in virtual time.
 *
 * ```
 * withContext(BlockingDispatcher(jdbcPool)) { dag.run(input) }
 * ```
 */
public class BlockingDispatcher(
    /** Where the blocking bodies run. */
    public val dispatcher: CoroutineDispatcher,
) : AbstractCoroutineContextElement(Key) {
    /** The key of [BlockingDispatcher] in a coroutine context. */
    public companion object Key : CoroutineContext.Key<BlockingDispatcher>

    override fun toString(): String = "BlockingDispatcher($dispatcher)"
}
