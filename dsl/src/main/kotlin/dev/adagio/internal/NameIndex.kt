package dev.adagio.internal

import dev.adagio.Node

/**
 * The index of each node of a built graph by name, for `Dag.node(name)` and targets given by name.
 *
 * Open addressing over node indices, in one array at most half full: about 8 bytes per node, where a
 * `HashMap<String, Int>` takes 50 to 60 (an entry, a boxed index and its slot). The names are the
 * handles' own, read back to confirm a match; they do not change once the graph is built.
 */
internal class NameIndex(
    private val nodes: List<Node<*>>,
) {
    /** Node index + 1 per slot; 0 for an empty slot. */
    private val slots = IntArray(Integer.highestOneBit(maxOf(nodes.size, 1) * 2 - 1) shl 1)
    private val mask = slots.size - 1

    init {
        for (i in nodes.indices) {
            var slot = slotOf(nodes[i].name)
            while (slots[slot] != 0) slot = (slot + 1) and mask
            slots[slot] = i + 1
        }
    }

    /** The index of the node named [name], or null. */
    operator fun get(name: String): Int? {
        var slot = slotOf(name)
        while (true) {
            val entry = slots[slot]
            if (entry == 0) return null
            if (nodes[entry - 1].name == name) return entry - 1
            slot = (slot + 1) and mask
        }
    }

    private fun slotOf(name: String): Int {
        val h = name.hashCode() * -0x61c88647
        return (h xor (h ushr 16)) and mask
    }
}
