package dev.adagio.examples

import dev.adagio.DagDefinition
import dev.adagio.DagRun
import dev.adagio.examples.S2StartEarly.add
import dev.adagio.examples.S2StartEarly.inc

/**
 * Several typed results without casts: S2's graph declared as a [DagDefinition], an object whose
 * properties are its nodes. Each node is named after its property; after a run, `run[SeveralResults.fastA]`
 * is an `Int`, as are the three results a caller reads (async-dag returns its three end nodes).
 */
object SeveralResults : DagDefinition<Int>("s2-several-results") {
    val fastA by node(input) { n -> inc(n, 0.1) }
    val slowB by node(fastA) { n -> inc(n, 1.0) }
    val slowA by node(input) { n -> inc(n, 0.5) }
    val fastB by node(input) { n -> inc(n, 0.2) }
    val fastC by node(slowA, fastB) { a, b -> add(a, b, 0.1) }
    val end by node(fastC, slowB) { a, b -> add(a, b, 0.1) }

    /** Runs the graph and reads three of its nodes, typed. */
    suspend fun report(input: Int): Pair<DagRun<Unit>, String> {
        val run = dag.run(input)
        val end: Int = run[end]
        val fastA: Int = run[fastA]
        val fastC: Int = run[fastC]
        return run to "End = $end, FastA = $fastA, FastC = $fastC"
    }
}
