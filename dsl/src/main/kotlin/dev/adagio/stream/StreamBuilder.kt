package dev.adagio.stream

import dev.adagio.AdagioDispatchers
import dev.adagio.AdagioDsl
import dev.adagio.AdagioInteropApi
import dev.adagio.DagDefinitionException
import dev.adagio.FailurePolicy
import dev.adagio.Messages
import dev.adagio.internal.Compatibility
import dev.adagio.internal.IntList
import dev.adagio.internal.Topology
import dev.adagio.internal.awaitFor
import dev.adagio.internal.blockingDispatcherFor
import dev.adagio.internal.isInvisibleName
import dev.adagio.internal.runBlockingBody
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runBlocking
import java.util.concurrent.CompletionStage
import java.util.concurrent.Executor
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/** One node of a stream graph as built: frozen, its inputs copied out of the builder. */
internal class StreamNodeSpec(
    val name: String,
    val kind: StreamNodeKind,
    /** Concurrent workers; 0 for a source, which runs once. */
    val workers: Int,
    /** Items that may wait for the workers; 0 for a source. */
    val buffer: Int,
    val policy: FailurePolicy,
    val body: suspend StreamWorker.(Any?) -> Unit,
    /** The nodes whose items this node takes, in the order they were connected. */
    val inputs: IntArray,
    /** Where its workers (a source: its body) run, dispatched; null for the run's own context. */
    var dispatcher: CoroutineDispatcher? = null,
    /** Per input, aligned with [inputs]: the predicate of that edge, or null when it carries every item. */
    val filters: Array<((Any?) -> Boolean)?> = emptyArray(),
    /** Picks the downstream node of each item this node emits, or null when it emits to every edge. */
    var router: ((Any?) -> StreamNode<*>?)? = null,
    /** How a batch node groups its items (its body then takes a list); null for one item at a time. */
    val batching: Batching? = null,
    /** A Kotlin sink's body, called with the item alone; null when [body] is the one to call. */
    val consume: (suspend (Any?) -> Unit)? = null,
)

/** The body of a node whose work is its [StreamNodeSpec.consume]. */
private val NO_BODY: suspend StreamWorker.(Any?) -> Unit = {}

