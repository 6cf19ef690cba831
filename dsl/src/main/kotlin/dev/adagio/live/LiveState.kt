package dev.adagio.live

import dev.adagio.DagBuilder
import dev.adagio.Messages
import dev.adagio.Node
import dev.adagio.NodeKind
import dev.adagio.PolicySpec
import dev.adagio.Pool
import dev.adagio.Retry
import dev.adagio.close
import dev.adagio.internal.Added
import dev.adagio.internal.Execution
import dev.adagio.internal.Grower
import dev.adagio.internal.Inbox
import dev.adagio.internal.Invoker
import dev.adagio.internal.lambdaInvoker
import dev.adagio.recordLive
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.launch

/** What a [LiveScope] view declares its nodes with. */
internal class LiveOptions(
    val timeoutNanos: Long,
    val retry: Retry?,
    val pool: Pool?,
    val after: List<Node<*>>,
    /** Where the body runs, dispatched (see `dispatched` nodes); null for inline on the run's driver. */
    val dispatcher: CoroutineDispatcher? = null,
    val weight: Long = 1,
    val fallback: java.util.function.Function<in Throwable, *>? = null,
) {
    /** These options as a node's policies: what a dag node declares with modifiers. */
    fun spec(kind: NodeKind): PolicySpec? {
        val on = dispatcher?.takeIf { kind != NodeKind.BLOCKING }
        if (timeoutNanos == 0L && retry == null && pool == null && on == null && weight == 1L && fallback == null) return null
        return PolicySpec(timeoutNanos, retry, pool, weight, fallback, on)
    }

    companion object {
        val NONE = LiveOptions(0, null, null, emptyList())
    }
}

/**
 * One live graph: the declarations its block and its nodes make, each handed to the run's driver as it
 * is made. The run itself is an ordinary run of the driver, which adds each declared node as it reads it.
 */
internal class LiveState<R>(
    name: String,
    private val block: suspend LiveScope.() -> Node<R>,
) : Grower {
    /** Validates and names the declarations, as any builder does; never built. */
    val builder: DagBuilder<Unit> = DagBuilder.create(name)
    private val graphName = name
    private val scope = LiveScope(this, LiveOptions.NONE)
    private lateinit var run: Execution<*, *>
    private lateinit var coroutines: CoroutineScope
    private var closed = false

    override fun start(
        run: Execution<*, *>,
        scope: CoroutineScope,
    ) {
        this.run = run
        coroutines = scope
        scope.launch(start = CoroutineStart.UNDISPATCHED) {
            var output = -1
            var error: Throwable? = null
            try {
                val node = this@LiveState.scope.block()
                output = synchronized(this@LiveState) { builder.ownNode(node) }
            } catch (e: Throwable) {
                error = e
            }
            run.post(Grower.Ended(output, error))
        }
    }

    override fun close(inbox: Inbox): Boolean =
        synchronized(this) {
            if (!inbox.isEmpty()) return false
            closed = true
            builder.close()
            true
        }

    override fun ended() {
        synchronized(this) {
            closed = true
            builder.close()
        }
    }

    internal fun <T> unnamed(
        kind: NodeKind,
        declare: (String) -> Node<T>,
    ): Node<T> = synchronized(this) { builder.unnamed(kind) { declare(it) } }

    /** Declares a node and hands it to the driver, in one step, so the driver reads nodes in declaration order. */
    internal fun <T> declare(
        name: String,
        kind: NodeKind,
        inputs: List<Node<*>>,
        options: LiveOptions,
        body: suspend LiveNodeScope.(List<Any?>) -> T,
    ): Node<T> =
        synchronized(this) {
            // A graph whose block returned takes no node; once the run stopped (failure or the caller's
            // cancellation), declaring ends the declaring code.
            check(!closed) { Messages.liveEnded(graphName) }
            coroutines.ensureActive()
            val data = builder.ownAll(inputs)
            val node = builder.recordLive<T>(name, kind, inputs, options.after)
            val deps = IntArray(data.size + options.after.size) { if (it < data.size) data[it] else options.after[it - data.size].index }
            val raw: Invoker = lambdaInvoker { LiveNodeScope(this, scope).body(dataInputs()) }
            val spec = options.spec(kind)
            run.post(Added(node, spec?.wrap(raw) ?: raw, deps, data.size, spec))
            node
        }
}
