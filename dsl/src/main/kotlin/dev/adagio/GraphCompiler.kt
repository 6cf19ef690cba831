package dev.adagio

import dev.adagio.internal.Dependents
import dev.adagio.internal.Expander
import dev.adagio.internal.Graph
import dev.adagio.internal.NameIndex
import dev.adagio.internal.Topology

/**
 * Compiles a builder's declarations into the engine's arrays (dependencies, dependents, topological
 * order, bodies with their policies, pools, weights) and closes the builder: the compiling half of
 * building a graph, apart from the declaring half in [GraphBuilder].
 */
internal fun <I, O> GraphBuilder<I>.compile(out: Int): Dag<I, O> {
    closed = true
    id.builder = null
    val n = nodes.size
    val depStart = IntArray(n + 1)
    val dataCount = IntArray(n)
    for (i in 0 until n) {
        dataCount[i] = dataDeps[i].size
        depStart[i + 1] = depStart[i] + dataDeps[i].size + (orderDeps[i]?.size ?: 0)
    }
    val deps = IntArray(depStart[n])
    val optionalDep = BooleanArray(deps.size)
    for (i in 0 until n) {
        var k = depStart[i]
        for (d in dataDeps[i]) {
            optionalDep[k] = d < 0
            deps[k++] = decode(d)
        }
        orderDeps[i]?.let { list -> for (j in 0 until list.size) deps[k++] = list[j] }
    }
    val outEdges = Dependents(n, depStart, deps, optionalDep)
    val topo =
        if (hasBackEdge) {
            Topology(n) { dependents[it]!! }.order() ?: error("a cycle survived the per-edge checks in graph '${id.name}'")
        } else {
            null
        }
    // A map's or include's policies are its parts': it keeps them, unwrapped, and holds no pool itself.
    val finalBodies =
        Array(n) { i ->
            val body = bodies[i]
            if (body is Expander) body.also { it.spec = policies[i] } else policies[i]?.wrap(body!!) ?: body
        }
    val pools = if (policies.any { it?.pool != null }) Array(n) { if (bodies[it] is Expander) null else policies[it]?.pool } else null
    checkOnePoolPerName(pools)
    val weights = if (policies.any { it != null && it.weight != 1L }) LongArray(n) { policies[it]?.weight ?: 1L } else null
    val frozen = nodes.toList()
    val graph =
        Graph(
            id,
            frozen,
            finalBodies,
            depStart,
            deps,
            dataCount,
            outEdges.outStart,
            outEdges.outs,
            topo,
            NameIndex(frozen),
            outEdges.outOptional,
            pools,
            weights,
            equalities?.let { byNode -> Array(n) { byNode[it] } },
            if (optionalDep.any { it }) optionalDep else null,
            if (policies.any { it != null }) Array(n) { policies[it] } else null,
            bodies.toTypedArray(),
        )
    return Dag(graph, out)
}

/** The node index of a data input, optional or not. */
internal fun decode(input: Int): Int = if (input >= 0) input else -input - 1
