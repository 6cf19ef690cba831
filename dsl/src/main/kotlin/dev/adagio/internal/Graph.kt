package dev.adagio.internal

import dev.adagio.GraphId
import dev.adagio.Node

/**
 * The frozen shape of a graph in flat arrays, indexed by declaration order.
 *
 * Dependencies of node `i` are `deps[depStart[i] until depStart[i + 1]]`: its data inputs first, in
 * parameter order (a node that takes the same input twice lists it twice), then its order dependencies.
 * Dependents are stored the same way, one entry per edge, so per-run counters count duplicate edges.
 */
internal class Graph(
    val id: GraphId,
    val nodes: List<Node<*>>,
    val bodies: Array<Invoker?>,
    val depStart: IntArray,
    val deps: IntArray,
    val dataCount: IntArray,
    val outStart: IntArray,
    val outs: IntArray,
    /** The topological order when declaration order is not one (an order edge points forward); else null. */
    private val topo: IntArray?,
    val byName: NameIndex,
    /** Per out-edge (aligned with [outs]): whether the consumer takes that input as optional; null when none does. */
    val outOptional: BooleanArray?,
    /** Per node: its pool, or null; the array is null when no node has one. */
    val pools: Array<dev.adagio.Pool?>?,
    /** Per node: its weight for critical-path priority (1 unless given); null when every weight is 1. */
    private val weights: LongArray?,
    /** Per node: the equality that cuts recomputation off in a reactive graph, or null; null when none has one. */
    val equalities: Array<((Any?, Any?) -> Boolean)?>? = null,
    /** Per dependency (aligned with [deps]): whether its consumer takes it as optional; null when none does. */
    val depOptional: BooleanArray? = null,
    /** Per node: its declared policies, or null; null when no node declares any. */
    val specs: Array<dev.adagio.PolicySpec?>? = null,
    /** Per node: its body without its policies, for a node computed alone ([dev.adagio.runAlone]). */
    val rawBodies: Array<Invoker?> = bodies,
    /** Per node of a graph recorded from a run that grew: the map or include node that added it, or -1; else null. */
    val groups: IntArray? = null,
) {
    val size: Int get() = nodes.size

    /** The nodes whose driver stalls were logged already (once per node and graph; see [Stalls]). */
    val stallsReported: MutableSet<Int> =
        java.util.concurrent.ConcurrentHashMap
            .newKeySet()

    /**
     * Per node: the longest remaining path to a sink, by weights, the node itself included. Ready nodes
     * with a higher rank start first when not all may.
     */
    val ranks: LongArray by lazy(LazyThreadSafetyMode.PUBLICATION) {
        val rank = LongArray(size)
        for (k in size - 1 downTo 0) {
            val i = topoAt(k)
            var longest = 0L
            for (e in outStart[i] until outStart[i + 1]) longest = maxOf(longest, rank[outs[e]])
            rank[i] = (weights?.get(i) ?: 1L) + longest
        }
        rank
    }

    /** Whether declaration order is not a topological order. */
    val hasTopo: Boolean get() = topo != null

    fun inDegree(i: Int): Int = depStart[i + 1] - depStart[i]

    /** The [k]-th node in topological order. */
    fun topoAt(k: Int): Int = topo?.get(k) ?: k

    /** Marks [targets] and every ancestor of them, iteratively (no recursion, whatever the depth). */
    fun ancestorsOf(targets: IntArray): BooleanArray {
        val needed = BooleanArray(size)
        val stack = IntArray(size)
        var top = 0
        for (t in targets) {
            if (!needed[t]) {
                needed[t] = true
                stack[top++] = t
            }
        }
        while (top > 0) {
            val i = stack[--top]
            for (e in depStart[i] until depStart[i + 1]) {
                val d = deps[e]
                if (!needed[d]) {
                    needed[d] = true
                    stack[top++] = d
                }
            }
        }
        return needed
    }
}

/**
 * The dependents of a graph given by its dependencies (`deps[depStart[i] until depStart[i + 1]]` for
 * node `i`, each flagged in [optional] when its consumer takes it as optional): per node, one entry per
 * edge, in consumer order; built by every graph compiled, as declared or as a run grew it.
 */
internal class Dependents(
    n: Int,
    depStart: IntArray,
    deps: IntArray,
    optional: BooleanArray?,
) {
    val outStart = IntArray(n + 1)
    val outs = IntArray(deps.size)

    /** Per out-edge: whether its consumer takes it as optional; null when none does. */
    val outOptional: BooleanArray? = if (optional != null && optional.any { it }) BooleanArray(deps.size) else null

    init {
        for (d in deps) outStart[d + 1]++
        for (i in 0 until n) outStart[i + 1] += outStart[i]
        val fill = outStart.copyOf(n)
        for (i in 0 until n) {
            for (e in depStart[i] until depStart[i + 1]) {
                val slot = fill[deps[e]]++
                outs[slot] = i
                if (outOptional != null) outOptional[slot] = optional!![e]
            }
        }
    }
}
