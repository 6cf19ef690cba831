package dev.adagio.stream

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
import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds

/**
 * Builds a stream graph (async-graph-data-flow's model): sources emit items, stages take one item and
 * emit any number, sinks consume. Every item a node emits goes to every node downstream of it, unless
 * an edge filters ([StreamNode.where]) or the node routes ([StreamBuilder.route]); batch stages and
 * sinks take their items in lists ([StreamBuilder.batchStage]).
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

/**
 * An edge of a stream graph: [from] sends the items it emits to [to], every item unless the edge is
 * [filtered] (only those its predicate accepts) or [from] is [routed] (only those its router sends here).
 */
public class StreamEdge internal constructor(
    /** The emitting node. */
    public val from: StreamNode<*>,
    /** The receiving node. */
    public val to: StreamNode<*>,
    /** Whether the edge carries only the items its predicate accepts (declared with [StreamNode.where]). */
    public val filtered: Boolean = false,
    /** Whether [from] has a router, which sends each item to one of its edges or none ([StreamBuilder.route]). */
    public val routed: Boolean = false,
) {
    override fun equals(other: Any?): Boolean = other is StreamEdge && other.from === from && other.to === to

    override fun hashCode(): Int = 31 * from.hashCode() + to.hashCode()

    override fun toString(): String = "${from.name} -> ${to.name}"
}

/** The role of a stream node. */
public enum class StreamNodeKind { SOURCE, STAGE, SINK }

/**
 * Where a stage or a sink takes items from: a node (every item it emits), or a node's items that pass a
 * filter (`node.where { … }`). Pass either wherever a stage, a sink or [StreamBuilder.connect] takes an input.
 */
public sealed interface StreamInput<out T> {
    /** The node the items come from. */
    public val node: StreamNode<T>
}

/** A node's items that pass [predicate]: the input of one filtered edge. */
internal class FilteredInput<out T>(
    override val node: StreamNode<T>,
    val predicate: (Any?) -> Boolean,
) : StreamInput<T> {
    override fun toString(): String = "${node.name} where …"
}

/** A typed handle to one node of one stream graph; [T] is the type of the items it emits. */
public class StreamNode<out T> internal constructor(
    internal val graph: Any,
    /** The node's position in declaration order. */
    public val index: Int,
    /** The node's name, unique in its graph. */
    public val name: String,
    /** Source, stage or sink. */
    public val kind: StreamNodeKind,
) : StreamInput<T> {
    /** This node itself: as an input, it sends every item it emits. */
    override val node: StreamNode<T> get() = this

    /**
     * This node's items that pass [predicate], as the input of one edge: `sink("big", numbers.where { it > 9 }) { … }`.
     * The other edges of this node are not affected; an item no edge accepts is dropped (counted as refused
     * in each edge's [EdgeStats]). The predicate runs in the emitting body's `emit`, so what it throws fails
     * the emitting item.
     */
    @JvmSynthetic
    public fun where(predicate: (T) -> Boolean): StreamInput<T> =
        FilteredInput(this) { item ->
            @Suppress("UNCHECKED_CAST")
            predicate(item as T)
        }

    override fun toString(): String = "StreamNode($name)"
}

/**
 * How a batch stage or sink groups its items: lists of up to [size] items, handed over when full, when
 * [linger] has passed since a list's first item, or when the node's inputs end (the last list may be shorter).
 */
