package dev.adagio.stream

import dev.adagio.AdagioDsl
import dev.adagio.AdagioInteropApi
import dev.adagio.DagDefinitionException
import dev.adagio.FailurePolicy
import dev.adagio.Messages
import dev.adagio.internal.IntList
import dev.adagio.internal.Topology
import dev.adagio.internal.awaitFor
import dev.adagio.internal.blockingDispatcherFor
import dev.adagio.internal.dispatcherFor
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.future.future
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.runInterruptible
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.Executor
import kotlin.contracts.ExperimentalContracts
import kotlin.contracts.InvocationKind
import kotlin.contracts.contract

/**
 * Builds a stream graph (async-graph-data-flow's model): sources emit items, stages take one item and
 * emit any number, sinks consume. Every item a node emits goes to every node downstream of it.
 *
 * ```
 * val etl = stream("etl") {
 *     val extract = source<String>("extract") { emit("hello"); emit("world") }
 *     val transform = stage("transform", extract) { word: String -> emit(word.replaceFirstChar(Char::titlecase)) }
 *     sink("load", transform) { word -> println(word) }
 * }
 * val run = etl.run()
 * ```
 *
 * Each stage and sink has a bounded input buffer ([buffer][StreamBuilder.stage] items; an emitter waits
 * while it is full, which is the back-pressure) and `workers` coroutines taking items from it. The run
 * ends when every source is done and no item is queued or being processed, whatever the order the nodes
 * were declared or connected in.
 *
 * **Errors halt by default.** A stage or sink whose body throws stops the whole graph
 * ([FailurePolicy.FAIL_FAST], `StreamFailedException`), where async-graph-data-flow logs the error and
 * carries on. [onError] sets the policy of every stage and sink declared without one;
 * `stream("etl", onError = FailurePolicy.CONTINUE) { … }` counts errors (`NodeStats.failed`) and goes
 * on, as the Python library does. A node's own `onError` wins over the graph's.
 */
@OptIn(ExperimentalContracts::class)
@JvmSynthetic
public fun stream(
    name: String,
    onError: FailurePolicy = FailurePolicy.FAIL_FAST,
    block: StreamBuilder.() -> Unit,
): StreamGraph {
    contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
    return StreamBuilder(name, Messages.DECLARE_IN_STREAM_BLOCK, onError).apply(block).build()
}

/** An edge of a stream graph: [from] sends every item it emits to [to]. */
public class StreamEdge internal constructor(
    /** The emitting node. */
    public val from: StreamNode<*>,
    /** The receiving node. */
    public val to: StreamNode<*>,
) {
    override fun equals(other: Any?): Boolean = other is StreamEdge && other.from === from && other.to === to

    override fun hashCode(): Int = 31 * from.hashCode() + to.hashCode()

    override fun toString(): String = "${from.name} -> ${to.name}"
}

/** The role of a stream node. */
public enum class StreamNodeKind { SOURCE, STAGE, SINK }

/** A typed handle to one node of one stream graph; [T] is the type of the items it emits. */
public class StreamNode<out T> internal constructor(
    internal val graph: Any,
    /** The node's position in declaration order. */
    public val index: Int,
    /** The node's name, unique in its graph. */
    public val name: String,
    /** Source, stage or sink. */
    public val kind: StreamNodeKind,
) {
    override fun toString(): String = "StreamNode($name)"
}

/** Hands items downstream; the receiver of source and stage bodies. */
@AdagioDsl
public interface Emitter<in T> {
    /** Sends [item] to every node downstream, waiting while any of their buffers is full. */
    @JvmSynthetic
    public suspend fun emit(item: T)
}

/** The receiver of a source body: an [Emitter] plus the arguments the run started this source with. */
@AdagioDsl
public interface SourceScope<in T> :
    Emitter<T>,
    CoroutineScope {
    /** The arguments given for this source in `run(start = …)`; empty when none were. */
    public val arguments: List<Any?>
}

/** Emits items from Java stage bodies: `emitter.emit(item)` returns a stage that completes once sent. */
@AdagioInteropApi
public fun interface JavaEmitter<T> {
    /** Sends [item] downstream; the stage completes once every downstream buffer took it (back-pressure). */
    public fun emit(item: T): CompletionStage<Void?>
}

