package dev.adagio

/**
 * Declares the nodes of one graph with an input and builds it: the receiver of [dag]'s block, and the
 * builder for callers without the block ([create], then [build]).
 *
 * Each `node` call adds a node that depends on the handles it is given and returns the new node's handle.
 * Declaring a node never runs it. A name must be unique within the graph and not blank.
 *
 * @param I the type of the graph's input.
 */
@AdagioDsl
public class DagBuilder<I> internal constructor(
    name: String,
    whereToDeclare: String = Messages.DECLARE_BEFORE_BUILD,
) : GraphBuilder<I>(name, whereToDeclare) {
    /** The graph's input node; its value is the argument each run is started with. */
    public val input: Node<I> get() = inputNode

    /**
     * Builds the graph, with [output] as its output node: the entry for callers that declare nodes
     * without the `dag { }` block (the `dag { }` block calls it for you). The builder accepts no node
     * afterwards.
     */
    public fun <O> build(output: Node<O>): Dag<I, O> = buildOutput(output)

    /** Creates builders for callers that cannot use the `dag { }` block, such as the Java facade. */
    public companion object {
        /** A builder for a graph called [name] whose runs take an input of type [I]; finish with [build]. */
        @JvmStatic
        public fun <I> create(name: String): DagBuilder<I> = DagBuilder(name)
    }
}
