package dev.adagio.temporal

import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.Node
import dev.adagio.dag
import dev.adagio.invoke
import kotlinx.coroutines.delay

/** SCENARIOS.md S1 and S2, as the examples declare them, for runs on the test server beside local ones. */
object Scenarios {
    private val s1Seconds = mapOf("A" to 0.1, "B" to 0.1, "C" to 0.3, "D" to 0.1, "E" to 0.1, "F" to 0.2, "G" to 0.2)

    val s1: Dag<Unit, String> =
        dag("s1-diamond") {
            fun task(name: String) =
                node(name) {
                    delay((s1Seconds.getValue(name) * 1000).toLong())
                    name
                }
            val a = task("A")
            val b = task("B").after(a)
            val c = task("C")
            val d = task("D").after(b, c)
            val e = task("E").after(d)
            val f = task("F").after(c, d)
            task("G").after(e, f)
        }

    private suspend fun inc(
        n: Int,
        seconds: Double,
    ): Int {
        delay((seconds * 1000).toLong())
        return n + 1
    }

    private suspend fun add(
        a: Int,
        b: Int,
        seconds: Double,
    ): Int {
        delay((seconds * 1000).toLong())
        return a + b
    }

    val s2: Dag<Int, Int> =
        dag("s2-start-early") { input: Node<Int> ->
            val fastA = node("FastA", input) { n -> inc(n, 0.1) }
            val slowB = node("SlowB", fastA) { n -> inc(n, 1.0) }
            val slowA = node("SlowA", input) { n -> inc(n, 0.5) }
            val fastB = node("FastB", input) { n -> inc(n, 0.2) }
            val fastC = node("FastC", slowA, fastB) { a, b -> add(a, b, 0.1) }
            node("End", fastC, slowB) { a, b -> add(a, b, 0.1) }
        }

    /** The nodes in the order they started (ties in declaration order), the input left out. */
    fun startOrder(run: DagRun<*>): List<String> =
        run.outcomes
            .drop(1)
            .filter { it.startNanos >= 0 }
            .sortedWith(compareBy({ it.startNanos }, { it.node.index }))
            .map { it.node.name }
}
