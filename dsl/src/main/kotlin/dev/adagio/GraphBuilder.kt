package dev.adagio

import dev.adagio.internal.Compatibility
import dev.adagio.internal.Graph
import dev.adagio.internal.IncludeInvoker
import dev.adagio.internal.IntList
import dev.adagio.internal.Invoker
import dev.adagio.internal.MapInvoker
import dev.adagio.internal.NameIndex
import dev.adagio.internal.NodeTask
import dev.adagio.internal.PolicyBody
import dev.adagio.internal.Topology
import dev.adagio.internal.awaitFor
import dev.adagio.internal.blockingElement
import dev.adagio.internal.dispatchedTo
import dev.adagio.internal.elementInvoker
import dev.adagio.internal.invoker1
import dev.adagio.internal.invoker2
import dev.adagio.internal.invoker3
import dev.adagio.internal.invoker4
import dev.adagio.internal.isInvisibleName
import dev.adagio.internal.lambdaInvoker
import dev.adagio.internal.listInvoker
import dev.adagio.internal.runBlockingBody
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import java.util.concurrent.Executor
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * Declares the nodes of one graph: what every builder shares ([DagBuilder], the receiver of [dag]'s
 * block; [DagDefinition]; the reactive builder). Declaring only: compiling the declarations into the
 * engine's arrays is `internal/GraphCompiler.kt`, and the entries for callers outside Kotlin are
 * extensions behind [AdagioInteropApi] (`GraphInterop.kt`).
 *
 * Each `node` call adds a node that depends on the handles it is given and returns the new node's handle.
 * Declaring a node never runs it. A name must be unique within the graph and not blank.
 *
 * @param I the type of the graph's input.
 */
