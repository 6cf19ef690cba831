package dev.adagio.internal

/** Ready nodes, highest rank first, ties by declaration order: a binary heap of node indices. */
internal class RankHeap(
    /** Per node: its rank; replaced by a longer copy when a run adds nodes. */
    @JvmField var ranks: LongArray,
) {
    private var items = IntArray(16)
    private var size = 0

    fun isEmpty(): Boolean = size == 0

    /** How many nodes the heap holds. */
    fun count(): Int = size

    fun add(node: Int) {
        if (size == items.size) items = items.copyOf(size * 2)
        var k = size++
        while (k > 0) {
            val parent = (k - 1) ushr 1
            if (!before(node, items[parent])) break
            items[k] = items[parent]
            k = parent
        }
        items[k] = node
    }

    fun poll(): Int {
        val top = items[0]
        val last = items[--size]
        var k = 0
        while (true) {
            var child = 2 * k + 1
            if (child >= size) break
            if (child + 1 < size && before(items[child + 1], items[child])) child++
            if (!before(items[child], last)) break
            items[k] = items[child]
            k = child
        }
        items[k] = last
        return top
    }

    private fun before(
        a: Int,
        b: Int,
    ): Boolean = ranks[a] > ranks[b] || (ranks[a] == ranks[b] && a < b)
}
