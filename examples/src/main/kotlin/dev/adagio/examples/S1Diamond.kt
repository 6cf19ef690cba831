package dev.adagio.examples

import dev.adagio.Dag
import dev.adagio.dag
import kotlinx.coroutines.delay

/**
 * SCENARIOS.md S1, dagio's seven-node diamond: A→B, B→D, C→D, D→E, C→F, D→F, E→G, F→G.
 *
 * Edges carry no data here, so they are order edges (`after`). A and C start at once; every other node
 * starts the moment its last dependency finishes, and the run takes 0.8 s, its critical path.
 */
object S1Diamond {
    val seconds = mapOf("A" to 0.1, "B" to 0.1, "C" to 0.3, "D" to 0.1, "E" to 0.1, "F" to 0.2, "G" to 0.2)

    fun definition(onDone: (String) -> Unit = {}): Dag<Unit, String> =
        dag("s1-diamond") {
            fun task(name: String) =
                node(name) {
                    delay((seconds.getValue(name) * 1000).toLong())
                    onDone(name)
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
}
