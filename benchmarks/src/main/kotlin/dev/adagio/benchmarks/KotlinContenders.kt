package dev.adagio.benchmarks

import dev.adagio.Dag
import dev.adagio.Node
import dev.adagio.dag
import dev.adagio.invoke
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking

/** The contenders written in Kotlin: Adagio's DSL and hand-written coroutines. */
object KotlinContenders {
    /** Adagio, Kotlin DSL: one node per vertex taking its inputs as a list; built once, run many times. */
    @JvmStatic
    fun adagio(
        deps: Array<IntArray>,
        delays: LongArray? = null,
    ): Dag<Unit, Long> =
        dag("bench") {
            val nodes = ArrayList<Node<Long>>(deps.size)
            for (i in deps.indices) {
                val inputs = deps[i].map { nodes[it] }
                nodes +=
                    if (delays == null) {
                        node("n$i", inputs) { values -> sum(values) }
                    } else {
                        val pause = delays[i]
                        node("n$i", inputs) { values -> delay(pause).let { sum(values) } }
                    }
            }
            nodes.last()
        }

    /** Runs an Adagio graph in the caller's context, as a suspend call from `runBlocking`. */
    @JvmStatic
    fun run(dag: Dag<Unit, Long>): Long = runBlocking { dag() }

    /** Hand-written coroutines: `async` per node on `Dispatchers.Default`, each awaiting its inputs. */
    @JvmStatic
    fun coroutines(
        deps: Array<IntArray>,
        delays: LongArray? = null,
    ): Long =
        runBlocking(Dispatchers.Default) {
            val results = arrayOfNulls<Deferred<Long>>(deps.size)
            for (i in deps.indices) {
                val inputs = deps[i]
                val pause = delays?.get(i) ?: 0
                results[i] =
                    async {
                        var sum = 1L
                        for (d in inputs) sum += results[d]!!.await()
                        if (pause > 0) delay(pause)
                        sum
                    }
            }
            results.last()!!.await()
        }

    private fun sum(values: List<Long>): Long {
        var sum = 1L
        for (v in values) sum += v
        return sum
    }
}
