package dev.adagio.examples

import dev.adagio.DagRun
import dev.adagio.dag
import dev.adagio.run
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.util.Collections

/**
 * CPU-bound nodes in parallel: eight nodes each count the primes in one slice of a range, and a sum
 * node adds them up. Each slice is `dispatched()`, so the driver hands it to `Dispatchers.Default`
 * instead of computing it inline on its own thread; the slices run on every core, whatever thread the
 * caller runs on (here a coroutine on `Dispatchers.Default` itself, where `withContext` alone would
 * not hand anything over).
 */
object CpuBound {
    const val LIMIT = 400_000
    const val SLICES = 8

    val graph =
        dag("primes") {
            val slices =
                (0 until SLICES).map { k ->
                    val from = k * (LIMIT / SLICES)
                    node("slice $k") { countPrimes(from, from + LIMIT / SLICES) }.dispatched()
                }
            node("total", slices) { counts -> counts.sum() }
        }

    /** The primes in [from, until), by trial division: pure computation, no suspension. */
    fun countPrimes(
        from: Int,
        until: Int,
    ): Int {
        var count = 0
        for (n in maxOf(from, 2) until until) {
            var prime = true
            var d = 2
            while (d * d <= n) {
                if (n % d == 0) {
                    prime = false
                    break
                }
                d++
            }
            if (prime) count++
        }
        return count
    }

    /** Runs the graph from `Dispatchers.Default`; returns the run and the threads the slices ran on. */
    suspend fun run(): Pair<DagRun<Int>, Set<String>> =
        withContext(Dispatchers.Default) {
            val threads = Collections.synchronizedSet(sortedSetOf<String>())
            val run =
                dag("primes, where") {
                    val slices =
                        (0 until SLICES).map { k ->
                            val from = k * (LIMIT / SLICES)
                            node("slice $k") {
                                threads += Thread.currentThread().name.substringBefore(" @")
                                countPrimes(from, from + LIMIT / SLICES)
                            }.dispatched()
                        }
                    node("total", slices) { counts -> counts.sum() }
                }.run(Unit)
            run to threads
        }
}
