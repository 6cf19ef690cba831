package dev.adagio

import dev.adagio.internal.Graph
import dev.adagio.internal.Invoker
import dev.adagio.internal.NameIndex
import dev.adagio.internal.lambdaInvoker

/*
 * What a builder does for one kind of graph only, apart from declaring: recording live nodes,
 * reactive sources and equalities, and the pool check at build time.
 */

/**
 * Records a node declared in live mode: validated like any other, with a body that refuses to run
 * (the run has the node's own body; the builder only validates and names).
 */
internal fun <R> GraphBuilder<*>.recordLive(
    name: String,
    kind: NodeKind,
    inputs: List<Node<*>>,
    after: List<Node<*>>,
): Node<R> {
    val data = ownAll(inputs)
    for (dependency in after) ownNode(dependency)
    return addInvoker<R>(name, kind, data, recordedBody).also { if (after.isNotEmpty()) it.after(*after.toTypedArray()) }
}

/** A graph of this builder's input node alone, for a live run to grow; the builder stays open. */
internal fun <I, O> GraphBuilder<I>.inputOnly(): Dag<I, O> {
    val only = listOf<Node<*>>(inputNode)
    val graph =
        Graph(
            id,
            only,
            arrayOfNulls(1),
            IntArray(2),
            IntArray(0),
            IntArray(1),
            IntArray(2),
            IntArray(0),
            null,
            NameIndex(only),
            null,
            null,
            null,
        )
    return Dag(graph, Dag.NO_OUTPUT)
}

/** Accepts no declaration any more (a live graph whose run ended). */
internal fun GraphBuilder<*>.close() {
    closed = true
    id.builder = null
}

/** Adds a reactive source node: its body returns the current value of its source. */
internal fun <R> GraphBuilder<*>.addSource(name: String): Node<R> = addInvoker(name, NodeKind.SOURCE, IntArray(0), sourceBody)

/** Gives [node] an equality that cuts a reactive recomputation off when its value did not change. */
internal fun GraphBuilder<*>.setEquality(
    node: Node<*>,
    equality: (Any?, Any?) -> Boolean,
) {
    val i = ownNode(node)
    if (i == 0) throw DagDefinitionException(Messages.inputHasNoPolicy("equality"))
    checkOpen()
    (equalities ?: HashMap<Int, (Any?, Any?) -> Boolean>().also { equalities = it })[i] = equality
}

/** Two `Pool` objects with one name would not limit each other: a graph that uses both is refused. */
internal fun GraphBuilder<*>.checkOnePoolPerName(pools: Array<Pool?>?) {
    val byPoolName = HashMap<String, Pool>()
    for (pool in pools ?: return) {
        if (pool == null) continue
        val seen = byPoolName.putIfAbsent(pool.name, pool)
        if (seen != null && seen !== pool) throw DagDefinitionException(Messages.twoPoolsOneName(id.name, pool.name))
    }
}

private val recordedBody: Invoker = lambdaInvoker { throw UnsupportedOperationException(Messages.recordedLive(nodeName)) }

private val sourceBody: Invoker = lambdaInvoker { sourceValue() }
