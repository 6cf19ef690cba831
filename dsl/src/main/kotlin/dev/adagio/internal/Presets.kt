@file:OptIn(dev.adagio.AdagioRemoteApi::class)

package dev.adagio.internal

import dev.adagio.Messages
import dev.adagio.OptionalInput
import dev.adagio.codeFor

/*
 * Outcomes a run did not compute itself: a reactive recomputation's reused values and sources, a
 * resumed run's finished nodes ([dev.adagio.RemoteProgress]), a node computed alone's inputs.
 */

/**
 * Whether node [i] keeps its previous value in this recomputation: it had one, it is not a source with
 * a new value, and none of its dependencies (data or order) changed.
 */
internal fun Execution<*, *>.reusable(i: Int): Boolean {
    val reuse = reuse!!
    if (!reuse.hadValue(i) || reuse.isFresh(i)) return false
    val changed = changed!!
    for (e in graph.depStart[i] until graph.depStart[i + 1]) if (changed[graph.deps[e]]) return false
    return true
}

internal fun Execution<*, *>.reuseValue(i: Int) {
    values[i] = reuse!!.previousValue(i)
    status[i] = REUSED
    startNanos[i] = -1
    endNanos[i] = -1
    listeners?.nodeFinished(outcome(i))
    release(i, ok = true)
}

/** What a source node's body returns: its source's current value. */
internal fun Execution<*, *>.sourceValue(i: Int): Any? {
    val reuse = reuse ?: throw UnsupportedOperationException(Messages.sourceOutsideReactive(nodeAt(i).name))
    return reuse.current(i)
}

/** Sets the outcomes of the nodes a resumed run had finished ([dev.adagio.RemoteProgress]). */
internal fun Execution<*, *>.preset(resume: dev.adagio.RemoteProgress) {
    for (i in 1 until size) {
        val code = codeFor(resume.statuses[i])
        if (code == PENDING) continue
        setOutcome(i, code, resume.values[i], resume.errors[i])
        startNanos[i] = resume.startNanos[i]
        endNanos[i] = resume.endNanos[i]
        attempts[i] = resume.attempts[i]
        if (code == FAILED) failures.add(i)
    }
}

/** Gives node [i] an outcome it did not compute in this run (seeded or resumed). */
internal fun Execution<*, *>.setOutcome(
    i: Int,
    code: Byte,
    value: Any?,
    error: Throwable?,
) {
    status[i] = code
    values[i] = value
    if (error != null) errorsArray()[i] = error
}

/** Releases the dependents of the preset nodes, in topological order, as if each had just finished. */
internal fun Execution<*, *>.releasePreset(resume: dev.adagio.RemoteProgress) {
    for (k in 0 until size) {
        val i = graph.topoAt(k)
        if (i == 0 || codeFor(resume.statuses[i]) == PENDING) continue
        release(i, ok = status[i] == SUCCEEDED)
    }
}

/** Gives node [alone]'s dependencies their values (and outcomes, for optional ones), and readies it. */
internal fun Execution<*, *>.seed(alone: Alone) {
    val i = alone.node
    val from = graph.depStart[i]
    for (e in from until graph.depStart[i + 1]) {
        val d = graph.deps[e]
        if (d == 0) continue
        val k = e - from
        val given = if (k < graph.dataCount[i]) alone.inputs[k] else Unit
        if (graph.depOptional?.get(e) == true) {
            val outcome = given as OptionalInput<*>
            setOutcome(d, codeFor(outcome.status), outcome.getOrNull(), outcome.error)
        } else {
            setOutcome(d, SUCCEEDED, given, null)
        }
    }
    makeReady(i)
}
