package dev.adagio.stream

import kotlinx.coroutines.CopyableThreadContextElement
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.future.future
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import java.util.concurrent.atomic.AtomicLongArray
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn

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

    /**
     * Calls the body on [item]. With a [hand], the call is made as the compiler makes a suspend call,
     * with the caller's continuation, so that a body that suspends is seen doing it: the worker then gives
     * up its hand at once ([WorkerHand.end]). The caller, resumed on another thread, waits until that is
     * done ([WorkerHand.awaitOwner]). A tail call, so that an item allocates no frame here.
     */
    suspend fun invoke(hand: WorkerHand?) {
        if (hand == null) {
            val consume = spec.consume
            return if (consume != null) consume(item) else spec.body(worker, item)
        }
        return suspendCoroutineUninterceptedOrReturn { cont: Continuation<Unit> ->
            val result = start(cont)
            if (result === COROUTINE_SUSPENDED) hand.end()
            result
        }
    }

    // A suspend function value is a function of one more argument, its continuation (as kotlinx.coroutines
    // starts its blocks); cast once per worker, not per item.
    @Suppress("UNCHECKED_CAST")
    private val consumeRaw = spec.consume as Function2<Any?, Continuation<Unit>, Any?>?

    @Suppress("UNCHECKED_CAST")
    private val bodyRaw = spec.body as Function3<StreamWorker, Any?, Continuation<Unit>, Any?>

    private fun start(cont: Continuation<Unit>): Any? {
        val consume = consumeRaw
        return if (consume != null) consume.invoke(item, cont) else bodyRaw.invoke(worker, item, cont)
    }
}

/**
 * An element of a worker's context that notices when a coroutine is launched in it: kotlinx.coroutines
 * asks such an element for its copy whenever it creates a coroutine whose context inherits it (`launch`,
 * `async`, `future`, in the worker's scope or under it), and never otherwise. So a worker knows, without
 * looking through its job's children, whether an item's body left anything to wait for. It keeps no thread state.
 */
@OptIn(ExperimentalCoroutinesApi::class, DelicateCoroutinesApi::class)
internal class LaunchWatch(
    /** The worker's hand, whose staged items go downstream before anything a launched coroutine emits; null for a child's copy. */
    private val hand: WorkerHand? = null,
) : AbstractCoroutineContextElement(LaunchWatch),
    CopyableThreadContextElement<Unit> {
    /** Set when a coroutine was launched since the worker last cleared it; read and cleared by the worker (a plain field: a launch from another thread happens before the body that made it resumes). */
    @JvmField var launched = false

    companion object Key : CoroutineContext.Key<LaunchWatch>

    /** Whether the worker's own coroutine was launched with this element, which the first copy asked for is. */
    private var installed = false

    /**
     * The first copy asked for is the worker's launch, which gets this element itself. Every later one is a
     * coroutine launched under the worker: it gets another element, so a worker tells its own coroutine (and
     * its `withContext` blocks, which make no copy) from those it launched.
     */
    override fun copyForChild(): CopyableThreadContextElement<Unit> {
        if (!installed) {
            installed = true
            return this
        }
        launched = true
        hand?.flushForChild()
        return LaunchWatch().also { it.installed = true }
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
    /** A worker's hand (null for a source): emits on the thread that owns it are staged there. */
    private val hand: WorkerHand? = null,
    private val watch: LaunchWatch? = null,
) : SourceScope<Any?> {
    // The usual case allocates nothing: staged or sent without suspending, and the call that may suspend is a tail call.
    override suspend fun emit(item: Any?) {
        if (hand != null) {
            val owner = hand.owner
            if (owner === Thread.currentThread()) {
                val rest = run.tryEmit(node, tally, item, hand)
                if (rest == StreamRun.SENT) return
                hand.end()
                return run.emitRest(node, tally, item, rest)
            }
            // The worker's own coroutine, resumed here while its hand's last owner finishes giving it up.
            if (owner != null && currentCoroutineContext()[LaunchWatch] === watch) hand.awaitOwner()
        }
        val rest = run.tryEmit(node, tally, item, null)
        return if (rest == StreamRun.SENT) Unit else run.emitRest(node, tally, item, rest)
    }

    /** The same emitter for Java bodies: the stage completes once the item is sent downstream. */
    val forJava: JavaEmitter<Any?> by lazy(LazyThreadSafetyMode.NONE) {
        val scope = CoroutineScope(coroutineContext)
        JavaEmitter { item -> scope.future(start = CoroutineStart.UNDISPATCHED) { run.emit(node, tally, item).let { null } } }
    }

    fun nameOf(): String = run.graph.nodes[node].name
}

/**
 * Waits for what an item's body launched in its worker's [scope] (usually nothing, found without
 * waiting), or with [cancel], after a failed item, cancels it first; the worker's [hand] is given up
 * before any wait.
 */
internal suspend fun joinChildren(
    scope: Job,
    hand: WorkerHand?,
    cancel: Boolean = false,
) {
    while (true) {
        val child = scope.children.firstOrNull() ?: return
        hand?.end()
        if (cancel) child.cancelAndJoin() else child.join()
    }
}
