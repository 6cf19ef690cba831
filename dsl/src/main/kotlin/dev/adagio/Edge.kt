package dev.adagio

/**
 * One edge of a graph: [to] does not start before [from] has succeeded.
 *
 * A [EdgeKind.DATA] edge also hands `from`'s value to `to`; when a node takes the same input twice, the
 * graph holds two data edges between them, one per parameter.
 */
public class Edge internal constructor(
    /** The node that must succeed first (the producer). */
    public val from: Node<*>,
    /** The node that waits (the consumer). */
    public val to: Node<*>,
    /** Whether the edge carries a value or only orders the two nodes. */
    public val kind: EdgeKind,
) {
    override fun equals(other: Any?): Boolean = other is Edge && other.from === from && other.to === to && other.kind == kind

    override fun hashCode(): Int = (from.hashCode() * 31 + to.hashCode()) * 31 + kind.hashCode()

    override fun toString(): String = "${from.name} -${if (kind == EdgeKind.DATA) "" else "-"}-> ${to.name}"
}

/** Whether an edge carries a value or only orders two nodes. */
public enum class EdgeKind {
    /** The consumer receives the producer's value. */
    DATA,

    /** The consumer only waits for the producer to succeed (`after`). */
    ORDER,
}
