@file:OptIn(ExperimentalContracts::class)

package dev.adagio.reactive

import dev.adagio.AdagioDsl
import dev.adagio.AdagioInteropApi
import dev.adagio.DagDefinitionException
import dev.adagio.GraphBuilder
import dev.adagio.Messages
import dev.adagio.Node
import dev.adagio.addSource
import dev.adagio.setEquality
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.jdk9.asFlow
import kotlin.contracts.ExperimentalContracts
import kotlin.contracts.InvocationKind
import kotlin.contracts.contract
import java.util.concurrent.Flow as JdkFlow

/**
 * Builds a reactive graph (aiocells' flow model): [block] declares sources, each fed by a [Flow], and
 * nodes that compute from them; the node it returns is the output.
 *
 * ```
 * val sheet = reactive("sheet") {
 *     val a = source("a", ticksA)                                   // Flow<Int>, latest value only
 *     val b = source("b", ticksB, SourceMode.QUEUE)                 // every value, in order
 *     val sum = node("sum", a, b) { x, y -> x + y }.distinctUntilChanged()
 *     node("print", sum) { s -> println("sum = $s") }
 * }
 * sheet.results().collect { r -> println("${r.recomputed} ran, ${r.reused} reused") }
 * ```
 *
 * Nothing runs until [ReactiveDag.results] is collected. Building validates the graph like `dag { }`.
 */
@JvmSynthetic
public fun <O> reactive(
    name: String,
    block: ReactiveBuilder.() -> Node<O>,
): ReactiveDag<O> {
    contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
    val builder = ReactiveBuilder(name, Messages.DECLARE_IN_REACTIVE_BLOCK)
    return builder.buildReactive(builder.block())
}

/** How a source hands its flow's values to the graph while a recomputation is running. */
public enum class SourceMode {
    /** Only the latest value matters: values that arrive during a recomputation replace each other. */
    CONFLATE,

    /**
     * Every value is computed, in order, one per recomputation; up to 64 wait, after which the source's
     * flow is suspended (back-pressure).
     */
    QUEUE,
}

/**
 * Declares a reactive graph: sources fed by flows, and nodes declared as in `dag { }`. The receiver of
 * [reactive]'s block; Java callers use it through `Dags.reactive`.
 *
 * Nodes take values from sources and from each other exactly as in a [dev.adagio.DagBuilder]; every node policy
 * (timeout, retry, pool, fallback) applies to each recomputation. A reactive graph has no run input:
 * its sources are its inputs.
 */
@AdagioDsl
public class ReactiveBuilder internal constructor(
    name: String,
    whereToDeclare: String = Messages.DECLARE_BEFORE_BUILD,
) : GraphBuilder<Unit>(name, whereToDeclare) {
    private val sources = ArrayList<Source>()

    /**
     * Adds a source node whose value is the latest item of [values]. The graph first computes when every
     * source has a value, then again each time a source has a new one.
     */
    @JvmSynthetic
    public fun <T> source(
        name: String,
        values: Flow<T>,
        mode: SourceMode = SourceMode.CONFLATE,
    ): Node<T> {
        val node = addSource<T>(name)
        sources.add(Source(node, values, mode))
        return node
    }

    /** Adds a source node fed by a `java.util.concurrent.Flow.Publisher`; see the [Flow] overload. */
    @JvmOverloads
    @AdagioInteropApi
    public fun <T : Any> source(
        name: String,
        values: JdkFlow.Publisher<T>,
        mode: SourceMode = SourceMode.CONFLATE,
    ): Node<T> = source(name, values.asFlow(), mode)

    /**
     * Cuts recomputation off at this node: when a recomputation gives it a value equal (`==`) to its
     * previous one, its dependents keep their values instead of recomputing.
     */
    public fun <T> Node<T>.distinctUntilChanged(): Node<T> = distinctUntilChanged { old, new -> old == new }

    /**
     * Cuts recomputation off at this node when [areEquivalent] says its new value is equivalent to its
     * previous one. An equivalence that throws fails the node in that recomputation.
     */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <T> Node<T>.distinctUntilChanged(areEquivalent: (old: T, new: T) -> Boolean): Node<T> {
        setEquality(this, areEquivalent as (Any?, Any?) -> Boolean)
        return this
    }

    /** Cuts recomputation off at this node when [areEquivalent] says so, for Java callers; see the Kotlin form. */
    @AdagioInteropApi
    public fun <T> Node<T>.distinctUntilChanged(areEquivalent: java.util.function.BiPredicate<in T, in T>): Node<T> =
        distinctUntilChanged { old: T, new: T -> areEquivalent.test(old, new) }

    /** Validates and freezes the graph, with [output] as its output node, ready to be run reactively. */
    public fun <O> buildReactive(output: Node<O>): ReactiveDag<O> {
        if (sources.isEmpty()) throw DagDefinitionException(Messages.noSource(id.name))
        return ReactiveDag(buildOutput(output), sources.toList())
    }

    /** Creates builders for callers that cannot use the `reactive { }` block, such as the Java facade. */
    public companion object {
        /** A builder for a reactive graph called [name]; finish with [buildReactive]. */
        @JvmStatic
        public fun create(name: String): ReactiveBuilder = ReactiveBuilder(name)
    }
}

/** One source of a reactive graph: its node, its flow and how its values wait. */
internal class Source(
    val node: Node<*>,
    val values: Flow<*>,
    val mode: SourceMode,
)

/** A source's flow failed: the reactive graph stopped, with every running node cancelled. */
public class SourceFailedException internal constructor(
    /** The name of the source node whose flow failed. */
    public val sourceName: String,
    cause: Throwable,
) : RuntimeException(Messages.sourceFailed(sourceName), cause)