/** A source body for Java: emits through the emitter, returns a stage that completes when it is done. */
@AdagioInteropApi
public fun interface SourceFunction<T> {
    /** Starts the source with its start [arguments]; the returned stage completes when it is done emitting. */
    public fun start(
        arguments: List<Any?>,
        emitter: JavaEmitter<T>,
    ): CompletionStage<*>?
}

/**
 * A blocking source body for Java: emits through its `emit` consumer on the calling (executor) thread, item by item;
 * `emit` waits while a downstream buffer is full (the back-pressure), and the source is done when the
 * body returns. No future to chain.
 */
@AdagioInteropApi
public fun interface BlockingSourceFunction<T> {
    /** Emits the source's items; [arguments] are its start arguments. Whatever it throws fails the source. */
    @Throws(Exception::class)
    public fun run(
        arguments: List<Any?>,
        emit: java.util.function.Consumer<in T>,
    )
}

/** A blocking stage body for Java: takes an item and emits through a `Consumer`; runs on an executor. */
@AdagioInteropApi
public fun interface BlockingStageFunction<A, R> {
    /** Processes [item] on the calling (executor) thread, emitting results through [emit]. */
    public fun apply(
        item: A,
        emit: java.util.function.Consumer<in R>,
    )
}

/** A stage body for Java: takes an item and an emitter, returns a stage that completes when it is done. */
@AdagioInteropApi
public fun interface StageFunction<A, R> {
    /** Processes [item], emitting through [emitter]; the returned stage completes when it is done. */
    public fun apply(
        item: A,
        emitter: JavaEmitter<R>,
    ): CompletionStage<*>?
}

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
)

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
    private val names = HashMap<String, Int>()
    private var built = false

    init {
        if (name.isBlank()) throw DagDefinitionException(Messages.blankGraphName(name))
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
        inputs: List<StreamNode<A>>,
        workers: Int = 1,
        buffer: Int = 64,
        onError: FailurePolicy? = null,
        body: suspend Emitter<R>.(A) -> Unit,
    ): StreamNode<R> =
        add(name, StreamNodeKind.STAGE, inputs, workers, buffer, onError) { item ->
            @Suppress("UNCHECKED_CAST")
            body(this as Emitter<R>, item as A)
        }

    /** Adds a stage taking the items of [input]; see the list form. */
    public fun <A, R> stage(
        name: String,
        input: StreamNode<A>,
        workers: Int = 1,
        buffer: Int = 64,
        onError: FailurePolicy? = null,
        body: suspend Emitter<R>.(A) -> Unit,
    ): StreamNode<R> = stage(name, listOf(input), workers, buffer, onError, body)

    /** Adds a sink: it consumes the items of [inputs] and emits nothing. */
    public fun <A> sink(
        name: String,
        inputs: List<StreamNode<A>>,
        workers: Int = 1,
        buffer: Int = 64,
        onError: FailurePolicy? = null,
        body: suspend (A) -> Unit,
    ): StreamNode<Nothing> =
        add(name, StreamNodeKind.SINK, inputs, workers, buffer, onError) { item ->
            @Suppress("UNCHECKED_CAST")
            body(item as A)
        }

    /** Adds a sink consuming the items of [input]; see the list form. */
    public fun <A> sink(
        name: String,
        input: StreamNode<A>,
        workers: Int = 1,
        buffer: Int = 64,
        onError: FailurePolicy? = null,
        body: suspend (A) -> Unit,
    ): StreamNode<Nothing> = sink(name, listOf(input), workers, buffer, onError, body)

    /** Adds a stage whose body is Java's `(item, emitter) -> CompletionStage`; see the Kotlin `stage`. */
    @AdagioInteropApi
    public fun <A, R> stageAsync(
        name: String,
        inputs: List<StreamNode<A>>,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        body: StageFunction<A, R>,
    ): StreamNode<R> =
        add(name, StreamNodeKind.STAGE, inputs, workers, buffer, onError) { item ->
            @Suppress("UNCHECKED_CAST")
            body.apply(item as A, forJava as JavaEmitter<R>).awaitFor(nameOf())
        }

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
     * Adds a source whose blocking body runs on [executor] (`Dispatchers.IO` when null) and is
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
            runInterruptible(dispatcher) { body.run(arguments) { item -> runBlocking { worker.emit(item) } } }
        }
    }

    /**
     * Adds a stage whose blocking body runs on [executor] (`Dispatchers.IO` when null) and is interrupted
     * when the run stops. The items it emits are sent downstream when the body returns.
     */
    @AdagioInteropApi
    public fun <A, R> stageBlocking(
        name: String,
        inputs: List<StreamNode<A>>,
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
            runInterruptible(dispatcher) { body.apply(item as A) { out.add(it) } }
            for (emitted in out) emit(emitted)
        }
    }

    /** Adds a sink whose blocking body runs on [executor] (`Dispatchers.IO` when null). */
    @AdagioInteropApi
    public fun <A> sinkBlocking(
        name: String,
        inputs: List<StreamNode<A>>,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        executor: Executor?,
        body: java.util.function.Consumer<in A>,
    ): StreamNode<Nothing> {
        val dispatcher = blockingDispatcherFor(executor)
        return add(name, StreamNodeKind.SINK, inputs, workers, buffer, onError) { item ->
            @Suppress("UNCHECKED_CAST")
            runInterruptible(dispatcher) { body.accept(item as A) }
        }
    }

    /**
     * Connects [from] to [to] after both were declared: [to] also takes [from]'s items. Lets a graph be
     * declared in any order.
     */
    public fun <T> connect(
        from: StreamNode<T>,
        to: StreamNode<*>,
    ) {
        checkOpen()
        val f = own(from)
        val t = own(to)
        if (specs[f].kind == StreamNodeKind.SINK) throw DagDefinitionException(Messages.sinkEmits(from.name))
        if (specs[t].kind == StreamNodeKind.SOURCE) throw DagDefinitionException(Messages.sourceTakes(to.name))
        inputs[t].add(f)
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

    private fun <R> add(
        name: String,
        kind: StreamNodeKind,
        inputs: List<StreamNode<*>>,
        workers: Int,
        buffer: Int,
        policy: FailurePolicy?,
        body: suspend StreamWorker.(Any?) -> Unit,
    ): StreamNode<R> {
        checkOpen()
        if (name.isBlank()) throw DagDefinitionException(Messages.emptyName(this.name))
        if (names.containsKey(name)) throw DagDefinitionException(Messages.duplicateName(this.name, name))
        if (kind != StreamNodeKind.SOURCE) {
            if (workers < 1) throw DagDefinitionException(Messages.badWorkers(name, workers))
            if (buffer < 1) throw DagDefinitionException(Messages.badBuffer(name, buffer))
        }
        val from = IntList(inputs.size)
        for (input in inputs) {
            val i = own(input)
            if (specs[i].kind == StreamNodeKind.SINK) throw DagDefinitionException(Messages.sinkEmits(input.name))
            from.add(i)
        }
        names[name] = specs.size
        specs += StreamNodeSpec(name, kind, workers, buffer, policy ?: defaultPolicy, body, IntArray(0))
        this.inputs += from
        return StreamNode(token, specs.size - 1, name, kind)
    }

    /** Adds a sink whose body is Java's `item -> CompletionStage`. */
    @AdagioInteropApi
    public fun <A> sinkAsync(
        name: String,
        inputs: List<StreamNode<A>>,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        body: java.util.function.Function<in A, out CompletionStage<*>?>,
    ): StreamNode<Nothing> =
        add(name, StreamNodeKind.SINK, inputs, workers, buffer, onError) { item ->
            @Suppress("UNCHECKED_CAST")
            body.apply(item as A).awaitFor(nameOf())
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
        for (i in specs.indices) for (k in 0 until inputs[i].size) downstream[inputs[i][k]].add(i)
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
                )
            }
        val nodes = specs.indices.map { StreamNode<Any?>(token, it, specs[it].name, specs[it].kind) }
        return StreamGraph(name, token, frozen, nodes)
    }
}

