package dev.adagio.internal

import java.util.PriorityQueue

/**
 * The one topology every graph kind uses: a graph of nodes `0 until size` whose edges are given by
 * their successors (`successors(i)` lists the nodes that depend on `i`, one entry per edge). Dags, stream
 * graphs and annotated classes all order and check their graphs here, so a cycle is reported the same
 * way (its path, first node repeated last) whatever kind of graph it is in.
 */
internal class Topology(
    private val size: Int,
    private val successors: (Int) -> IntList,
) {
    /**
     * A topological order by Kahn's algorithm, taking the earliest node first among those ready, so the
     * order stays as close to the nodes' own order as the edges allow; null when the graph has a cycle.
     */
    fun order(): IntArray? {
        val remaining = IntArray(size)
        for (i in 0 until size) forEachSuccessor(i) { remaining[it]++ }
        val ready = PriorityQueue<Int>()
        for (i in 0 until size) if (remaining[i] == 0) ready.add(i)
        val order = IntArray(size)
        var k = 0
        while (ready.isNotEmpty()) {
            val i = ready.poll()
            order[k++] = i
            forEachSuccessor(i) { if (--remaining[it] == 0) ready.add(it) }
        }
        return if (k == size) order else null
    }

    /**
     * A cycle of the graph as a path along the edges whose first and last nodes are the same (the cycle's
     * earliest node), or null when the graph has none.
     */
    fun cycle(): IntArray? {
        // Every node Kahn's algorithm cannot order has a predecessor it cannot order either: walking
        // predecessors among them must come back to a node already seen, which closes a cycle.
        val remaining = IntArray(size)
        for (i in 0 until size) forEachSuccessor(i) { remaining[it]++ }
        val queue = IntQueue()
        for (i in 0 until size) if (remaining[i] == 0) queue.add(i)
        while (!queue.isEmpty()) forEachSuccessor(queue.poll()) { if (--remaining[it] == 0) queue.add(it) }
        var at = (0 until size).firstOrNull { remaining[it] > 0 } ?: return null
        val predecessor = IntArray(size) { -1 }
        for (i in 0 until size) if (remaining[i] > 0) forEachSuccessor(i) { if (remaining[it] > 0) predecessor[it] = i }
        val seen = IntArray(size) { -1 }
        val walk = IntList()
        while (seen[at] < 0) {
            seen[at] = walk.size
            walk.add(at)
            at = predecessor[at]
        }
        // walk[seen[at]] .. walk[last] is the cycle, backwards along the edges; reported forwards, from
        // its earliest node, so the same cycle always reads the same.
        val cycle = IntList()
        for (k in walk.size - 1 downTo seen[at]) cycle.add(walk[k])
        var first = 0
        for (k in 1 until cycle.size) if (cycle[k] < cycle[first]) first = k
        return IntArray(cycle.size + 1) { cycle[(first + it) % cycle.size] }
    }

    /**
     * The path from [from] to [to] along the edges (breadth-first, so a shortest one), both included; null
     * when [to] cannot be reached. An edge `to -> from` would close a cycle exactly when there is one.
     */
    fun path(
        from: Int,
        to: Int,
    ): IntArray? {
        val parent = IntArray(size) { -1 }
        val queue = IntQueue()
        parent[from] = from
        queue.add(from)
        while (!queue.isEmpty() && parent[to] < 0) {
            val i = queue.poll()
            forEachSuccessor(i) {
                if (parent[it] < 0) {
                    parent[it] = i
                    queue.add(it)
                }
            }
        }
        if (parent[to] < 0) return null
        val path = IntList()
        var i = to
        while (i != from) {
            path.add(i)
            i = parent[i]
        }
        path.add(from)
        return IntArray(path.size) { path[path.size - 1 - it] }
    }

    private inline fun forEachSuccessor(
        i: Int,
        action: (Int) -> Unit,
    ) {
        val out = successors(i)
        for (k in 0 until out.size) action(out[k])
    }
}
