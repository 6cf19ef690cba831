package dev.adagio.internal

import dev.adagio.Dag
import dev.adagio.Messages
import dev.adagio.Node
import dev.adagio.NodeKind
import dev.adagio.PolicySpec
import dev.adagio.Pool
import dev.adagio.decode
import java.util.concurrent.atomic.AtomicReferenceArray

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

    /** What added nodes share; the elements of one map share one. */
    private val shapes = ArrayList<Shape>()

    /** Per added node: its shape's index in [shapes]. */
    private var shapeOf = IntArray(16)

    /** Per added node: its handle; null for a map's element, whose handle is made when asked for ([Parts.element]). */
    private var added = arrayOfNulls<Node<*>>(16)
    private var count = 0

    /** Per node, any index: the dependents it gained, an optional consumer encoded as `-(index + 1)`. */
    private var outs = arrayOfNulls<IntList>(0)

    /** Per node, any index: the map or include node's expansion it heads, while its parts run. */
    private var parts = arrayOfNulls<Parts>(0)

    val size: Int get() = base + count

    /** Whether some added node depends on one added after it (an included graph's order edge pointing forward). */
    private var backEdge = false

    private fun shape(i: Int): Shape = shapes[shapeOf[i - base]]

    /** Node [i]'s handle (a map's element's made now, once). */
    fun node(i: Int): Node<*> = added[i - base] ?: shape(i).parts!!.element(i)

    /** Node [i]'s name, without making a map element's handle: for any thread, while the run grows. */
    fun name(i: Int): String = added[i - base]?.name ?: shape(i).parts!!.elementName(i)

    fun body(i: Int): Invoker? = shape(i).body

    fun deps(i: Int): IntArray = shape(i).deps

    fun dataCount(i: Int): Int = shape(i).dataCount

    /** What node [i]'s body adds to the indices its inputs were compiled with (an included node's place). */
    fun offset(i: Int): Int = if (i < base) 0 else shape(i).offset

    /** The map or include node that added node [i], or -1. */
    fun group(i: Int): Int = if (i < base) -1 else shape(i).group

    fun pool(i: Int): Pool? = shape(i).pool

    fun spec(i: Int): PolicySpec? = shape(i).spec

    /** Node [i]'s rank for critical-path order: its map's or include's, or its weight for a live node (its dependents are not known yet). */
    fun rank(i: Int): Long = shape(i).rank

    /** Records [shape], for the nodes [append] adds with it; returns its index. */
    fun addShape(shape: Shape): Int {
        shapes.add(shape)
        for (d in shape.deps) if (decode(d) >= size) backEdge = true
        return shapes.size - 1
    }

    /** Makes room for [n] more added nodes. */
    fun reserve(n: Int) {
        if (count + n <= shapeOf.size) return
        val c = maxOf(count + n, shapeOf.size * 2)
        shapeOf = shapeOf.copyOf(c)
        added = added.copyOf(c)
    }

    /** Records node number [size] with shape [shape]; [node] is its handle, or null for a map's element. */
    fun append(
        node: Node<*>?,
        shape: Int,
    ) {
        reserve(1)
        check(node == null || node.index == size) { "node ${node?.name} added at $size, declared at ${node?.index}" }
        shapeOf[count] = shape
        added[count] = node
        count++
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
        val p = shape(i).parts!!
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
            dataCount[i] = if (i < base) graph.dataCount[i] else dataCount(i)
            depStart[i + 1] = depStart[i] + if (i < base) graph.inDegree(i) else deps(i).size
        }
        val all = IntArray(depStart[n])
        val optional = BooleanArray(all.size)
        for (i in 0 until n) {
            if (i < base) {
                System.arraycopy(graph.deps, graph.depStart[i], all, depStart[i], graph.inDegree(i))
                graph.depOptional?.let { System.arraycopy(it, graph.depStart[i], optional, depStart[i], graph.inDegree(i)) }
            } else {
                val mine = deps(i)
                for (k in mine.indices) {
                    all[depStart[i] + k] = decode(mine[k])
                    optional[depStart[i] + k] = mine[k] < 0
                }
            }
        }
        val anyOptional = optional.any { it }
        val dependents = Dependents(n, depStart, all, optional)
        val outStart = dependents.outStart
        val outList = dependents.outs
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
        val frozen = List(n) { if (it < base) graph.nodes[it] else node(it) }
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
                dependents.outOptional,
                null,
                null,
                null,
                if (anyOptional) optional else null,
                Array(n) { if (it < base) graph.specs?.get(it) else spec(it) },
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
    /** A map's handle, whose elements are named after it; null for an include. */
    private val map: Node<*>? = null,
    /** A map's elements' kind. */
    private val kind: NodeKind = NodeKind.SUSPEND,
) {
    @JvmField var remaining: Int = count

    /** A map's elements' handles, made when first asked for: a run without listeners makes none. */
    @Volatile private var elements: AtomicReferenceArray<Node<*>>? = null

    fun elementName(i: Int): String = map!!.name + "[" + (i - first) + "]"

    /** Element [i]'s handle, the same one whichever thread asks first. */
    fun element(i: Int): Node<*> {
        val made = elements ?: synchronized(this) { elements ?: AtomicReferenceArray<Node<*>>(count).also { elements = it } }
        made.get(i - first)?.let { return it }
        made.compareAndSet(i - first, null, Node<Any?>(map!!.graph, i, elementName(i), kind))
        return made.get(i - first)
    }
}

/** What added nodes share: a live or included node has its own; the elements of one map share one. */
internal class Shape(
    @JvmField val body: Invoker?,
    /** Data inputs first, an optional one encoded as `-(index + 1)`, then order dependencies. */
    @JvmField val deps: IntArray,
    @JvmField val dataCount: Int,
    @JvmField val pool: Pool?,
    @JvmField val spec: PolicySpec?,
    /** The map or include node that added the node, or -1. */
    @JvmField val group: Int,
    @JvmField val offset: Int,
    @JvmField val rank: Long,
    /** For a map's elements: their map's parts, which name and hold them; else null. */
    @JvmField val parts: Parts? = null,
)

/** The body of every node of a graph recorded from a run that grew: such a record is drawn, not run. */
private val recordedRun: Invoker = lambdaInvoker { throw UnsupportedOperationException(Messages.recordedLive(nodeName)) }
