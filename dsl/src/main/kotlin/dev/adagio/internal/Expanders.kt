package dev.adagio.internal

import dev.adagio.Dag
import dev.adagio.Node
import dev.adagio.NodeKind
import dev.adagio.PolicySpec
import kotlinx.coroutines.CoroutineScope
import kotlin.coroutines.Continuation

/**
 * The body of a node that adds nodes to its run when it starts (a map, an include): the driver calls it
 * as any body, on its own thread, and it grows the run there. Its policies are its parts', so it is
 * never wrapped in them, nor framed for interceptors.
 */
internal abstract class Expander : Invoker() {
    override val framesAttempts: Boolean get() = true

    /** The node's declared policies, which its parts take; set when the graph is compiled. */
    @JvmField var spec: PolicySpec? = null
}

/** A map node's body: its list input's compiled index, and the body each element runs. */
internal class MapInvoker(
    @JvmField val list: Int,
    @JvmField val element: Invoker,
    /** The kind of its elements: `SUSPEND`, or `BLOCKING` for a blocking map. */
    @JvmField val kind: NodeKind,
    /** Whether the map's value is every element's outcome rather than their values. */
    @JvmField val collect: Boolean,
    /** Each element's fallback, of the element's type, or null. */
    @JvmField val fallback: java.util.function.Function<in Throwable, *>? = null,
) : Expander() {
    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? = task.run.expandMap(task, this)
}

/** An include node's body: the graph it includes and its input's compiled index. */
internal class IncludeInvoker(
    @JvmField val dag: Dag<*, *>,
    @JvmField val input: Int,
) : Expander() {
    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? = task.run.expandInclude(task, this)
}

private typealias StartItem = Function3<Any?, Any?, Continuation<Any?>, Any?>

/** A map element's body: the map's body applied to the element's item. */
@Suppress("UNCHECKED_CAST")
internal fun elementInvoker(body: suspend Any?.(Any?) -> Any?): Invoker =
    if (body is Continuation<*>) ElementInvoker(body as StartItem) else lambdaInvoker { body(this, item()) }

private class ElementInvoker(
    private val body: StartItem,
) : Invoker() {
    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? = body.invoke(task, task.item(), completion)
}

/** A blocking map element's body: [call] with the element's item, on [dispatcher], interrupted when cancelled. */
internal fun <I> blockingElement(
    dispatcher: kotlinx.coroutines.CoroutineDispatcher,
    call: (dev.adagio.NodeContext<I>, Any?) -> Any?,
): Invoker =
    lambdaInvoker {
        @Suppress("UNCHECKED_CAST")
        val context = this as dev.adagio.NodeContext<I>
        val item = item()
        runBlockingBody(dispatcher, this) { call(context, item) }
    }

/** A live node, declared while its run runs, for the driver to add: see [Growth] for [deps]. */
internal class Added(
    val node: Node<*>,
    val body: Invoker,
    val deps: IntArray,
    val dataCount: Int,
    val spec: PolicySpec?,
)

/** What adds a live run's nodes while it runs: the live block. */
internal interface Grower {
    /** Starts the block in [scope], a child of the run's; it posts [Ended] to [run] when it ends. */
    fun start(
        run: Execution<*, *>,
        scope: CoroutineScope,
    )

    /**
     * The driver found nothing left to do: true, and no node is accepted any more, unless a message
     * waits in [inbox] (a node declared a moment ago), in which case the driver reads it first.
     */
    fun close(inbox: Inbox): Boolean

    /** The run ended, whichever way: no node is accepted any more. */
    fun ended()

    /** The block ended: with the index of the node it returned (or -1), or with [error]. */
    class Ended(
        val output: Int,
        val error: Throwable?,
    )
}
