package dev.adagio

import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runTest
import java.util.Collections

/**
 * Runs [block] in virtual time with a [RunClock] that reads the test scheduler, so run timings are exact.
 * The clock is part of the test scope itself, so coroutines launched from [block] see it too.
 */
@OptIn(ExperimentalCoroutinesApi::class)
fun virtualTime(block: suspend TestScope.() -> Unit) {
    val scheduler = TestCoroutineScheduler()
    runTest(StandardTestDispatcher(scheduler) + RunClock { scheduler.currentTime * 1_000_000 }) { block() }
}

/** SCENARIOS.md S2 (async-dag): FastA → SlowB, SlowA + FastB → FastC, then End; input 0 gives 4 in 1.2 s. */
fun s2Graph(name: String = "s2"): Dag<Int, Int> =
    dag(name) { input: Node<Int> ->
        val fastA = node("FastA", input) { n -> delay(100).let { n + 1 } }
        val slowB = node("SlowB", fastA) { n -> delay(1000).let { n + 1 } }
        val slowA = node("SlowA", input) { n -> delay(500).let { n + 1 } }
        val fastB = node("FastB", input) { n -> delay(200).let { n + 1 } }
        val fastC = node("FastC", slowA, fastB) { a, b -> delay(100).let { a + b } }
        node("End", fastC, slowB) { a, b -> delay(100).let { a + b } }
    }

/** Virtual milliseconds now. */
@OptIn(ExperimentalCoroutinesApi::class)
val TestScope.now: Long get() = testScheduler.currentTime

/** A thread-safe log of events, for asserting orders. */
class EventLog {
    private val events = Collections.synchronizedList(ArrayList<String>())

    fun add(event: String) {
        events.add(event)
    }

    fun toList(): List<String> = synchronized(events) { events.toList() }
}

/** Multiplies case counts of stress and property tests; CI runs with 1, a soak with more. */
val stress: Int = System.getProperty("adagio.stress")?.toIntOrNull() ?: 1

val Long.ms: Long get() = this / 1_000_000

/** Runs [block] while collecting what the JUL logger [name] (System.Logger's default backend) publishes. */
inline fun <T> capturingLogs(
    name: String,
    block: (records: List<java.util.logging.LogRecord>) -> T,
): T {
    val records = Collections.synchronizedList(ArrayList<java.util.logging.LogRecord>())
    val handler =
        object : java.util.logging.Handler() {
            override fun publish(record: java.util.logging.LogRecord) {
                records.add(record)
            }

            override fun flush() {}

            override fun close() {}
        }
    val logger =
        java.util.logging.Logger
            .getLogger(name)
    val level = logger.level
    logger.addHandler(handler)
    logger.level = java.util.logging.Level.ALL
    try {
        return block(records)
    } finally {
        logger.removeHandler(handler)
        logger.level = level
    }
}

/** An attempt that sets [current] to [value] wherever its code runs, as a span's context would be, and undoes it after. */
open class ThreadLocalAttempt(
    private val current: ThreadLocal<String?>,
    private val value: String,
) : dev.adagio.observe.InterceptedAttempt {
    override fun makeCurrent(): AutoCloseable {
        val before = current.get()
        current.set(value)
        return AutoCloseable { current.set(before) }
    }
}

/** An interceptor that makes each attempt's node name current in [current] (a [ThreadLocalAttempt]). */
fun nodeNameIn(current: ThreadLocal<String?>): dev.adagio.observe.NodeInterceptor =
    object : dev.adagio.observe.NodeInterceptor {
        override fun onAttempt(
            run: dev.adagio.observe.RunInfo,
            node: Node<*>,
            attempt: Int,
        ) = ThreadLocalAttempt(current, node.name)
    }
