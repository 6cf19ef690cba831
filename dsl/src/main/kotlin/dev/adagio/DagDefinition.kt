package dev.adagio

/**
 * A graph declared as an object whose properties are its nodes: the handles outside the block, typed,
 * for a graph with several results (async-dag's three end nodes) or one whose intermediate values a
 * caller reads.
 *
 * ```
 * object Checkout : DagDefinition<OrderId>("checkout") {
 *     val order by node(input) { id -> orders.fetch(id) }        // the node is called "order"
 *     val stock by node(order) { o -> inventory.reserve(o.items) }
 *     val payment by node(order) { o -> payments.charge(o) }
 * }
 *
 * val run = Checkout.dag.run(OrderId(7))
 * val stock: Reservation = run[Checkout.stock]                     // typed, no cast
 * val payment: Payment = run[Checkout.payment]
 * ```
 *
 * The graph has no output node: every node runs (or, with targets, the targets and their ancestors),
 * the run's output is `Unit`, and each value is read with `run[node]`. [dag] is built the first time it
 * is read, from the nodes the body declared; declaring a node afterwards throws [DagDefinitionException].
 * Every rule of `dag { }` applies: names (a property-delegated node takes the property's name), order
 * edges, policies, and the build-time checks, which throw when [dag] is first read.
 *
 * @param I the type of the graph's input ([Unit] for a graph without one).
 */
public abstract class DagDefinition<I>(
    name: String = DagFactory.DEFAULT_NAME,
) : GraphBuilder<I>(name, Messages.DECLARE_IN_DEFINITION) {
    /** The graph's input node; its value is the argument each run is started with. */
    public val input: Node<I> get() = inputNode

    /** The graph the body declared, built on first use; run it as any other graph. */
    public val dag: Dag<I, Unit> by lazy { buildWithoutOutput() }

    override fun toString(): String = "DagDefinition(${id.name})"
}
