package dev.adagio.internal

import dev.adagio.Messages
import dev.adagio.Node
import dev.adagio.NodeStatus
import java.util.concurrent.CancellationException
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED

/*
 * The driver's half that grows a run: nodes added while it runs (a live block's declarations, a map's
 * elements, an included graph's nodes), and the maps and includes that end with their parts. Always
 * on the driver, as the rest of `Execution`; see "Graphs that grow" in docs/design-notes.md.
 */

internal fun Execution<*, *>.rankOf(i: Int): Long = if (i < base) graph.ranks[i] else growth!!.rank(i)

/** An added node's data inputs (see [Execution.dataInputs]). */
internal fun Execution<*, *>.addedInputs(i: Int): List<Any?> {
    val deps = growth!!.deps(i)
    val count = growth!!.dataCount(i)
    var anyOptional = false
    for (k in 0 until count) if (deps[k] < 0) anyOptional = true
    if (!anyOptional) return InputView(values, deps, 0, count)
    return InputList(Array(count) { k -> if (deps[k] < 0) resultOf(-deps[k] - 1) else values[deps[k]] })
}

/** The run's [Growth], made when it first grows. */
private fun Execution<*, *>.grown(): Growth = growth ?: Growth(graph).also { growth = it }

/** A live node, declared by the live block or a live node's body. */
internal fun Execution<*, *>.add(added: Added) {
    val growth = grown()
    val spec = added.spec
    addNode(added.node, growth.addShape(Shape(added.body, added.deps, added.dataCount, spec?.pool, spec, -1, 0, spec?.weight ?: 1L)))
}

/**
 * Adds node number `size` with shape [shape] (see [Shape]; [node] is its handle, null for a map's
 * element): it is ready at once when every dependency has ended, and doomed when one it needs has no
 * value; else it waits for the others.
 */
internal fun Execution<*, *>.addNode(
    node: Node<*>?,
    shape: Int,
): Int {
    val growth = growth!!
    val i = size
    ensureCapacity(i + 1)
    growth.append(node, shape)
    size = i + 1
    val deps = growth.deps(i)
    var waitFor = 0
    for (e in deps) {
        val d = if (e >= 0) e else -e - 1
        val code = status[d]
        if (hasValue(code)) continue
        if (d < i && (code == FAILED || code == CANCELLED || code == SKIPPED)) {
            if (e >= 0) (skipCause ?: IntArray(status.size) { -1 }.also { skipCause = it })[i] = d
            continue
        }
        growth.addOut(d, i, e < 0)
        waitFor++
    }
    counters[i] = waitFor
    heap?.ranks?.set(i, growth.rank(i))
    // A node without body (an included graph's input) has its value already.
    if (waitFor == 0 && !stopping && growth.body(i) != null) makeReady(i)
    return i
}

/** Makes room for [n] nodes in every per-node array. */
internal fun Execution<*, *>.ensureCapacity(n: Int) {
    val old = status.size
    if (n <= old) return
    val c = maxOf(n, old * 2, 16)
    values = values.copyOf(c)
    status = status.copyOf(c)
    startNanos = startNanos.copyOf(c)
    endNanos = endNanos.copyOf(c)
    attempts = attempts.copyOf(c)
    counters = counters.copyOf(c)
    errors = errors?.copyOf(c)
    waiters = waiters?.copyOf(c)
    skipCause = skipCause?.let { causes -> IntArray(c) { if (it < old) causes[it] else -1 } }
    needed = needed?.let { marks -> BooleanArray(c) { it >= old || marks[it] } }
    heap?.let { h -> h.ranks = LongArray(c) { if (it < old) h.ranks[it] else 0L } }
}

internal fun Execution<*, *>.growerEnded(ended: Grower.Ended) {
    growing = false
    if (ended.output >= 0) outputIndex = ended.output
    val error = ended.error ?: return
    if (error is CancellationException) return
    growerError = error
    if (!stopping) {
        stopping = true
        runJob.cancel(CancellationException(Messages.liveBlockFailed(dag.name)))
    }
}

/** In a sequential run that grew: the first node, in declaration order, whose dependencies have all ended. */
internal fun Execution<*, *>.nextAdded(): Int {
    while (nextInOrder < size && status[inOrder(nextInOrder)] != PENDING) nextInOrder++
    for (k in nextInOrder until size) {
        val i = inOrder(k)
        if (status[i] == PENDING && counters[i] == 0 && isNeeded(i)) return i
    }
    return -1
}

/**
 * Starts map node [task]'s elements: one node per item of its list, each running the map's body on
 * its item under the map's policies. The map node holds no concurrency slot; it ends when its last
 * element does ([completeParts]). An empty list is the map's value at once.
 */
internal fun Execution<*, *>.expandMap(
    task: NodeTask,
    map: MapInvoker,
): Any? {
    val m = task.index
    val items = values[task.offset + map.list] as List<*>? ?: throw NullPointerException(Messages.mapOfNull(nodeAt(m).name))
    if (items.isEmpty()) return emptyList<Any?>()
    val node = nodeAt(m)
    val spec = map.spec
    // Each element: the map's policies, its own fallback, and a permit of the map's bound if it has one.
    val bound = spec?.bound?.let { dev.adagio.Pool(node.name, it) }
    val elementSpec =
        if (bound == null && map.fallback == null) {
            spec
        } else {
            dev.adagio.PolicySpec(
                spec?.timeoutNanos ?: 0L,
                spec?.retry,
                bound ?: spec?.pool,
                spec?.weight ?: 1L,
                map.fallback,
                spec?.dispatcher,
            )
        }
    val body = elementSpec?.wrap(map.element) ?: map.element
    val first = size
    ensureCapacity(first + items.size)
    val parts = Parts(m, first, items.size, items, -1, map.collect, node, map.kind)
    val growth = grown()
    growth.startParts(parts)
    growth.reserve(items.size)
    val shape =
        growth.addShape(
            Shape(body, intArrayOf(task.offset + map.list), 1, elementSpec?.pool, elementSpec, m, task.offset, rankOf(m), parts),
        )
    for (k in items.indices) addNode(null, shape)
    running--
    return COROUTINE_SUSPENDED
}

