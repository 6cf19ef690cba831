package dev.adagio

import dev.adagio.internal.NodeTask
import dev.adagio.internal.runBlockingBody
import kotlinx.coroutines.CoroutineDispatcher

/**
 * Blocking nodes, with the arities of `node`: 0 to 4 inputs and a list, named or not; inherited by
 * [DagBuilder] (the part of declaring that needs nothing but its primitives).
 *
 * A blocking body is a plain function (it cannot suspend, and interruption needs one), run with
 * `runInterruptible` on its dispatcher: [AdagioDispatchers.Blocking] (virtual threads on JDK 21+, `Dispatchers.IO` before) unless given, or the run's [BlockingDispatcher]; cancelling the run interrupts
 * its thread.
 *
 * @param I the type of the graph's input.
 */
@AdagioDsl
public abstract class BlockingDeclarations<I> internal constructor() {
    internal abstract fun own(node: Node<*>): Int

    internal abstract fun ownAll(inputs: List<Node<*>>): IntArray

    internal abstract fun <R> addLambda(
        name: String,
        kind: NodeKind,
        data: IntArray,
        body: suspend NodeTask.() -> Any?,
    ): Node<R>

    /** Declares a node without a name through [declare], which is given the made-up name. */
    internal abstract fun <R> unnamed(
        kind: NodeKind,
        declare: (String) -> Node<R>,
    ): Node<R>

    /** Adds a node whose body blocks a thread (file or socket IO, JDBC, `Thread.sleep`), run on [dispatcher]. */
    @JvmSynthetic
    public fun <R> blockingNode(
        name: String,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.() -> R,
    ): Node<R> =
        addLambda(name, NodeKind.BLOCKING, IntArray(0)) {
            val context = context<I>()
            runBlockingBody(dispatcher, this) { body(context) }
        }

    /** Adds a blocking node that takes [a]'s value; see the first `blockingNode`. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> blockingNode(
        name: String,
        a: Node<A>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.(A) -> R,
    ): Node<R> {
        val ia = own(a)
        return addLambda(name, NodeKind.BLOCKING, intArrayOf(ia)) {
            val context = context<I>()
            val va = input(ia) as A
            runBlockingBody(dispatcher, this) { body(context, va) }
        }
    }

    /** Adds a blocking node that takes the values of [a] and [b]; see the first `blockingNode`. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, R> blockingNode(
        name: String,
        a: Node<A>,
        b: Node<B>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.(A, B) -> R,
    ): Node<R> {
        val ia = own(a)
        val ib = own(b)
        return addLambda(name, NodeKind.BLOCKING, intArrayOf(ia, ib)) {
            val context = context<I>()
            val va = input(ia) as A
            val vb = input(ib) as B
            runBlockingBody(dispatcher, this) { body(context, va, vb) }
        }
    }

    /** Adds a blocking node that takes the values of [a], [b] and [c]; see the first `blockingNode`. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, R> blockingNode(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.(A, B, C) -> R,
    ): Node<R> {
        val ia = own(a)
        val ib = own(b)
        val ic = own(c)
        return addLambda(name, NodeKind.BLOCKING, intArrayOf(ia, ib, ic)) {
            val context = context<I>()
            val va = input(ia) as A
            val vb = input(ib) as B
            val vc = input(ic) as C
            runBlockingBody(dispatcher, this) { body(context, va, vb, vc) }
        }
    }

    /** Adds a blocking node that takes the values of [a], [b], [c] and [d]; see the first `blockingNode`. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, D, R> blockingNode(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        d: Node<D>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.(A, B, C, D) -> R,
    ): Node<R> {
        val ia = own(a)
        val ib = own(b)
        val ic = own(c)
        val id = own(d)
        return addLambda(name, NodeKind.BLOCKING, intArrayOf(ia, ib, ic, id)) {
            val context = context<I>()
            val va = input(ia) as A
            val vb = input(ib) as B
            val vc = input(ic) as C
            val vd = input(id) as D
            runBlockingBody(dispatcher, this) { body(context, va, vb, vc, vd) }
        }
    }

    /** Adds a blocking node that takes the values of all [inputs]; see the first `blockingNode`. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> blockingNode(
        name: String,
        inputs: List<Node<A>>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.(List<A>) -> R,
    ): Node<R> {
        val indices = ownAll(inputs)
        return addLambda(name, NodeKind.BLOCKING, indices) {
            val context = context<I>()
            val values = List(indices.size) { input(indices[it]) as A }
            runBlockingBody(dispatcher, this) { body(context, values) }
        }
    }

    /** Adds a blocking node with no data input, named after its kind and index or its property (`val x by blockingNode { … }`). */
    @JvmSynthetic
    public fun <R> blockingNode(
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.() -> R,
    ): Node<R> = unnamed(NodeKind.BLOCKING) { blockingNode(it, dispatcher, body) }

    /** Adds a blocking node that takes [a]'s value; named as the nameless `blockingNode { }` is. */
    @JvmSynthetic
    public fun <A, R> blockingNode(
        a: Node<A>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.(A) -> R,
    ): Node<R> = unnamed(NodeKind.BLOCKING) { blockingNode(it, a, dispatcher, body) }

    /** Adds a blocking node that takes the values of [a] and [b]; named as the nameless `blockingNode { }` is. */
    @JvmSynthetic
    public fun <A, B, R> blockingNode(
        a: Node<A>,
        b: Node<B>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.(A, B) -> R,
    ): Node<R> = unnamed(NodeKind.BLOCKING) { blockingNode(it, a, b, dispatcher, body) }

    /** Adds a blocking node that takes the values of [a], [b] and [c]; named as the nameless `blockingNode { }` is. */
    @JvmSynthetic
    public fun <A, B, C, R> blockingNode(
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.(A, B, C) -> R,
    ): Node<R> = unnamed(NodeKind.BLOCKING) { blockingNode(it, a, b, c, dispatcher, body) }

    /** Adds a blocking node that takes the values of [a], [b], [c] and [d]; named as the nameless `blockingNode { }` is. */
    @JvmSynthetic
    public fun <A, B, C, D, R> blockingNode(
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        d: Node<D>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.(A, B, C, D) -> R,
    ): Node<R> = unnamed(NodeKind.BLOCKING) { blockingNode(it, a, b, c, d, dispatcher, body) }

    /** Adds a blocking node that takes the values of all [inputs]; named as the nameless `blockingNode { }` is. */
    @JvmSynthetic
    public fun <A, R> blockingNode(
        inputs: List<Node<A>>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.(List<A>) -> R,
    ): Node<R> = unnamed(NodeKind.BLOCKING) { blockingNode(it, inputs, dispatcher, body) }
}
