package dev.adagio.internal

import dev.adagio.DagRun

/**
 * What one recomputation of a reactive graph starts from: the previous recomputation's result, and per
 * source node its current value and whether that value is new.
 *
 * A node whose dependencies all kept their values, and that had a value itself, is reused instead of run.
 * A recomputed node whose graph declares an equality for it counts as unchanged when its new value equals
 * its previous one (the cut-off), so its dependents are reused too.
 */
internal class Reuse(
    private val graph: Graph,
    /** The previous recomputation, or null before the first. */
    private val previous: DagRun<*>?,
    /** Per node index: a source's current value (null for other nodes). */
    private val currentValues: Array<Any?>,
    /** Per node index: whether a source's current value arrived since the previous recomputation. */
    private val fresh: BooleanArray,
) {
    fun hadValue(i: Int): Boolean = previous != null && previous.hasValueAt(i)

    fun isFresh(i: Int): Boolean = fresh[i]

    fun current(i: Int): Any? = currentValues[i]

    fun previousValue(i: Int): Any? = previous!!.valueAt(i)

    /** Whether [value], just computed by node [i], differs from its previous value; may run the user's equality. */
    fun isNew(
        i: Int,
        value: Any?,
    ): Boolean {
        if (i == 0) return previous == null
        if (!hadValue(i)) return true
        val equality = graph.equalities?.get(i) ?: return true
        return !equality(previousValue(i), value)
    }
}