/** An immutable stream graph; run it any number of times. */
public class StreamGraph internal constructor(
    /** The graph's name. */
    public val name: String,
    internal val token: Any,
    internal val specs: List<StreamNodeSpec>,
    /** Every node, in declaration order. */
    public val nodes: List<StreamNode<*>>,
) {
    /** The node called [name]. */
    public fun node(name: String): StreamNode<*> =
        nodes.firstOrNull { it.name == name } ?: throw NoSuchElementException(Messages.unknownNode(this.name, name))

    /** The nodes [node] takes items from. */
    public fun inputs(node: StreamNode<*>): List<StreamNode<*>> = specs[own(node)].inputs.map { nodes[it] }

    /** The number of workers of [node] (0 for sources). */
    public fun workers(node: StreamNode<*>): Int = specs[own(node)].workers

    /** The buffer size of [node]: items that may wait for its workers (0 for sources). */
    public fun buffer(node: StreamNode<*>): Int = specs[own(node)].buffer

    /** What [node] does when its body throws on an item: halt the graph, or count the error and go on. */
    public fun errorPolicy(node: StreamNode<*>): FailurePolicy = specs[own(node)].policy

    /** Every edge, in declaration order of its consumer, then of its inputs: every item [StreamEdge.from] emits goes to [StreamEdge.to]. */
    public val edges: List<StreamEdge> by lazy(LazyThreadSafetyMode.PUBLICATION) {
        specs.indices.flatMap { to -> specs[to].inputs.map { from -> StreamEdge(nodes[from], nodes[to]) } }
    }

    internal fun own(node: StreamNode<*>): Int {
        if (node.graph !== token) throw DagDefinitionException(Messages.streamForeign(node.name, name))
        return node.index
    }

    /**
     * A new, not yet started run, whose statistics can be read while it goes on.
     *
     * [start] chooses where the run starts (async-graph-data-flow's `start`). When it is empty, every
     * source runs, without arguments. Otherwise only the nodes it names start: a source runs with its
     * list as its arguments (`SourceScope.arguments`), a stage or a sink receives its list as items, as
     * if an upstream node had emitted them. Sources it does not name do not run (their statistics read
     * 0), so neither does anything upstream of a node it starts, unless started itself.
     *
     * @throws DagDefinitionException when [start] names a node of another graph.
     */
    public fun newRun(
        start: Map<StreamNode<*>, List<Any?>> = emptyMap(),
        listeners: List<StreamListener> = emptyList(),
    ): StreamRun = StreamRun(this, start, listeners)

    /**
     * Runs the graph until every source is done and every item has been processed; returns the run with
     * its statistics.
     *
     * A body's failure is whatever it throws except the run's own cancellation (its own
     * `CancellationException` included); an item is done when its body and the coroutines it launched
     * are, and a source when its body and its coroutines are. Once the run halts or is cancelled, no
     * body starts on any item.
     *
     * @throws StreamFailedException when a node with the FAIL_FAST policy fails (the whole graph is stopped).
     * @throws DagDefinitionException when [start] names a node of another graph.
     */
    @JvmSynthetic
    public suspend fun run(
        start: Map<StreamNode<*>, List<Any?>> = emptyMap(),
        listeners: List<StreamListener> = emptyList(),
    ): StreamRun = newRun(start, listeners).also { it.execute() }

    /**
     * Starts a run from outside coroutines (Java) on [executor] (`Dispatchers.Default` when null). The
     * future completes with the run when it is done, exceptionally with [StreamFailedException] when a
     * node halts it; cancelling the future stops every source and worker.
     */
    @JvmOverloads
    @AdagioInteropApi
    public fun runAsync(
        start: Map<StreamNode<*>, List<Any?>> = emptyMap(),
        executor: Executor? = null,
        listeners: List<StreamListener> = emptyList(),
    ): CompletableFuture<StreamRun> = CoroutineScope(dispatcherFor(executor)).future { run(start, listeners) }

    override fun toString(): String = "StreamGraph($name: ${nodes.size} nodes)"
}