/** Declares a stream graph's nodes and edges; the receiver of [stream]. */
@AdagioDsl
public class StreamBuilder internal constructor(
    private val name: String,
    /** How this builder's caller declares nodes, for the message when it is used after [build]. */
    private val whereToDeclare: String = Messages.DECLARE_BEFORE_BUILD,
    /** The error policy of every stage and sink declared without one. */
    private val defaultPolicy: FailurePolicy = FailurePolicy.FAIL_FAST,
) {
    private val token = Any()

    /** Per node: its spec without inputs (those are in [inputs] while the graph is being declared). */
    private val specs = ArrayList<StreamNodeSpec>()
    private val inputs = ArrayList<IntList>()

    /** Per node, aligned with [inputs]: each edge's predicate, or null. */
    private val filters = ArrayList<ArrayList<((Any?) -> Boolean)?>>()
    private val names = HashMap<String, Int>()
    private var built = false

    init {
        Compatibility.ensure()
        if (isInvisibleName(name)) throw DagDefinitionException(Messages.blankGraphName(name))
    }

    /** Adds a source: its body emits items, and the source is done when the body returns. */
    @JvmSynthetic
    public fun <T> source(
        name: String,
        body: suspend SourceScope<T>.() -> Unit,
    ): StreamNode<T> =
        add(name, StreamNodeKind.SOURCE, emptyList(), 0, 0, FailurePolicy.FAIL_FAST) {
            @Suppress("UNCHECKED_CAST")
            body(this as SourceScope<T>)
        }

    /**
     * Adds a stage taking the items of [inputs] one at a time; its body may emit any number of items.
     *
     * @param workers how many items it processes at once (at least 1)
     * @param buffer how many items may wait for it (at least 1); emitters wait while it is full
     */
    public fun <A, R> stage(
        name: String,
        inputs: List<StreamInput<A>>,
        workers: Int = 1,
        buffer: Int = 64,
        onError: FailurePolicy? = null,
        body: suspend Emitter<R>.(A) -> Unit,
    ): StreamNode<R> = add(name, StreamNodeKind.STAGE, inputs, workers, buffer, onError, body = direct(body))

    /** Adds a stage taking the items of [input]; see the list form. */
    public fun <A, R> stage(
        name: String,
        input: StreamInput<A>,
        workers: Int = 1,
        buffer: Int = 64,
        onError: FailurePolicy? = null,
        body: suspend Emitter<R>.(A) -> Unit,
    ): StreamNode<R> = stage(name, listOf(input), workers, buffer, onError, body)

    /** Adds a sink: it consumes the items of [inputs] and emits nothing. */
    public fun <A> sink(
        name: String,
        inputs: List<StreamInput<A>>,
        workers: Int = 1,
        buffer: Int = 64,
        onError: FailurePolicy? = null,
        body: suspend (A) -> Unit,
    ): StreamNode<Nothing> = add(name, StreamNodeKind.SINK, inputs, workers, buffer, onError, consume = direct(body))

    /** Adds a sink consuming the items of [input]; see the list form. */
    public fun <A> sink(
        name: String,
        input: StreamInput<A>,
        workers: Int = 1,
        buffer: Int = 64,
        onError: FailurePolicy? = null,
        body: suspend (A) -> Unit,
    ): StreamNode<Nothing> = sink(name, listOf(input), workers, buffer, onError, body)

    /** Adds a stage whose body is Java's `(item, emitter) -> CompletionStage`; see the Kotlin `stage`. */
    @AdagioInteropApi
    public fun <A, R> stageAsync(
        name: String,
        inputs: List<StreamInput<A>>,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        body: StageFunction<A, R>,
    ): StreamNode<R> = asyncStage(name, inputs, workers, buffer, onError, null, body)

    /** Adds a source whose body is Java's `(arguments, emitter) -> CompletionStage`. */
    @AdagioInteropApi
    public fun <T> sourceAsync(
        name: String,
        body: SourceFunction<T>,
    ): StreamNode<T> =
        add(name, StreamNodeKind.SOURCE, emptyList(), 0, 0, FailurePolicy.FAIL_FAST) {
            @Suppress("UNCHECKED_CAST")
            body.start(arguments, forJava as JavaEmitter<T>).awaitFor(nameOf())
        }

    /**
     * Adds a source whose blocking body runs on [executor] ([AdagioDispatchers.Blocking] when null) and is
     * interrupted when the run stops. Each item it emits is sent downstream at once, the body's thread
     * waiting while a downstream buffer is full.
     */
    @AdagioInteropApi
    public fun <T> sourceBlocking(
        name: String,
        executor: Executor?,
        body: BlockingSourceFunction<T>,
    ): StreamNode<T> {
        val dispatcher = blockingDispatcherFor(executor)
        return add(name, StreamNodeKind.SOURCE, emptyList(), 0, 0, FailurePolicy.FAIL_FAST) {
            val worker = this
            // The body's thread is a blocking one already: each emit blocks it until the item is sent.
            runBlockingBody(dispatcher) { body.run(arguments) { item -> runBlocking { worker.emit(item) } } }
        }
    }

    /**
     * Adds a stage whose blocking body runs on [executor] ([AdagioDispatchers.Blocking] when null) and is interrupted
     * when the run stops. The items it emits are sent downstream when the body returns.
     */
    @AdagioInteropApi
    public fun <A, R> stageBlocking(
        name: String,
        inputs: List<StreamInput<A>>,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        executor: Executor?,
        body: BlockingStageFunction<A, R>,
    ): StreamNode<R> {
        val dispatcher = blockingDispatcherFor(executor)
        return add(name, StreamNodeKind.STAGE, inputs, workers, buffer, onError) { item ->
            val out = ArrayList<R>()
            @Suppress("UNCHECKED_CAST")
            runBlockingBody(dispatcher) { body.apply(item as A) { out.add(it) } }
            for (emitted in out) emit(emitted)
        }
    }

    /** Adds a sink whose blocking body runs on [executor] ([AdagioDispatchers.Blocking] when null). */
    @AdagioInteropApi
    public fun <A> sinkBlocking(
        name: String,
        inputs: List<StreamInput<A>>,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        executor: Executor?,
        body: java.util.function.Consumer<in A>,
    ): StreamNode<Nothing> = blockingSink(name, inputs, workers, buffer, onError, null, executor, body)

    /**
     * Connects [from] to [to] after both were declared: [to] also takes [from]'s items (those that pass its
     * filter, when [from] is `node.where { … }`). Lets a graph be declared in any order.
     */
    public fun <T> connect(
        from: StreamInput<T>,
        to: StreamNode<*>,
    ) {
        checkOpen()
        val t = own(to)
        if (specs[t].kind == StreamNodeKind.SOURCE) throw DagDefinitionException(Messages.sourceTakes(to.name))
        addInput(t, from)
    }

    /**
     * Routes the items [from] emits: [router] picks, for each item, the one downstream node it goes to, or
     * null to drop it. The item then goes only over that edge (and only if the edge's own filter accepts
     * it); the other edges count it as refused. Declare the router once the targets exist. A router that
     * throws, or picks a node that does not take items from [from], fails the emitting item.
     */
    @JvmSynthetic
    public fun <T> route(
        from: StreamNode<T>,
        router: (T) -> StreamNode<*>?,
    ) {
        setRouter(from) { item ->
            @Suppress("UNCHECKED_CAST")
            router(item as T)
        }
    }

    /** [route] for Java: [router] picks each item's downstream node, or returns null to drop it. */
    @AdagioInteropApi
    public fun <T> routeWith(
        from: StreamNode<T>,
        router: java.util.function.Function<in T, out StreamNode<*>?>,
    ) {
        setRouter(from) { item ->
            @Suppress("UNCHECKED_CAST")
            router.apply(item as T)
        }
    }

    /** [StreamNode.where] for Java: [node]'s items that pass [predicate], as the input of one edge. */
    @AdagioInteropApi
    public fun <T> filtered(
        node: StreamNode<T>,
        predicate: java.util.function.Predicate<in T>,
    ): StreamInput<T> =
        FilteredInput(node) { item ->
            @Suppress("UNCHECKED_CAST")
            predicate.test(item as T)
        }

    private fun setRouter(
        from: StreamNode<*>,
        router: (Any?) -> StreamNode<*>?,
    ) {
        checkOpen()
        val spec = specs[own(from)]
        if (spec.kind == StreamNodeKind.SINK) throw DagDefinitionException(Messages.sinkEmits(from.name))
        if (spec.router != null) throw DagDefinitionException(Messages.routedTwice(from.name))
        spec.router = router
    }

    /** Node [t] takes [input]'s items, through the input's filter if it has one. */
    private fun addInput(
        t: Int,
        input: StreamInput<*>,
    ) {
        val f = own(input.node)
        if (specs[f].kind == StreamNodeKind.SINK) throw DagDefinitionException(Messages.sinkEmits(input.node.name))
        inputs[t].add(f)
        filters[t].add((input as? FilteredInput<*>)?.predicate)
    }

    /**
     * Adds a batch stage: it takes the items of [inputs] in lists of up to [size], handed to its body when
     * full, when [linger] has passed since the list's first item, or when its inputs end (so nothing is
     * left behind); its body may emit any number of items. `taken`, `failed` and a sink's `emitted` count
     * items, not lists; a body that throws fails every item of its list.
     *
     * @param linger how long a list waits for more items; 0 takes only what is already waiting,
     *   [Duration.INFINITE] (the default) waits for a full list or the end
     */
    public fun <A, R> batchStage(
        name: String,
        inputs: List<StreamInput<A>>,
        size: Int,
        linger: Duration = Duration.INFINITE,
        workers: Int = 1,
        buffer: Int = 64,
        onError: FailurePolicy? = null,
        body: suspend Emitter<R>.(List<A>) -> Unit,
    ): StreamNode<R> = add(name, StreamNodeKind.STAGE, inputs, workers, buffer, onError, batching(name, size, linger), body = direct(body))

    /** Adds a batch stage taking the items of [input]; see the list form. */
    public fun <A, R> batchStage(
        name: String,
        input: StreamInput<A>,
        size: Int,
        linger: Duration = Duration.INFINITE,
        workers: Int = 1,
        buffer: Int = 64,
        onError: FailurePolicy? = null,
        body: suspend Emitter<R>.(List<A>) -> Unit,
    ): StreamNode<R> = batchStage(name, listOf(input), size, linger, workers, buffer, onError, body)

    /** Adds a batch sink: it consumes the items of [inputs] in lists of up to [size]; see [batchStage]. */
    public fun <A> batchSink(
        name: String,
        inputs: List<StreamInput<A>>,
        size: Int,
        linger: Duration = Duration.INFINITE,
        workers: Int = 1,
        buffer: Int = 64,
        onError: FailurePolicy? = null,
        body: suspend (List<A>) -> Unit,
    ): StreamNode<Nothing> =
        add(name, StreamNodeKind.SINK, inputs, workers, buffer, onError, batching(name, size, linger), consume = direct(body))

    /** Adds a batch sink consuming the items of [input]; see the list form. */
    public fun <A> batchSink(
        name: String,
        input: StreamInput<A>,
        size: Int,
        linger: Duration = Duration.INFINITE,
        workers: Int = 1,
        buffer: Int = 64,
        onError: FailurePolicy? = null,
        body: suspend (List<A>) -> Unit,
    ): StreamNode<Nothing> = batchSink(name, listOf(input), size, linger, workers, buffer, onError, body)

    /** [batchStage] for Java: a [linger] past Kotlin's range (`ChronoUnit.FOREVER`) waits for full lists; the body returns a stage. */
    @AdagioInteropApi
    public fun <A, R> batchStageAsync(
        name: String,
        inputs: List<StreamInput<A>>,
        size: Int,
        linger: java.time.Duration,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        body: StageFunction<List<A>, R>,
    ): StreamNode<R> = asyncStage(name, inputs, workers, buffer, onError, batching(name, size, linger.toKotlinDuration()), body)

    /** [batchSink] for Java: the body returns a stage that completes when the list is consumed. */
    @AdagioInteropApi
    public fun <A> batchSinkAsync(
        name: String,
        inputs: List<StreamInput<A>>,
        size: Int,
        linger: java.time.Duration,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        body: java.util.function.Function<in List<A>, out CompletionStage<*>?>,
    ): StreamNode<Nothing> = asyncSink(name, inputs, workers, buffer, onError, batching(name, size, linger.toKotlinDuration()), body)

    /** [batchSink] for Java with a blocking body, run on [executor] ([AdagioDispatchers.Blocking] when null) and interrupted when the run stops. */
    @AdagioInteropApi
    public fun <A> batchSinkBlocking(
        name: String,
        inputs: List<StreamInput<A>>,
        size: Int,
        linger: java.time.Duration,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        executor: Executor?,
        body: java.util.function.Consumer<in List<A>>,
    ): StreamNode<Nothing> =
        blockingSink(name, inputs, workers, buffer, onError, batching(name, size, linger.toKotlinDuration()), executor, body)

    private fun batching(
        name: String,
        size: Int,
        linger: Duration,
    ): Batching {
        if (size < 1) throw DagDefinitionException(Messages.badBatchSize(name, size))
        if (linger.isNegative()) throw DagDefinitionException(Messages.badLinger(name, linger.toString()))
        return Batching(size, if (linger.isInfinite()) Long.MAX_VALUE else linger.inWholeNanoseconds)
    }

    /** Creates builders for callers that cannot use the `stream { }` block, such as the Java facade. */
    public companion object {
        /**
         * A builder for a stream graph called [name]; finish with [build]. Stages and sinks declared
         * without an error policy take [onError] (halt the graph, the default).
         */
        @JvmStatic
        @JvmOverloads
        public fun create(
            name: String,
            onError: FailurePolicy = FailurePolicy.FAIL_FAST,
        ): StreamBuilder = StreamBuilder(name, Messages.DECLARE_BEFORE_BUILD, onError)
    }

    private fun checkOpen() {
        if (built) throw DagDefinitionException(Messages.builderClosed(name, whereToDeclare))
    }

    private fun own(node: StreamNode<*>): Int {
        if (node.graph !== token) throw DagDefinitionException(Messages.streamForeign(node.name, name))
        return node.index
    }

    /**
     * A stage body as the engine calls it, without a wrapper lambda (whose every call would allocate):
     * the erased types are the same, and a worker is an [Emitter].
     */
    @Suppress("UNCHECKED_CAST")
    private fun <A, R> direct(body: suspend Emitter<R>.(A) -> Unit): suspend StreamWorker.(Any?) -> Unit =
        body as suspend StreamWorker.(Any?) -> Unit

    /** A sink body as the engine calls it, without a wrapper lambda. */
    @Suppress("UNCHECKED_CAST")
    private fun <A> direct(body: suspend (A) -> Unit): suspend (Any?) -> Unit = body as suspend (Any?) -> Unit

    private fun <R> add(
        name: String,
        kind: StreamNodeKind,
        inputs: List<StreamInput<*>>,
        workers: Int,
        buffer: Int,
        policy: FailurePolicy?,
        batching: Batching? = null,
        consume: (suspend (Any?) -> Unit)? = null,
        body: suspend StreamWorker.(Any?) -> Unit = NO_BODY,
    ): StreamNode<R> {
        checkOpen()
        if (isInvisibleName(name)) throw DagDefinitionException(Messages.emptyName(this.name))
        if (names.containsKey(name)) throw DagDefinitionException(Messages.duplicateName(this.name, name))
        if (kind != StreamNodeKind.SOURCE) {
            if (workers < 1) throw DagDefinitionException(Messages.badWorkers(name, workers))
            if (buffer < 1) throw DagDefinitionException(Messages.badBuffer(name, buffer))
        }
        for (input in inputs) {
            val i = own(input.node)
            if (specs[i].kind == StreamNodeKind.SINK) throw DagDefinitionException(Messages.sinkEmits(input.node.name))
        }
        names[name] = specs.size
        specs +=
            StreamNodeSpec(name, kind, workers, buffer, policy ?: defaultPolicy, body, IntArray(0), batching = batching, consume = consume)
        this.inputs += IntList(inputs.size)
        this.filters.add(ArrayList(inputs.size))
        for (input in inputs) addInput(specs.size - 1, input)
        return StreamNode(token, specs.size - 1, name, kind)
    }

    /** Adds a sink whose body is Java's `item -> CompletionStage`. */
    @AdagioInteropApi
    public fun <A> sinkAsync(
        name: String,
        inputs: List<StreamInput<A>>,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        body: java.util.function.Function<in A, out CompletionStage<*>?>,
    ): StreamNode<Nothing> = asyncSink(name, inputs, workers, buffer, onError, null, body)

    /** A Java stage (batched when [batching] is given): its body returns a stage; its emits go through [StreamWorker.forJava]. */
    private fun <A, R> asyncStage(
        name: String,
        inputs: List<StreamInput<*>>,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        batching: Batching?,
        body: StageFunction<A, R>,
    ): StreamNode<R> =
        add(name, StreamNodeKind.STAGE, inputs, workers, buffer, onError, batching) { item ->
            @Suppress("UNCHECKED_CAST")
            body.apply(item as A, forJava as JavaEmitter<R>).awaitFor(nameOf())
        }

    /** A Java sink (batched when [batching] is given) whose body returns a stage. */
    private fun <A> asyncSink(
        name: String,
        inputs: List<StreamInput<*>>,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        batching: Batching?,
        body: java.util.function.Function<in A, out CompletionStage<*>?>,
    ): StreamNode<Nothing> =
        add(name, StreamNodeKind.SINK, inputs, workers, buffer, onError, batching) { item ->
            @Suppress("UNCHECKED_CAST")
            body.apply(item as A).awaitFor(nameOf())
        }

    /** A Java sink (batched when [batching] is given) whose blocking body runs on [executor] and is interrupted when the run stops. */
    private fun <A> blockingSink(
        name: String,
        inputs: List<StreamInput<*>>,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        batching: Batching?,
        executor: Executor?,
        body: java.util.function.Consumer<in A>,
    ): StreamNode<Nothing> {
        val dispatcher = blockingDispatcherFor(executor)
        return add(name, StreamNodeKind.SINK, inputs, workers, buffer, onError, batching) { item ->
            @Suppress("UNCHECKED_CAST")
            runBlockingBody(dispatcher) { body.accept(item as A) }
        }
    }

    /**
     * Runs this node's workers (a source: its body) on [dispatcher] (`Dispatchers.Default` unless given),
     * dispatched even when the caller runs there already: the switch for CPU-bound stages, as a dag's
     * `dispatched` node. Workers are coroutines in the caller's context otherwise, so a body that
     * computes without suspending shares the caller's thread, and from a single-threaded caller
     * (`runBlocking`) no two items are processed at once. Each worker is handed over once, not each item.
     */
    @JvmSynthetic
    public fun <T> StreamNode<T>.dispatched(dispatcher: CoroutineDispatcher = Dispatchers.Default): StreamNode<T> {
        checkOpen()
        specs[own(this)].dispatcher = dispatcher
        return this
    }

    /**
     * Validates and freezes the graph: the entry for callers that declare nodes without the `stream { }`
     * block (the block calls it for you). Refuses loops made with [connect].
     */
    public fun build(): StreamGraph {
        checkOpen()
        val downstream = Array(specs.size) { IntList() }
        for (i in specs.indices) {
            for (k in 0 until inputs[i].size) {
                val from = inputs[i][k]
                if (downstream[from].contains(
                        i,
                    )
                ) {
                    throw DagDefinitionException(Messages.streamEdgeTwice(name, specs[from].name, specs[i].name))
                }
                downstream[from].add(i)
            }
        }
        Topology(specs.size) { downstream[it] }.cycle()?.let { cycle ->
            throw DagDefinitionException(Messages.streamCycle(name, cycle.map { specs[it].name }))
        }
        built = true
        val frozen =
            specs.mapIndexed { i, s ->
                StreamNodeSpec(
                    s.name,
                    s.kind,
                    s.workers,
                    s.buffer,
                    s.policy,
                    s.body,
                    IntArray(inputs[i].size) { inputs[i][it] },
                    s.dispatcher,
                    filters[i].toTypedArray(),
                    s.router,
                    s.batching,
                    s.consume,
                )
            }
        val nodes = specs.indices.map { StreamNode<Any?>(token, it, specs[it].name, specs[it].kind) }
        return StreamGraph(name, token, frozen, nodes)
    }
}