public class Batching internal constructor(
    /** The most items in one list. */
    public val size: Int,
    /** How long a list waits for more items after its first, in nanoseconds; `Long.MAX_VALUE` waits for a full list or the end. */
    public val lingerNanos: Long,
) {
    /** How long a list waits for more items after its first; [Duration.INFINITE] waits for a full list or the end. */
    @get:JvmSynthetic
    public val linger: Duration get() = if (lingerNanos == Long.MAX_VALUE) Duration.INFINITE else lingerNanos.nanoseconds

    override fun toString(): String = "Batching(size $size, linger $linger)"
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
            runInterruptible(dispatcher) { body.apply(item as A) { out.add(it) } }
            for (emitted in out) emit(emitted)
        }
    }

    /** Adds a sink whose blocking body runs on [executor] (`Dispatchers.IO` when null). */
    @AdagioInteropApi
    public fun <A> sinkBlocking(
        name: String,
        inputs: List<StreamInput<A>>,
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

    /** [batchStage] for Java: [lingerNanos] (`Long.MAX_VALUE` waits for full lists), the body returns a stage. */
    @AdagioInteropApi
    public fun <A, R> batchStageAsync(
        name: String,
        inputs: List<StreamInput<A>>,
        size: Int,
        lingerNanos: Long,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        body: StageFunction<List<A>, R>,
    ): StreamNode<R> =
        add(name, StreamNodeKind.STAGE, inputs, workers, buffer, onError, batching(name, size, lingerNanos)) { items ->
            @Suppress("UNCHECKED_CAST")
            body.apply(items as List<A>, forJava as JavaEmitter<R>).awaitFor(nameOf())
        }

    /** [batchSink] for Java: the body returns a stage that completes when the list is consumed. */
    @AdagioInteropApi
    public fun <A> batchSinkAsync(
        name: String,
        inputs: List<StreamInput<A>>,
        size: Int,
        lingerNanos: Long,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        body: java.util.function.Function<in List<A>, out CompletionStage<*>?>,
    ): StreamNode<Nothing> =
        add(name, StreamNodeKind.SINK, inputs, workers, buffer, onError, batching(name, size, lingerNanos)) { items ->
            @Suppress("UNCHECKED_CAST")
            body.apply(items as List<A>).awaitFor(nameOf())
        }

    /** [batchSink] for Java with a blocking body, run on [executor] (`Dispatchers.IO` when null) and interrupted when the run stops. */
    @AdagioInteropApi
    public fun <A> batchSinkBlocking(
        name: String,
        inputs: List<StreamInput<A>>,
        size: Int,
        lingerNanos: Long,
        workers: Int,
        buffer: Int,
        onError: FailurePolicy?,
        executor: Executor?,
        body: java.util.function.Consumer<in List<A>>,
    ): StreamNode<Nothing> {
        val dispatcher = blockingDispatcherFor(executor)
        return add(name, StreamNodeKind.SINK, inputs, workers, buffer, onError, batching(name, size, lingerNanos)) { items ->
            @Suppress("UNCHECKED_CAST")
            runInterruptible(dispatcher) { body.accept(items as List<A>) }
        }
    }

    private fun batching(
        name: String,
        size: Int,
        linger: Duration,
    ): Batching {
        if (linger.isNegative()) throw DagDefinitionException(Messages.badLinger(name, linger.toString()))
        return batching(name, size, if (linger.isInfinite()) Long.MAX_VALUE else linger.inWholeNanoseconds)
    }

    private fun batching(
        name: String,
        size: Int,
        lingerNanos: Long,
    ): Batching {
        if (size < 1) throw DagDefinitionException(Messages.badBatchSize(name, size))
        if (lingerNanos < 0) throw DagDefinitionException(Messages.badLinger(name, "$lingerNanos ns"))
        return Batching(size, lingerNanos)
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
        if (name.isBlank()) throw DagDefinitionException(Messages.emptyName(this.name))
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

    /** How [node] groups its items when it is a batch stage or sink; null when it takes one item at a time. */
    public fun batching(node: StreamNode<*>): Batching? = specs[own(node)].batching

    /** Whether [node] has a router ([StreamBuilder.route]), which picks the one edge each of its items takes. */
    public fun isRouted(node: StreamNode<*>): Boolean = specs[own(node)].router != null

    /**
     * Every edge, in declaration order of its consumer, then of its inputs; each says whether it is
     * filtered and whether its emitting node routes.
     */
    public val edges: List<StreamEdge> by lazy(LazyThreadSafetyMode.PUBLICATION) {
        specs.indices.flatMap { to ->
            specs[to].inputs.mapIndexed { k, from ->
                StreamEdge(nodes[from], nodes[to], specs[to].filters[k] != null, specs[from].router != null)
            }
        }
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
