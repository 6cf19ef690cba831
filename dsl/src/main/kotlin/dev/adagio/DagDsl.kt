@file:OptIn(ExperimentalContracts::class)

package dev.adagio

import kotlin.contracts.ExperimentalContracts
import kotlin.contracts.InvocationKind
import kotlin.contracts.contract

/**
 * The front door of the Kotlin DSL: `dag(name) { … }` builds a [Dag].
 *
 * A graph without input declares no lambda parameter; a graph with an input names it, with its type:
 *
 * ```
 * val diamond = dag("diamond") {                       // Dag<Unit, Int>
 *     val a = node("a") { 1 }
 *     node("b", a) { x -> x + 1 }
 * }
 * val checkout = dag("checkout") { orderId: Node<OrderId> ->     // Dag<OrderId, Receipt>
 *     val order = node("order", orderId) { id -> orders.fetch(id) }
 *     val stock = node("stock", order) { o -> inventory.reserve(o.items) }
 *     val payment = node("payment", order) { o -> payments.charge(o) }
 *     node("receipt", stock, payment) { s, p -> Receipt(s, p) }      // the last node is the output
 * }
 * val receipt = checkout(OrderId(7))
 * ```
 *
 * The form with an input is an extension: import it with `import dev.adagio.invoke` (or `dev.adagio.*`).
 *
 * Building validates the graph: a blank or repeated name, a handle of another graph, or order edges
 * that close a cycle throw [DagDefinitionException] before anything can run.
 */
public val dag: DagFactory = DagFactory

/** Builds graphs; reached through [dag]. */
public object DagFactory {
    /** The name of a graph declared without one. */
    public const val DEFAULT_NAME: String = "dag"

    /** Builds a graph whose runs take no input; the node [block] returns is the output. */
    @JvmSynthetic
    public operator fun <O> invoke(
        name: String,
        block: DagBuilder<Unit>.() -> Node<O>,
    ): Dag<Unit, O> {
        contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
        val builder = DagBuilder<Unit>(name, Messages.DECLARE_IN_BLOCK)
        return builder.build(builder.block())
    }

    /** Builds a graph called [DEFAULT_NAME] whose runs take no input; the node [block] returns is the output. */
    @JvmSynthetic
    public operator fun <O> invoke(block: DagBuilder<Unit>.() -> Node<O>): Dag<Unit, O> {
        contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
        return invoke(DEFAULT_NAME, block)
    }
}

/** Builds a graph whose runs take an input of type [I], handed to [block] as the input node. */
@JvmSynthetic
public operator fun <I, O> DagFactory.invoke(
    name: String,
    block: DagBuilder<I>.(input: Node<I>) -> Node<O>,
): Dag<I, O> {
    contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
    val builder = DagBuilder<I>(name, Messages.DECLARE_IN_BLOCK)
    return builder.build(builder.block(builder.input))
}

/** Builds a graph called [DagFactory.DEFAULT_NAME] whose runs take an input of type [I]. */
@JvmSynthetic
public operator fun <I, O> DagFactory.invoke(block: DagBuilder<I>.(input: Node<I>) -> Node<O>): Dag<I, O> {
    contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
    return invoke(DagFactory.DEFAULT_NAME, block)
}