/**
 * Starts include node [task]'s graph inside this run: its input node takes the include's input, and
 * each of its nodes is added under the include's name (`checkout/payment`), with its own body and
 * policies. The include node holds no concurrency slot; it ends when the last of them does.
 */
internal fun Execution<*, *>.expandInclude(
    task: NodeTask,
    include: IncludeInvoker,
): Any? {
    val m = task.index
    val inner = include.dag.graph
    val given = if (include.input < 0) Unit else values[task.offset + include.input]
    if (inner.size == 1) return if (include.dag.hasOutput) given else Unit
    val node = nodeAt(m)
    val offset = size
    ensureCapacity(offset + inner.size)
    val output = if (include.dag.hasOutput) offset + include.dag.output.index else -1
    val parts = Parts(m, offset, inner.size, null, output, false)
    parts.remaining = inner.size - 1
    val growth = grown()
    growth.startParts(parts)
    growth.reserve(inner.size)
    val rank = rankOf(m)
    val id = node.graph
    val inputShape = growth.addShape(Shape(null, IntArray(0), 0, null, null, m, offset, rank))
    addNode(Node<Any?>(id, offset, node.name + "/" + inner.nodes[0].name, inner.nodes[0].kind), inputShape)
    status[offset] = SUCCEEDED
    values[offset] = given
    startNanos[offset] = startNanos[m]
    endNanos[offset] = startNanos[m]
    for (k in 1 until inner.size) {
        val from = inner.depStart[k]
        // Its dependencies where the included graph's nodes are in this run, an optional one encoded.
        val deps =
            IntArray(inner.inDegree(k)) { e ->
                val d = offset + inner.deps[from + e]
                if (inner.depOptional?.get(from + e) == true) -d - 1 else d
            }
        val innerNode = inner.nodes[k]
        val spec = inner.specs?.get(k)
        val shape = growth.addShape(Shape(inner.bodies[k], deps, inner.dataCount[k], inner.pools?.get(k), spec, m, offset, rank))
        addNode(Node<Any?>(id, offset + k, node.name + "/" + innerNode.name, innerNode.kind), shape)
    }
    running--
    return COROUTINE_SUSPENDED
}

/** Part [i] of a map or include ended: the last one ends its map or include. */
internal fun Execution<*, *>.partEnded(i: Int) {
    val growth = growth!!
    val group = growth.group(i)
    if (group < 0) return
    val parts = growth.parts(group)!!
    if (--parts.remaining == 0) completeParts(parts)
}

/**
 * Ends a map or include whose parts have all ended: with the elements' values (or, for a collecting
 * map, their outcomes) or the included graph's output; else as its first part without a value did.
 */
internal fun Execution<*, *>.completeParts(parts: Parts) {
    val m = parts.node
    val end = now()
    val items = parts.items
    var missing = -1
    for (k in 0 until parts.count) {
        val p = parts.first + k
        if (hasValue(status[p]) || (parts.collect && status[p] != PENDING)) continue
        if (missing < 0 || (status[p] == FAILED && status[missing] != FAILED)) missing = p
    }
    if (items != null && missing < 0) {
        val value: List<Any?> =
            if (parts.collect) {
                List(parts.count) { k -> resultOf(parts.first + k) }
            } else {
                java.util.Collections.unmodifiableList(values.copyOfRange(parts.first, parts.first + parts.count).asList())
            }
        succeed(m, value, end, null)
        return
    }
    if (items == null && missing < 0 && (parts.output < 0 || hasValue(status[parts.output]))) {
        succeed(m, if (parts.output < 0) Unit else values[parts.output], end, null)
        return
    }
    if (missing < 0) missing = parts.output
    val name = nodeAt(missing).name
    val cause =
        when (status[missing]) {
            FAILED -> dev.adagio.InnerNodeFailedException(name, errors!![missing]!!)
            SKIPPED -> dev.adagio.SkippedException(Messages.skippedAfter(nodeAt(m).name, name, NodeStatus.SKIPPED))
            else -> CancellationException(Messages.partNotDone(nodeAt(m).name, name, statusOf(missing)))
        }
    fail(m, cause)
}

/**
 * At the end of a run that stopped before every part of a map or include ended: it ends as its first
 * part without a value did (failed, or cancelled with the run).
 */
internal fun Execution<*, *>.closeParts() {
    val open = growth?.openParts() ?: return
    for (parts in open.reversed()) {
        if (status[parts.node] != RUNNING) continue
        parts.remaining = 0
        completeParts(parts)
    }
}

/** The [k]-th node in the order a sequential run takes them: the graph's topological order, then the added ones. */
internal fun Execution<*, *>.inOrder(k: Int): Int = if (k < base) graph.topoAt(k) else k
