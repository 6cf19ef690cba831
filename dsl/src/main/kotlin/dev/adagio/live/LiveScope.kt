package dev.adagio.live

import dev.adagio.AdagioDispatchers
import dev.adagio.AdagioDsl
import dev.adagio.AdagioInteropApi
import dev.adagio.BlockingBody
import dev.adagio.DagDefinitionException
import dev.adagio.Messages
import dev.adagio.Node
import dev.adagio.NodeContext
import dev.adagio.NodeKind
import dev.adagio.Pool
import dev.adagio.Retry
import dev.adagio.StageBody
import dev.adagio.internal.awaitFor
import dev.adagio.internal.blockingDispatcherFor
import dev.adagio.internal.dispatcherFor
import dev.adagio.internal.runBlockingBody
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.launch
import java.util.concurrent.Executor
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * Declares the nodes of a live graph; each starts as soon as it is declared. Thread-safe.
 *
 * A live node starts at once, so what a dag node gets from modifiers after its declaration (order
 * edges, timeout, retries, pool, dispatcher) a live node gets before it: [options] returns a view of
 * this scope whose nodes are declared with them, `options(timeout = 2.seconds, after = listOf(log)).node(a) { … }`.
 * Nodes take 0 to 4 inputs or a list, named or not (`val x by node { … }` names it after its property),
 * suspending (`node`) or blocking (`blockingNode`, interrupted when cancelled).
 */
