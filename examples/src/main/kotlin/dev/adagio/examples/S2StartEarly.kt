package dev.adagio.examples

import dev.adagio.Dag
import dev.adagio.Node
import dev.adagio.dag
import dev.adagio.invoke
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay

/**
 * SCENARIOS.md S2, from async-dag: start slow work as early as possible.
 *
 * SlowB depends only on FastA, so it starts at 0.1 s, not when the other fast nodes are done: the run
 * takes 1.2 s. Built once, the definition runs any number of times, concurrently too.
 */
object S2StartEarly {
    suspend fun inc(
        n: Int,
        seconds: Double,
    ): Int {
        delay((seconds * 1000).toLong())
        return n + 1
    }

    suspend fun add(
        a: Int,
        b: Int,
        seconds: Double,
    ): Int {
        delay((seconds * 1000).toLong())
        return a + b
    }

    val definition: Dag<Int, Int> =
        dag("s2-start-early") { input: Node<Int> ->
            val fastA = node("FastA", input) { n -> inc(n, 0.1) }
            val slowB = node("SlowB", fastA) { n -> inc(n, 1.0) }
            val slowA = node("SlowA", input) { n -> inc(n, 0.5) }
            val fastB = node("FastB", input) { n -> inc(n, 0.2) }
            val fastC = node("FastC", slowA, fastB) { a, b -> add(a, b, 0.1) }
            node("End", fastC, slowB) { a, b -> add(a, b, 0.1) }
        }

    /** The same computation written by hand with `coroutineScope` and `async`, for comparison. */
    suspend fun handWritten(input: Int): Int =
        coroutineScope {
            val fastA = async { inc(input, 0.1) }
            val slowB = async { inc(fastA.await(), 1.0) }
            val slowA = async { inc(input, 0.5) }
            val fastB = async { inc(input, 0.2) }
            val fastC = async { add(slowA.await(), fastB.await(), 0.1) }
            add(fastC.await(), slowB.await(), 0.1)
        }
}
