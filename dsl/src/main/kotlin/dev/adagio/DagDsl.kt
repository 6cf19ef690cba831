@file:OptIn(ExperimentalContracts::class)

package dev.adagio

import kotlin.contracts.ExperimentalContracts
import kotlin.contracts.InvocationKind
import kotlin.contracts.contract
import kotlin.experimental.ExperimentalTypeInference

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
 * The card's shape, a block that ends with a declaration, builds a graph without an output node
 * (`Dag<Unit, Unit>`): `dag { val a = node { 1 }; val b = node(a) { x -> x + 1 } }`. To read several typed
 * results after a run, declare the graph as a [DagDefinition] object whose properties are its nodes.
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
    @OptIn(ExperimentalTypeInference::class)
    @OverloadResolutionByLambdaReturnType
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
    @OptIn(ExperimentalTypeInference::class)
    @OverloadResolutionByLambdaReturnType
    public operator fun <O> invoke(block: DagBuilder<Unit>.() -> Node<O>): Dag<Unit, O> {
        contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
        return invoke(DEFAULT_NAME, block)
    }

    /**
     * Builds a graph whose [block] ends with a declaration (`val b = node(a) { … }`) or any other
     * statement, not with a node: the graph has no output node. Every node runs; the run's output is
     * `Unit`; read the nodes' values with `run[node]`, from handles a [DagDefinition] keeps.
     *
     * ```
     * val card = dag { val a = node { 1 }; val b = node(a) { x -> x + 1 } }   // Dag<Unit, Unit>
     * ```
     */
    @JvmSynthetic
    @JvmName("invokeWithoutOutput")
    @OptIn(ExperimentalTypeInference::class)
    @OverloadResolutionByLambdaReturnType
    public operator fun <U : Unit?> invoke(
        name: String,
        block: DagBuilder<Unit>.() -> U,
    ): Dag<Unit, Unit> {
        contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
        val builder = DagBuilder<Unit>(name, Messages.DECLARE_IN_BLOCK)
        builder.block()
        return builder.buildWithoutOutput()
    }

    /** Builds a graph called [DEFAULT_NAME] without an output node; see the other `invoke` without output. */
    @JvmSynthetic
    @JvmName("invokeWithoutOutput")
    @OptIn(ExperimentalTypeInference::class)
    @OverloadResolutionByLambdaReturnType
    public operator fun <U : Unit?> invoke(block: DagBuilder<Unit>.() -> U): Dag<Unit, Unit> {
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
