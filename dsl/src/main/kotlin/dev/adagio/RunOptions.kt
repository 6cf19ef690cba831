@file:OptIn(AdagioRemoteApi::class)

package dev.adagio

import dev.adagio.internal.dispatcherFor
import dev.adagio.observe.NodeInterceptor
import dev.adagio.observe.RunListener
import kotlinx.coroutines.asContextElement
import java.util.concurrent.Executor
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * How one run behaves, immutable. Kotlin callers name what they change; Java callers start from
 * [defaults] and chain `with` methods.
 *
 * ```
 * dag.run(input, RunOptions(failurePolicy = FailurePolicy.CONTINUE, maxConcurrency = 4, timeout = 30.seconds))
 * ```
 *
 * ```java
 * dag.run(input, RunOptions.defaults().withMaxConcurrency(4).withTimeout(Duration.ofSeconds(30)));
 * ```
 */
public class RunOptions private constructor(
    /** When not empty, only these nodes and their ancestors run. */
    public val targets: List<Node<*>>,
    /** Whether one node runs at a time, in topological order. */
    public val sequential: Boolean,
    /** What a failure does to the rest of the run. */
    public val failurePolicy: FailurePolicy,
    /** At most this many nodes of the run at once ([Int.MAX_VALUE]: no limit). */
    public val maxConcurrency: Int,
    /** The run's time limit in nanoseconds, 0 for none. */
    public val timeoutNanos: Long,
    /** Which ready node goes first when not all may start. */
    public val scheduling: Scheduling,
    /** Where `runAsync` runs the engine; null for `Dispatchers.Default`. Ignored by suspending runs. */
    @AdagioInteropApi
    public val executor: Executor?,
    /** Who hears of the run's events. */
    public val listeners: List<RunListener>,
    /** What frames each node attempt (tracing, metrics); each also hears the run's events, as a listener does. */
    public val interceptors: List<NodeInterceptor>,
    /**
     * Thread-locals whose values, read on the thread that calls `runAsync`, are set around every node
     * body of that run, on whatever thread it runs. (Suspending runs propagate coroutine context
     * elements instead: see `ThreadLocal.asContextElement`.)
     */
    @AdagioInteropApi
    public val threadLocals: List<ThreadLocal<*>>,
    /**
     * Coroutine context elements added to runs started from outside coroutines (`runAsync`, the Java
     * facade), after the executor's dispatcher: a test kit's clock and test dispatcher. Suspending runs
     * take the caller's context instead.
     */
    private val coroutineContext: CoroutineContext,
    /** The body every node runs instead of its own, when its nodes are computed elsewhere ([withRemoteBodies]); else null. */
    internal val remote: dev.adagio.internal.Invoker? = null,
    /** Where a run made elsewhere stopped, to go on from ([resumingFrom]); else null. */
    internal val resume: RemoteProgress? = null,
) {
    init {
        if (maxConcurrency < 1) throw IllegalArgumentException(Messages.badConcurrency(maxConcurrency))
        if (timeoutNanos < 0) throw IllegalArgumentException(Messages.badTimeout("a run", timeoutNanos))
    }

    /** Options for Kotlin callers: name only what differs from the defaults. */
    public constructor(
        targets: Collection<Node<*>> = emptyList(),
        sequential: Boolean = false,
        failurePolicy: FailurePolicy = FailurePolicy.FAIL_FAST,
        maxConcurrency: Int = Int.MAX_VALUE,
        timeout: Duration? = null,
        scheduling: Scheduling = Scheduling.CRITICAL_PATH,
        listeners: List<RunListener> = emptyList(),
        interceptors: List<NodeInterceptor> = emptyList(),
    ) : this(
        targets.toList(),
        sequential,
        failurePolicy,
        maxConcurrency,
        timeout.nanos(),
        scheduling,
        null,
        listeners.toList(),
        interceptors.toList(),
        emptyList(),
        EmptyCoroutineContext,
    )

    /** These options, running only [targets] and their ancestors (every node when none). */
    public fun withTargets(vararg targets: Node<*>): RunOptions = copy(targets = targets.toList())

    /** These options, running only [targets] and their ancestors (every node when empty). */
    public fun withTargets(targets: Collection<Node<*>>): RunOptions = copy(targets = targets.toList())

    /** These options, one node at a time in topological order when [sequential] (for debugging). */
    public fun withSequential(sequential: Boolean): RunOptions = copy(sequential = sequential)

    /** These options with failure policy [policy]: fail-fast (the default) or continue. */
    public fun withFailurePolicy(policy: FailurePolicy): RunOptions = copy(failurePolicy = policy)

    /** These options, with at most [limit] nodes running at once (at least 1). */
    public fun withMaxConcurrency(limit: Int): RunOptions = copy(maxConcurrency = limit)

    /** These options, cancelling the run when it takes longer than [timeout] (`RunTimeoutException`). */
    @JvmSynthetic
    public fun withTimeout(timeout: Duration): RunOptions = copy(timeoutNanos = timeout.nanos())

    /** These options with a run timeout, for Java callers; see the Kotlin `withTimeout`. */
    @AdagioInteropApi
    public fun withTimeout(timeout: java.time.Duration): RunOptions = withTimeout(timeout.toKotlinDuration())

    /** These options, choosing among ready nodes by [scheduling] when not all may start. */
    public fun withScheduling(scheduling: Scheduling): RunOptions = copy(scheduling = scheduling)

    /** These options, with `runAsync`'s engine work on [executor] (`Dispatchers.Default` when null). */
    @AdagioInteropApi
    public fun withExecutor(executor: Executor?): RunOptions = copy(executor = executor)

    /** These options with [listener] added. */
    public fun withListener(listener: RunListener): RunOptions = copy(listeners = listeners + listener)

    /** These options with [interceptor] added, around every node attempt (after those added before it). */
    public fun withInterceptor(interceptor: NodeInterceptor): RunOptions = copy(interceptors = interceptors + interceptor)

    /** These options with [threadLocal]'s value carried into node bodies by `runAsync`. */
    @AdagioInteropApi
    public fun withThreadLocal(threadLocal: ThreadLocal<*>): RunOptions = copy(threadLocals = threadLocals + threadLocal)

    /**
     * These options with [context]'s elements added to the context of runs started outside coroutines
     * (`runAsync`, the Java facade), after the executor's dispatcher: how the test kit's `VirtualTime`
     * runs Java-started graphs in virtual time. Kotlin only (Java sees no coroutine types).
     */
    @JvmSynthetic
    public fun withCoroutineContext(context: CoroutineContext): RunOptions = copy(coroutineContext = coroutineContext + context)

    /**
     * The context of a run started from outside coroutines: the executor's dispatcher, the thread-locals,
     * then [coroutineContext].
     */
    internal fun asyncContext(): CoroutineContext =
        threadLocals.fold<_, CoroutineContext>(dispatcherFor(executor)) { context, local -> context + local.asContextElement() } +
            coroutineContext

    private fun copy(
        targets: List<Node<*>> = this.targets,
        sequential: Boolean = this.sequential,
        failurePolicy: FailurePolicy = this.failurePolicy,
        maxConcurrency: Int = this.maxConcurrency,
        timeoutNanos: Long = this.timeoutNanos,
        scheduling: Scheduling = this.scheduling,
        executor: Executor? = this.executor,
        listeners: List<RunListener> = this.listeners,
        interceptors: List<NodeInterceptor> = this.interceptors,
        threadLocals: List<ThreadLocal<*>> = this.threadLocals,
        coroutineContext: CoroutineContext = this.coroutineContext,
        remote: dev.adagio.internal.Invoker? = this.remote,
        resume: RemoteProgress? = this.resume,
    ) = RunOptions(
        targets,
        sequential,
        failurePolicy,
        maxConcurrency,
        timeoutNanos,
        scheduling,
        executor,
        listeners,
        interceptors,
        threadLocals,
        coroutineContext,
        remote,
        resume,
    )

    internal fun withRemote(remote: dev.adagio.internal.Invoker): RunOptions = copy(remote = remote)

    internal fun withResume(resume: RemoteProgress): RunOptions = copy(resume = resume)

    /** The default options, for Java callers. */
    public companion object {
        private val DEFAULTS = RunOptions()

        /** Every node, concurrently, fail-fast, no limit, no timeout, critical-path first. */
        @JvmStatic
        public fun defaults(): RunOptions = DEFAULTS

        private fun Duration?.nanos(): Long =
            when {
                this == null -> 0
                !isPositive() -> throw IllegalArgumentException(Messages.badTimeout("a run", inWholeNanoseconds))
                else -> inWholeNanoseconds
            }
    }
}
