package dev.adagio.stream

import kotlinx.coroutines.CopyableThreadContextElement
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.future.future
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import java.util.concurrent.atomic.AtomicLongArray
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * One worker's counts (a source's: its own), in slots of one array: written by that worker without
 * contention, summed over a node's workers on read. Items taken and done are written only by the
 * worker's own loop ([add], [set]: a plain store made visible in order); what a body emits may come from
 * several coroutines at once (a source's children, a Java body's emits), so those slots use an atomic
 * increment ([count]), uncontended in the usual case.
 */
internal class Tally(
    edges: Int,
) {
    private val slots = AtomicLongArray(PAD + FIXED + 2 * edges + PAD)

    fun add(
        slot: Int,
        n: Long,
    ) = slots.lazySet(PAD + slot, slots.get(PAD + slot) + n)

    fun count(
        slot: Int,
        n: Long,
    ) {
        slots.getAndAdd(PAD + slot, n)
    }

    fun set(
        slot: Int,
        value: Long,
    ) = slots.lazySet(PAD + slot, value)

    fun read(slot: Int): Long = slots.get(PAD + slot)

    companion object {
        /** Slots before and after the counts, so that two workers' tallies never share a cache line. */
        const val PAD = 8
        const val TAKEN = 0
        const val DONE = 1
        const val EMITTED = 2
        const val FAILED = 3
        const val BUSY = 4
        const val FIXED = 5

        fun carried(edge: Int) = FIXED + 2 * edge

        fun refused(edge: Int) = FIXED + 2 * edge + 1
    }
}

/** What a worker runs for each item: the node's body on the current [item]. One per worker, reused item after item. */
internal class ItemBlock(
    private val spec: StreamNodeSpec,
    private val worker: StreamWorker,
    /** Tells whether the current item's body launched a coroutine in the worker's scope. */
    @JvmField val watch: LaunchWatch,
) {
    /** The item being processed (a batch node: its list). */
    @JvmField var item: Any? = null

    /** How many items [item] stands for while it is processed; 0 between items. */
    @JvmField var count: Int = 0

    suspend fun invoke() {
        val consume = spec.consume
        return if (consume != null) consume(item) else spec.body(worker, item)
    }
}

/**
 * An element of a worker's context that notices when a coroutine is launched in it: kotlinx.coroutines
 * asks such an element for its copy whenever it creates a coroutine whose context inherits it (`launch`,
 * `async`, `future`, in the worker's scope or under it), and never otherwise. So a worker knows, without
 * looking through its job's children, whether an item's body left anything to wait for. It keeps no thread state.
 */
@OptIn(ExperimentalCoroutinesApi::class, DelicateCoroutinesApi::class)
internal class LaunchWatch :
    AbstractCoroutineContextElement(LaunchWatch),
    CopyableThreadContextElement<Unit> {
    /** Set when a coroutine was launched since the worker last cleared it; read and cleared by the worker (a plain field: a launch from another thread happens before the body that made it resumes). */
    @JvmField var launched = false

    companion object Key : CoroutineContext.Key<LaunchWatch>

    override fun copyForChild(): CopyableThreadContextElement<Unit> {
        launched = true
        return this
    }

    override fun mergeForChild(overwritingElement: CoroutineContext.Element): CoroutineContext = overwritingElement

    override fun updateThreadContext(context: CoroutineContext) {}

    override fun restoreThreadContext(
        context: CoroutineContext,
        oldState: Unit,
    ) {}
}

/** A source's or worker's view of the run: the emitter its body receives. */
internal class StreamWorker(
    private val run: StreamRun,
    private val node: Int,
    override val coroutineContext: CoroutineContext,
    private val tally: Tally,
    override val arguments: List<Any?> = emptyList(),
) : SourceScope<Any?> {
    // The usual case allocates nothing: sent without suspending, and the call that may suspend is a tail call.
    override suspend fun emit(item: Any?) {
        val rest = run.tryEmit(node, tally, item)
        return if (rest == StreamRun.SENT) Unit else run.emitRest(node, tally, item, rest)
    }

    /** The same emitter for Java bodies: the stage completes once the item is sent downstream. */
    val forJava: JavaEmitter<Any?> by lazy(LazyThreadSafetyMode.NONE) {
        val scope = CoroutineScope(coroutineContext)
        JavaEmitter { item -> scope.future(start = CoroutineStart.UNDISPATCHED) { run.emit(node, tally, item).let { null } } }
    }

    fun nameOf(): String = run.graph.nodes[node].name
}