@AdagioDsl
public abstract class GraphBuilder<I> internal constructor(
    name: String,
    /** How this builder's caller declares nodes, for the message when it is used after [build]. */
    private val whereToDeclare: String = Messages.DECLARE_BEFORE_BUILD,
) : BlockingDeclarations<I>() {
    internal val id: GraphId = GraphId(name)
    internal val nodes = ArrayList<Node<*>>()
    internal val bodies = ArrayList<Invoker?>()
    internal val dataDeps = ArrayList<IntArray>()
    internal val orderDeps = ArrayList<IntList?>()
    internal val dependents = ArrayList<IntList?>()
    internal val byName = HashMap<String, Int>()
    internal val policies = ArrayList<PolicySpec?>()
    internal var equalities: HashMap<Int, (Any?, Any?) -> Boolean>? = null
    internal var hasBackEdge = false
    internal var closed = false

    /** Per node: whether its name was made up (kind and index), so a property delegate may rename it. */
    private val autoNamed = java.util.BitSet()

    init {
        Compatibility.ensure()
        if (isInvisibleName(name)) throw DagDefinitionException(Messages.blankGraphName(name))
        id.builder = this
    }

    /** The graph's input node (index 0); [DagBuilder] and [DagDefinition] show it as `input`. */
    internal val inputNode: Node<I> = add("input", NodeKind.INPUT, IntArray(0), null)

    /** Adds a node with no data input. */
    @JvmSynthetic
    public fun <R> node(
        name: String,
        body: suspend NodeScope<I>.() -> R,
    ): Node<R> {
        @Suppress("UNCHECKED_CAST")
        return add(name, NodeKind.SUSPEND, IntArray(0), lambdaInvoker(body as suspend NodeTask.() -> Any?))
    }

    /** Adds a node that takes [a]'s value. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> node(
        name: String,
        a: Node<A>,
        body: suspend NodeScope<I>.(A) -> R,
    ): Node<R> {
        val ia = own(a)
        return add(name, NodeKind.SUSPEND, intArrayOf(ia), invoker1(body as suspend Any?.(Any?) -> Any?, ia))
    }

    /** Adds a node that takes the values of [a] and [b]. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, R> node(
        name: String,
        a: Node<A>,
        b: Node<B>,
        body: suspend NodeScope<I>.(A, B) -> R,
    ): Node<R> {
        val ia = own(a)
        val ib = own(b)
        return add(name, NodeKind.SUSPEND, intArrayOf(ia, ib), invoker2(body as suspend Any?.(Any?, Any?) -> Any?, ia, ib))
    }

    /** Adds a node that takes the values of [a], [b] and [c]. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, R> node(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        body: suspend NodeScope<I>.(A, B, C) -> R,
    ): Node<R> {
        val ia = own(a)
        val ib = own(b)
        val ic = own(c)
        return add(name, NodeKind.SUSPEND, intArrayOf(ia, ib, ic), invoker3(body as suspend Any?.(Any?, Any?, Any?) -> Any?, ia, ib, ic))
    }

    /** Adds a node that takes the values of [a], [b], [c] and [d]. */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, B, C, D, R> node(
        name: String,
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        d: Node<D>,
        body: suspend NodeScope<I>.(A, B, C, D) -> R,
    ): Node<R> {
        val ia = own(a)
        val ib = own(b)
        val ic = own(c)
        val id = own(d)
        return add(
            name,
            NodeKind.SUSPEND,
            intArrayOf(ia, ib, ic, id),
            invoker4(
                body as suspend Any?.(
                    Any?,
                    Any?,
                    Any?,
                    Any?,
                ) -> Any?,
                ia,
                ib,
                ic,
                id,
            ),
        )
    }

    /** Adds a node that takes the values of all [inputs], in the list's order (fan-in of one type). */
    @Suppress("UNCHECKED_CAST")
    @JvmSynthetic
    public fun <A, R> node(
        name: String,
        inputs: List<Node<A>>,
        body: suspend NodeScope<I>.(List<A>) -> R,
    ): Node<R> {
        val indices = ownAll(inputs)
        return add(name, NodeKind.SUSPEND, indices, listInvoker(body as suspend Any?.(List<Any?>) -> Any?))
    }

    /** Adds a node with no data input, named after its kind and index, or its property (`val x by node { … }`). */
    @JvmSynthetic
    public fun <R> node(body: suspend NodeScope<I>.() -> R): Node<R> = unnamed(NodeKind.SUSPEND) { node(it, body) }

    /** Adds a node that takes [a]'s value; named as the nameless `node { }` is. */
    @JvmSynthetic
    public fun <A, R> node(
        a: Node<A>,
        body: suspend NodeScope<I>.(A) -> R,
    ): Node<R> = unnamed(NodeKind.SUSPEND) { node(it, a, body) }

    /** Adds a node that takes the values of [a] and [b]; named as the nameless `node { }` is. */
    @JvmSynthetic
    public fun <A, B, R> node(
        a: Node<A>,
        b: Node<B>,
        body: suspend NodeScope<I>.(A, B) -> R,
    ): Node<R> = unnamed(NodeKind.SUSPEND) { node(it, a, b, body) }

    /** Adds a node that takes the values of [a], [b] and [c]; named as the nameless `node { }` is. */
    @JvmSynthetic
    public fun <A, B, C, R> node(
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        body: suspend NodeScope<I>.(A, B, C) -> R,
    ): Node<R> = unnamed(NodeKind.SUSPEND) { node(it, a, b, c, body) }

    /** Adds a node that takes the values of [a], [b], [c] and [d]; named as the nameless `node { }` is. */
    @JvmSynthetic
    public fun <A, B, C, D, R> node(
        a: Node<A>,
        b: Node<B>,
        c: Node<C>,
        d: Node<D>,
        body: suspend NodeScope<I>.(A, B, C, D) -> R,
    ): Node<R> = unnamed(NodeKind.SUSPEND) { node(it, a, b, c, d, body) }

    /** Adds a node that takes the values of all [inputs] (fan-in of one type); named as the nameless `node { }` is. */
    @JvmSynthetic
    public fun <A, R> node(
        inputs: List<Node<A>>,
        body: suspend NodeScope<I>.(List<A>) -> R,
    ): Node<R> = unnamed(NodeKind.SUSPEND) { node(it, inputs, body) }

    /**
     * Makes this node wait until every one of [dependencies] has succeeded, without taking their values.
     *
     * Throws [DagCycleException] when an edge would close a cycle; then no edge of this call is added.
     */
    public fun <T> Node<T>.after(vararg dependencies: Node<*>): Node<T> {
        checkOpen()
        val to = ownNode(this)
        // Every handle is checked before any edge is added, so a refused call leaves the graph as it was.
        val from = IntArray(dependencies.size) { ownNode(dependencies[it]) }
        val added = IntList()
        try {
            for (f in from) {
                val list = orderDeps[to] ?: IntList().also { orderDeps[to] = it }
                if (list.contains(f)) continue
                checkNoCycle(f, to)
                list.add(f)
                dependents[f]!!.add(to)
                added.add(f)
                if (f >= to) hasBackEdge = true
            }
        } catch (e: DagCycleException) {
            for (k in added.size - 1 downTo 0) {
                orderDeps[to]!!.removeLast()
                dependents[added[k]]!!.removeLast()
            }
            throw e
        }
        return this
    }

    /** Throws when `from` is reachable from `to`, i.e. when an edge from -> to would close a cycle. */
    private fun checkNoCycle(
        from: Int,
        to: Int,
    ) {
        if (from != to && from < to && !hasBackEdge) return
        val path = Topology(nodes.size) { dependents[it]!! }.path(to, from) ?: return
        val names = path.map { nodes[it].name } + nodes[to].name
        throw DagCycleException(Messages.cycle(id.name, names), names)
    }

    /** The index of a data input; an optional input is encoded as `-(index + 1)`. */
    override fun own(node: Node<*>): Int {
        if (node.graph !== id) throw DagDefinitionException(Messages.foreignNode(node, id.name))
        return if (node.optional) -node.index - 1 else node.index
    }

    override fun ownAll(inputs: List<Node<*>>): IntArray = IntArray(inputs.size) { own(inputs[it]) }

    /** The index of a node used as itself (order edges, policies, output), never an optional handle. */
    internal fun checkOpen() {
        if (closed) throw DagDefinitionException(Messages.builderClosed(id.name, whereToDeclare))
    }

    internal fun ownNode(node: Node<*>): Int {
        val i = own(node)
        if (node.optional) throw DagDefinitionException(Messages.optionalHandle(node.name))
        return i
    }

    private fun policyOf(
        node: Node<*>,
        option: String,
    ): PolicySpec {
        val i = ownNode(node)
        if (i == 0) throw DagDefinitionException(Messages.inputHasNoPolicy(option))
        checkOpen()
        return policies[i] ?: PolicySpec().also { policies[i] = it }
    }

    /**
     * [node] as an optional input: the consumer receives a [OptionalInput] (its value, or why it has none)
     * and runs even when [node] failed or was skipped.
     *
     * ```
     * node("price", optional(quote)) { q -> q.getOrNull() ?: listPrice }
     * ```
     */
    public fun <T> optional(node: Node<T>): Node<OptionalInput<T>> {
        checkOpen()
        val i = ownNode(node)
        return Node(id, i, node.name, node.kind, optional = true)
    }

    /**
     * Adds a map: when [list] has its value, one element node per item is added to the run, each running
     * [body] on its item: `fetched[0]`, `fetched[1]`, … each with its own outcome, attempts and timings,
     * shown in listeners, traces and diagrams. The map's policies (timeout, retry, fallback, pool,
     * dispatcher) apply to each element; [maxConcurrency] bounds how many run at once. The map's value is
     * the elements' values in the list's order (an empty list, and no element node, for an empty list);
     * its dependents start when its last element ends. When an element fails (after its retries), its
     * [fallback]'s value is its own, the element recovered, as a node's fallback; without one the map
     * fails with [InnerNodeFailedException] naming it (and fail-fast cancels the other elements);
     * [mapOutcomes] hands its consumer every element's outcome instead.
     *
     * ```
     * val pages = node("list") { site.pageIds() }
     * val fetched = map("fetched", pages) { id -> fetch(id) }.retry(Retry.fixed(3)).maxConcurrency(4)
     * node("index", fetched) { all -> all.sumOf { it.size } }
     * ```
     */
    @JvmSynthetic
    public fun <T, R> map(
        name: String,
        list: Node<List<T>>,
        fallback: ((Throwable) -> R)? = null,
        body: suspend NodeScope<I>.(T) -> R,
    ): Node<List<R>> = addMap(name, list, NodeKind.SUSPEND, false, elementInvoker(body.erased()), fallback)

    /** Adds a map named after its kind and declaration index (or its property, with `by`); see the named `map`. */
    @JvmSynthetic
    public fun <T, R> map(
        list: Node<List<T>>,
        fallback: ((Throwable) -> R)? = null,
        body: suspend NodeScope<I>.(T) -> R,
    ): Node<List<R>> = unnamed(NodeKind.MAP) { map(it, list, fallback, body) }

    /**
     * Adds a map whose value is every element's outcome, in the list's order: its consumer runs when the
     * last element ends, whatever each did (under `CONTINUE`, or to keep what succeeded). See [map].
     */
    @JvmSynthetic
    public fun <T, R> mapOutcomes(
        name: String,
        list: Node<List<T>>,
        body: suspend NodeScope<I>.(T) -> R,
    ): Node<List<OptionalInput<R>>> = addMap(name, list, NodeKind.SUSPEND, true, elementInvoker(body.erased()))

    /** Adds a map whose elements block a thread, each run on [dispatcher] and interrupted when cancelled; see [map]. */
    @JvmSynthetic
    public fun <T, R> blockingMap(
        name: String,
        list: Node<List<T>>,
        dispatcher: CoroutineDispatcher = AdagioDispatchers.Blocking,
        body: NodeContext<I>.(T) -> R,
    ): Node<List<R>> =
        addMap(
            name,
            list,
            NodeKind.BLOCKING,
            false,
            blockingElement<I>(dispatcher) { context, item ->
                @Suppress("UNCHECKED_CAST")
                body(context, item as T)
            },
        )

    internal fun <R> addMap(
        name: String,
        list: Node<*>,
        kind: NodeKind,
        collect: Boolean,
        element: Invoker,
        fallback: ((Throwable) -> Any?)? = null,
    ): Node<R> {
        val il = ownNode(list)
        val recover = fallback?.let { f -> java.util.function.Function<Throwable, Any?> { f(it) } }
        return add(name, NodeKind.MAP, intArrayOf(il), MapInvoker(il, element, kind, collect, recover))
    }

    /**
     * Bounds how many elements of this map run at once to [limit] (its own bound, apart from the run's
     * concurrency limit and any pool).
     *
     * @throws DagDefinitionException when this node is not a map, the map has a pool, or [limit] is below 1.
     */
    public fun <T> Node<T>.maxConcurrency(limit: Int): Node<T> {
        if (kind != NodeKind.MAP) throw DagDefinitionException(Messages.notAMap(name))
        if (limit < 1) throw DagDefinitionException(Messages.badBound(name, limit))
        val spec = policyOf(this, "concurrency bound")
        if (spec.pool != null) throw DagDefinitionException(Messages.mapBoundAndPool(name))
        spec.bound = limit
        return this
    }

    /**
     * Adds [graph] as a node of this one: when [input] has its value, [graph]'s nodes are added to the
     * run, under this node's name (`checkout/payment`), each with its own body, policies and outcome,
     * inside this run's one scope (its listeners, interceptors, timeout and cancellation). The node's value
     * is [graph]'s output (`Unit` when it has none), once every one of its nodes has ended; when one fails,
     * the node fails with [InnerNodeFailedException] naming it. [graph] is built before this graph names
     * it, so no graph can include itself.
     */
    public fun <J, O> include(
        name: String,
        graph: Dag<J, O>,
        input: Node<J>,
    ): Node<O> {
        val ii = ownNode(input)
        return add(name, NodeKind.INCLUDE, intArrayOf(ii), IncludeInvoker(graph, ii))
    }

    /** Adds [graph], named after it, as a node of this one that takes [input]; see the named `include`. */
    public fun <J, O> include(
        graph: Dag<J, O>,
        input: Node<J>,
    ): Node<O> = include(graph.name, graph, input)

    /** Adds [graph], a graph without input, named after it, as a node of this one; see the named `include`. */
    public fun <O> include(graph: Dag<Unit, O>): Node<O> = add(graph.name, NodeKind.INCLUDE, IntArray(0), IncludeInvoker(graph, -1))

    /**
     * Limits each attempt of this node to [limit]: a slower attempt is cancelled (its stage cancelled, its
     * blocking thread interrupted) and fails with [NodeTimeoutException], which a [retry] may retry.
     */
    @JvmSynthetic
    public fun <T> Node<T>.timeout(limit: Duration): Node<T> {
        if (!limit.isPositive()) throw DagDefinitionException(Messages.badTimeout("node '$name'", limit.inWholeNanoseconds))
        policyOf(this, "timeout").timeoutNanos = limit.inWholeNanoseconds
        return this
    }

    /** Limits each attempt of this node to [limit]; for Java callers. See the Kotlin `timeout`. */
    @AdagioInteropApi
    public fun <T> Node<T>.timeout(limit: java.time.Duration): Node<T> = timeout(limit.toKotlinDuration())

    /** Tries this node again as [policy] says when an attempt fails. */
    public fun <T> Node<T>.retry(policy: Retry): Node<T> {
        policyOf(this, "retry policy").retry = policy
        return this
    }

    /** Runs this node only while it holds a permit of [pool], shared with every other user of the pool. */
    public fun <T> Node<T>.pool(pool: Pool): Node<T> {
        if (kind == NodeKind.MAP && policyOf(this, "pool").bound != null) throw DagDefinitionException(Messages.mapBoundAndPool(name))
        policyOf(this, "pool").pool = pool
        return this
    }

    /**
     * This node's estimated cost (default 1), for critical-path priority: when not every ready node may
     * start, the one with the heaviest remaining path to a sink goes first.
     */
    public fun <T> Node<T>.weight(weight: Long): Node<T> {
        if (weight < 1) throw DagDefinitionException(Messages.badWeight(name, weight))
        policyOf(this, "weight").weight = weight
        return this
    }

    /**
     * Runs this node's body on [dispatcher] (`Dispatchers.Default` unless given), dispatched, instead of
     * inline on the run's driver: the switch for CPU-bound nodes.
     *
     * By default the driver starts a node by calling its body in the caller's coroutine, which costs no
     * dispatch, so a body that computes without suspending holds the driver's thread and nodes run one
     * at a time. A dispatched node is handed to [dispatcher] instead, whatever dispatcher the caller runs
     * on (also when it is [dispatcher] itself), and ready dispatched nodes run in parallel on its
     * threads. Its retries, timeout and the coroutines it launches run there too. The hand-off costs a
     * dispatch per node (about a microsecond), so keep it for bodies that compute for longer. The
     * node's recorded start is its hand-off: its duration includes its wait for a thread, during which
     * it holds its concurrency slot and pool permit.
     *
     * @throws DagDefinitionException for a blocking node, which already runs on its own dispatcher.
     */
    @JvmSynthetic
    public fun <T> Node<T>.dispatched(dispatcher: CoroutineDispatcher = Dispatchers.Default): Node<T> {
        if (kind == NodeKind.BLOCKING) throw DagDefinitionException(Messages.dispatchedBlocking(name))
        policyOf(this, "dispatcher").dispatcher = dispatcher
        return this
    }

    /** Sets [node]'s fallback: see [Node.fallback], the entry point (a member, so its type cannot widen). */
    internal fun setFallback(
        node: Node<*>,
        recover: java.util.function.Function<in Throwable, *>,
    ) {
        if (node.kind == NodeKind.MAP) throw DagDefinitionException(Messages.mapFallback(node.name))
        policyOf(node, "fallback").fallback = recover
    }

    override fun <R> addLambda(
        name: String,
        kind: NodeKind,
        data: IntArray,
        body: suspend NodeTask.() -> Any?,
    ): Node<R> = add(name, kind, data, lambdaInvoker(body))

    internal fun <R> addInvoker(
        name: String,
        kind: NodeKind,
        data: IntArray,
        invoker: Invoker,
    ): Node<R> = add(name, kind, data, invoker)

    /** A name for a node declared without one: its kind and declaration index, made unique if taken. */
    internal fun autoName(kind: NodeKind): String {
        val base = kind.name.lowercase().let { if (it == "suspend") "node" else it } + nodes.size
        var candidate = base
        var k = 2
        while (byName.containsKey(candidate)) candidate = base + "_" + k++
        return candidate
    }

    override fun <R> unnamed(
        kind: NodeKind,
        declare: (String) -> Node<R>,
    ): Node<R> = declare(autoName(kind)).also { autoNamed.set(it.index) }

    /** Gives the node at [index] the name of the property it is declared with, if its name was made up. */
    internal fun nameAfterProperty(
        index: Int,
        property: String,
    ) {
        if (closed || !autoNamed[index]) return
        val node = nodes[index]
        if (node.name == property) return
        if (byName.containsKey(property)) throw DagDefinitionException(Messages.duplicateName(id.name, property))
        byName.remove(node.name)
        byName[property] = index
        node.name = property
        autoNamed.clear(index)
    }

    private fun <R> add(
        name: String,
        kind: NodeKind,
        data: IntArray,
        body: Invoker?,
    ): Node<R> {
        checkOpen()
        if (isInvisibleName(name)) throw DagDefinitionException(Messages.emptyName(id.name))
        if (byName.containsKey(name)) throw DagDefinitionException(Messages.duplicateName(id.name, name))
        val node = Node<R>(id, nodes.size, name, kind)
        byName[name] = node.index
        nodes.add(node)
        bodies.add(body)
        dataDeps.add(data)
        orderDeps.add(null)
        policies.add(null)
        dependents.add(IntList(0))
        for (d in data) dependents[decode(d)]!!.add(node.index)
        return node
    }

    /** Builds the graph with [output] as its output node; the builder accepts no node afterwards. */
    internal fun <O> buildOutput(output: Node<O>): Dag<I, O> {
        checkOpen()
        return compile(ownNode(output))
    }

    /**
     * Builds the graph without an output node: every node runs and the run's output is `Unit` (the
     * `dag { }` block that ends with a declaration, and [DagDefinition]).
     */
    internal fun buildWithoutOutput(): Dag<I, Unit> {
        checkOpen()
        return compile(Dag.NO_OUTPUT)
    }
}

@Suppress("UNCHECKED_CAST", "NOTHING_TO_INLINE")
internal inline fun <I> NodeTask.context(): NodeContext<I> = this as NodeContext<I>

@Suppress("UNCHECKED_CAST", "NOTHING_TO_INLINE")
private inline fun <S, T, R> (suspend S.(T) -> R).erased(): suspend Any?.(Any?) -> Any? = this as suspend Any?.(Any?) -> Any?
