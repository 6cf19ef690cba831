package dev.adagio.internal

import dev.adagio.Dag
import dev.adagio.Messages
import dev.adagio.Node
import dev.adagio.PolicySpec
import dev.adagio.Pool
import dev.adagio.decode

/**
 * The nodes a run added while it ran (live nodes, mapped elements, included graphs' nodes), after the
 * graph's own: their shape, and the dependents every node gained. The driver alone reads and writes it;
 * a graph that never grows has none, and its run reads its frozen [Graph] only.
 *
 * Added node `i` (from [base] on) is stored at `i - base`. Its dependencies list its data inputs first,
 * an optional one encoded as `-(index + 1)`, then its order dependencies, as the builder's are.
 */
internal class Growth(
    private val graph: Graph,
) {
    val base: Int = graph.size
    private val nodes = ArrayList<Node<*>>()
    private val bodies = ArrayList<Invoker?>()
    private val deps = ArrayList<IntArray>()
    private val dataCounts = IntList()
    private val offsets = IntList()
    private val groups = IntList()
    private val specs = ArrayList<PolicySpec?>()
    private val ranks = LongList()
    private var pools: ArrayList<Pool?>? = null

    /** Per node, any index: the dependents it gained, an optional consumer encoded as `-(index + 1)`. */
    private var outs = arrayOfNulls<IntList>(0)

    /** Per node, any index: the map or include node's expansion it heads, while its parts run. */
    private var parts = arrayOfNulls<Parts>(0)

    val size: Int get() = base + nodes.size

    /** Whether some added node depends on one added after it (an included graph's order edge pointing forward). */
    private var backEdge = false

    fun node(i: Int): Node<*> = nodes[i - base]

    fun body(i: Int): Invoker? = bodies[i - base]

    fun deps(i: Int): IntArray = deps[i - base]

    fun dataCount(i: Int): Int = dataCounts[i - base]

    /** What node [i]'s body adds to the indices its inputs were compiled with (an included node's place). */
    fun offset(i: Int): Int = if (i < base) 0 else offsets[i - base]

    /** The map or include node that added node [i], or -1. */
    fun group(i: Int): Int = if (i < base) -1 else groups[i - base]

    fun pool(i: Int): Pool? = pools?.get(i - base)

    fun spec(i: Int): PolicySpec? = specs[i - base]

    /** Node [i]'s rank for critical-path order: its map's or include's, or its weight for a live node (its dependents are not known yet). */
    fun rank(i: Int): Long = ranks[i - base]

    /** Records node [node] (its index is [size]); [deps] as the class says. */
    fun append(
        node: Node<*>,
        body: Invoker?,
        deps: IntArray,
        dataCount: Int,
        pool: Pool?,
        spec: PolicySpec?,
        group: Int,
        offset: Int,
        rank: Long,
    ) {
        val i = size
        check(node.index == i) { "node ${node.name} added at $i, declared at ${node.index}" }
        nodes.add(node)
        bodies.add(body)
        this.deps.add(deps)
        dataCounts.add(dataCount)
        offsets.add(offset)
        groups.add(group)
        specs.add(spec)
        ranks.add(rank)
        if (pool != null && pools == null) pools = ArrayList<Pool?>(nodes.size).also { list -> repeat(nodes.size - 1) { list.add(null) } }
        pools?.add(pool)
        for (d in deps) if (decode(d) >= i) backEdge = true
    }

    /** Makes node [consumer] a dependent of [node], which it waits for. */
    fun addOut(
        node: Int,
        consumer: Int,
        optional: Boolean,
    ) {
        if (node >= outs.size) outs = outs.copyOf(maxOf(16, size * 2))
        (outs[node] ?: IntList(2).also { outs[node] = it }).add(if (optional) -consumer - 1 else consumer)
    }

    /** The dependents node [i] gained, or null. */
    fun outs(i: Int): IntList? = if (i < outs.size) outs[i] else null

    fun startParts(p: Parts) {
        if (p.node >= parts.size) parts = parts.copyOf(maxOf(16, size * 2))
        parts[p.node] = p
    }

    fun parts(i: Int): Parts? = if (i < parts.size) parts[i] else null

    /** The element node [i] maps over: its item of its map's list. */
    fun item(i: Int): Any? {
        val p = parts(group(i))!!
        return p.items!![i - p.first]
    }

    /** Every part still open, for the end of a run that stopped before they all ended. */
    fun openParts(): List<Parts> = parts.filterNotNull().filter { it.remaining > 0 }

    /**
     * The graph as it has grown, [size] nodes, for the run's result: a record that can be inspected and
     * drawn, not run (the nodes a run adds are its own), with [output] as its output.
     */
    fun <I, O> freeze(
        size: Int,
        output: Int,
    ): Dag<I, O> {
        val n = size
        val depStart = IntArray(n + 1)
        val dataCount = IntArray(n)
        for (i in 0 until n) {
            dataCount[i] = if (i < base) graph.dataCount[i] else dataCounts[i - base]
            depStart[i + 1] = depStart[i] + if (i < base) graph.inDegree(i) else deps[i - base].size
        }
        val all = IntArray(depStart[n])
        val optional = BooleanArray(all.size)
        for (i in 0 until n) {
            if (i < base) {
                System.arraycopy(graph.deps, graph.depStart[i], all, depStart[i], graph.inDegree(i))
                graph.depOptional?.let { System.arraycopy(it, graph.depStart[i], optional, depStart[i], graph.inDegree(i)) }
            } else {
                val mine = deps[i - base]
                for (k in mine.indices) {
                    all[depStart[i] + k] = decode(mine[k])
                    optional[depStart[i] + k] = mine[k] < 0
                }
            }
        }
        val outStart = IntArray(n + 1)
        for (d in all) outStart[d + 1]++
        for (i in 0 until n) outStart[i + 1] += outStart[i]
        val outList = IntArray(all.size)
        val anyOptional = optional.any { it }
        val outOptional = if (anyOptional) BooleanArray(all.size) else null
        val fill = outStart.copyOf(n)
        for (i in 0 until n) {
            for (e in depStart[i] until depStart[i + 1]) {
                val slot = fill[all[e]]++
                outList[slot] = i
                if (outOptional != null) outOptional[slot] = optional[e]
            }
        }
        val topo =
            if (backEdge || graph.hasTopo) {
                Topology(n) { i ->
                    IntList(outStart[i + 1] - outStart[i]).also { l ->
                        for (e in outStart[i] until outStart[i + 1]) l.add(outList[e])
                    }
                }.order()
            } else {
                null
            }
        val frozen = List(n) { if (it < base) graph.nodes[it] else nodes[it - base] }
        val recorded = Array<Invoker?>(n) { if (it == 0) null else recordedRun }
        val grown =
            Graph(
                graph.id,
                frozen,
                recorded,
                depStart,
                all,
                dataCount,
                outStart,
                outList,
                topo,
                NameIndex(frozen),
                outOptional,
                null,
                null,
                null,
                if (anyOptional) optional else null,
                Array(n) { if (it < base) graph.specs?.get(it) else specs[it - base] },
                Array(n) { if (it < base) graph.rawBodies[it] else recordedRun },
                IntArray(n) { group(it) },
            )
        return Dag(grown, output)
    }
}

/** What a map or include node is waiting for: its parts, nodes [first] until `first + count`. */
internal class Parts(
    /** The map or include node. */
    @JvmField val node: Int,
    @JvmField val first: Int,
    @JvmField val count: Int,
    /** A map's list, element `k` being node `first + k`'s item; null for an include. */
    @JvmField val items: List<*>?,
    /** An include's output node, or -1 (a map, or an included graph without output). */
    @JvmField val output: Int,
    /** Whether the map hands its consumer each element's outcome rather than the values. */
    @JvmField val collect: Boolean,
) {
    @JvmField var remaining: Int = count
}

/** The body of every node of a graph recorded from a run that grew: such a record is drawn, not run. */
private val recordedRun: Invoker = lambdaInvoker { throw UnsupportedOperationException(Messages.recordedLive(nodeName)) }