@AdagioDsl
public class LiveScope internal constructor(
    internal val state: LiveState<*>,
    private val options: LiveOptions,
) {
    /**
     * A view of this scope whose every node is declared with these options: each attempt under [timeout],
     * [retry] on failure, [fallback]'s value after its last failure (the value must be of the node's type:
     * a live node's type is not known here), [weight] for critical-path order (its dependents are not
     * known when it starts, so its rank is its weight), a permit of [pool] held while it runs, only after every one of [after] has
     * succeeded (order edges, recorded in the graph), and with a [dispatcher] its body handed to that
     * dispatcher, even from a caller on it, as a dag's `dispatched` node is (for CPU-bound bodies). The view declares into the same live graph; on a
     * view, what is not given stays as the view has it, and [after] adds to its order edges.
     *
     * @throws DagDefinitionException when a handle in [after] belongs to another graph, or a timeout is not positive.
     */
    @JvmSynthetic
    public fun options(
        timeout: Duration? = null,
        retry: Retry? = null,
        pool: Pool? = null,
        after: List<Node<*>> = emptyList(),
        dispatcher: CoroutineDispatcher? = null,
        weight: Long? = null,
        fallback: ((Throwable) -> Any?)? = null,
    ): LiveScope {
        if (timeout != null &&
            !timeout.isPositive()
        ) {
            throw DagDefinitionException(Messages.badTimeout("a live node", timeout.inWholeNanoseconds))
        }
        if (weight != null && weight < 1) throw DagDefinitionException(Messages.badWeight("a live node", weight))
        val recover: java.util.function.Function<in Throwable, *>? =
            if (fallback == null) options.fallback else java.util.function.Function<Throwable, Any?> { fallback(it) }
        return LiveScope(
            state,
            LiveOptions(
                timeout?.inWholeNanoseconds ?: options.timeoutNanos,
                retry ?: options.retry,
                pool ?: options.pool,
                options.after + after,
                dispatcher ?: options.dispatcher,
                weight ?: options.weight,
                recover,
            ),
        )
    }

    /**
     * The same [options] from Java: a timeout, retries, a pool, order edges, and when [dispatched] the
     * body handed to [dispatchExecutor] (to `Dispatchers.Default` when null).
     */
    @AdagioInteropApi
    public fun options(
        timeout: java.time.Duration?,
        retry: Retry?,
        pool: Pool?,
        after: List<Node<*>>,
        dispatched: Boolean,
        dispatchExecutor: Executor?,
    ): LiveScope =
        options(
            timeout?.toKotlinDuration(),
            retry,
            pool,
            after,
            if (!dispatched) null else dispatcherFor(dispatchExecutor),
        )

    /** Starts a node with no input. */
    @JvmSynthetic
    public fun <R> node(
        name: String,
        body: suspend LiveNodeScope.() -> R,
    ): Node<R> = launch(name, NodeKind.SUSPEND, emptyList()) { v -> body() }

    /** Starts a node with no input, named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <R> node(body: suspend LiveNodeScope.() -> R): Node<R> = state.unnamed(NodeKind.SUSPEND) { node(it, body) }

    /** Starts a node that runs when [a] has a value. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> node(
        name: String,
        a: Node<A>,
        body: suspend LiveNodeScope.(A) -> R,
    ): Node<R> = launch(name, NodeKind.SUSPEND, listOf(a)) { v -> body(v[0] as A) }

    /** Starts a node that runs when [a] has a value, named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, R> node(
        a: Node<A>,
        body: suspend LiveNodeScope.(A) -> R,
    ): Node<R> = state.unnamed(NodeKind.SUSPEND) { node(it, a, body) }

    /** Starts a node that runs when [a], [b] have values. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, R> node(
        name: String,
        a: Node<A>,
        b: Node<B>,
        body: suspend LiveNodeScope.(A, B) -> R,
    ): Node<R> = launch(name, NodeKind.SUSPEND, listOf(a, b)) { v -> body(v[0] as A, v[1] as B) }

    /** Starts a node that runs when [a], [b] have values, named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, B, R> node(
        a: Node<A>,
        b: Node<B>,
        body: suspend LiveNodeScope.(A, B) -> R,
    ): Node<R> = state.unnamed(NodeKind.SUSPEND) { node(it, a, b, body) }

    /** Starts a node that runs when [a], [b], [c] have values. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, R> node(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        body: suspend LiveNodeScope.(A, B, C) -> R,
    ): Node<R> = launch(name, NodeKind.SUSPEND, listOf(a, b, c)) { v -> body(v[0] as A, v[1] as B, v[2] as C) }

    /** Starts a node that runs when [a], [b], [c] have values, named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, B, C, R> node(
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        body: suspend LiveNodeScope.(A, B, C) -> R,
    ): Node<R> = state.unnamed(NodeKind.SUSPEND) { node(it, a, b, c, body) }

    /** Starts a node that runs when [a], [b], [c], [d] have values. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, D, R> node(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        d: Node<D>,
        body: suspend LiveNodeScope.(A, B, C, D) -> R,
    ): Node<R> = launch(name, NodeKind.SUSPEND, listOf(a, b, c, d)) { v -> body(v[0] as A, v[1] as B, v[2] as C, v[3] as D) }

    /** Starts a node that runs when [a], [b], [c], [d] have values, named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, B, C, D, R> node(
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        d: Node<D>,
        body: suspend LiveNodeScope.(A, B, C, D) -> R,
    ): Node<R> = state.unnamed(NodeKind.SUSPEND) { node(it, a, b, c, d, body) }

    /** Starts a node that runs when every one of [inputs] has a value. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> node(
        name: String,
        inputs: List<Node<A>>,
        body: suspend LiveNodeScope.(List<A>) -> R,
    ): Node<R> = launch(name, NodeKind.SUSPEND, inputs) { v -> body(v as List<A>) }

    /** Starts a node that runs when every one of [inputs] has a value, named after its kind and index. */
    @JvmSynthetic
    public fun <A, R> node(
        inputs: List<Node<A>>,
        body: suspend LiveNodeScope.(List<A>) -> R,
    ): Node<R> = state.unnamed(NodeKind.SUSPEND) { node(it, inputs, body) }

    /** Starts a blocking node with no input, on [dispatcher]. */
    @JvmSynthetic
    public fun <R> blockingNode(
        name: String,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<Unit>.() -> R,
    ): Node<R> = launch(name, NodeKind.BLOCKING, emptyList()) { v -> runBlockingBody(dispatcher, task) { body(this) } }

    /** Starts a blocking node with no input, on [dispatcher], named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <R> blockingNode(
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<Unit>.() -> R,
    ): Node<R> = state.unnamed(NodeKind.BLOCKING) { blockingNode(it, dispatcher, body) }

    /** Starts a blocking node that runs when [a] has a value, on [dispatcher]. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> blockingNode(
        name: String,
        a: Node<A>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<Unit>.(A) -> R,
    ): Node<R> = launch(name, NodeKind.BLOCKING, listOf(a)) { v -> runBlockingBody(dispatcher, task) { body(this, v[0] as A) } }

    /** Starts a blocking node that runs when [a] has a value, on [dispatcher], named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, R> blockingNode(
        a: Node<A>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<Unit>.(A) -> R,
    ): Node<R> = state.unnamed(NodeKind.BLOCKING) { blockingNode(it, a, dispatcher, body) }

    /** Starts a blocking node that runs when [a], [b] have values, on [dispatcher]. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, R> blockingNode(
        name: String,
        a: Node<A>,
        b: Node<B>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<Unit>.(A, B) -> R,
    ): Node<R> =
        launch(name, NodeKind.BLOCKING, listOf(a, b)) { v -> runBlockingBody(dispatcher, task) { body(this, v[0] as A, v[1] as B) } }

    /** Starts a blocking node that runs when [a], [b] have values, on [dispatcher], named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, B, R> blockingNode(
        a: Node<A>,
        b: Node<B>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<Unit>.(A, B) -> R,
    ): Node<R> = state.unnamed(NodeKind.BLOCKING) { blockingNode(it, a, b, dispatcher, body) }

    /** Starts a blocking node that runs when [a], [b], [c] have values, on [dispatcher]. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, R> blockingNode(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<Unit>.(A, B, C) -> R,
    ): Node<R> =
        launch(name, NodeKind.BLOCKING, listOf(a, b, c)) { v ->
            runBlockingBody(dispatcher, task) {
                body(this, v[0] as A, v[1] as B, v[2] as C)
            }
        }

    /** Starts a blocking node that runs when [a], [b], [c] have values, on [dispatcher], named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, B, C, R> blockingNode(
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<Unit>.(A, B, C) -> R,
    ): Node<R> = state.unnamed(NodeKind.BLOCKING) { blockingNode(it, a, b, c, dispatcher, body) }

    /** Starts a blocking node that runs when [a], [b], [c], [d] have values, on [dispatcher]. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, D, R> blockingNode(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        d: Node<D>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<Unit>.(A, B, C, D) -> R,
    ): Node<R> =
        launch(name, NodeKind.BLOCKING, listOf(a, b, c, d)) { v ->
            runBlockingBody(dispatcher, task) {
                body(this, v[0] as A, v[1] as B, v[2] as C, v[3] as D)
            }
        }

    /** Starts a blocking node that runs when [a], [b], [c], [d] have values, on [dispatcher], named after its kind and declaration index (or its property, with `by`). */
    @JvmSynthetic
    public fun <A, B, C, D, R> blockingNode(
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        d: Node<D>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<Unit>.(A, B, C, D) -> R,
    ): Node<R> = state.unnamed(NodeKind.BLOCKING) { blockingNode(it, a, b, c, d, dispatcher, body) }

    /** Starts a blocking node that runs when every one of [inputs] has a value. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> blockingNode(
        name: String,
        inputs: List<Node<A>>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<Unit>.(List<A>) -> R,
    ): Node<R> = launch(name, NodeKind.BLOCKING, inputs) { v -> runBlockingBody(dispatcher, task) { body(this, v as List<A>) } }

    /** Starts a blocking node that runs when every one of [inputs] has a value, named after its kind and index. */
    @JvmSynthetic
    public fun <A, R> blockingNode(
        inputs: List<Node<A>>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<Unit>.(List<A>) -> R,
    ): Node<R> = state.unnamed(NodeKind.BLOCKING) { blockingNode(it, inputs, dispatcher, body) }

    /** Starts a node whose body returns a `CompletionStage` (for Java); see [dev.adagio.stageNode]. */
    @AdagioInteropApi
    public fun <R> stageNode(
        name: String,
        inputs: List<Node<*>>,
        body: StageBody<Unit, R>,
    ): Node<R> =
        launch(name, NodeKind.SUSPEND, inputs) { v ->
            @Suppress("UNCHECKED_CAST")
            body.start(this, v).awaitFor(name) as R
        }

    /** Starts a blocking node on [executor] ([AdagioDispatchers.Blocking] when null), for Java; see [dev.adagio.executorNode]. */
    @AdagioInteropApi
    public fun <R> executorNode(
        name: String,
        inputs: List<Node<*>>,
        executor: Executor?,
        body: BlockingBody<Unit, R>,
    ): Node<R> {
        val dispatcher = blockingDispatcherFor(executor)
        return launch(name, NodeKind.BLOCKING, inputs) { v -> runBlockingBody(dispatcher, task) { body.call(this, v) } }
    }

    private fun <R> launch(
        name: String,
        kind: NodeKind,
        inputs: List<Node<*>>,
        body: suspend LiveNodeScope.(List<Any?>) -> R,
    ): Node<R> = state.declare(name, kind, inputs, options) { values -> body(values) }
}
