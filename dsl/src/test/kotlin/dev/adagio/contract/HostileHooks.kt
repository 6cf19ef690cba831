package dev.adagio.contract

import dev.adagio.DagRun
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeOutcome
import dev.adagio.RunOptions
import dev.adagio.observe.InterceptedAttempt
import dev.adagio.observe.NodeInterceptor
import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import dev.adagio.stream.StreamListener
import dev.adagio.stream.StreamRun
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.runInterruptible
import kotlinx.coroutines.withContext
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.concurrent.locks.LockSupport
import kotlin.coroutines.CoroutineContext

/** The shapes of body the engine calls user hooks around: each runs its code where the shape says. */
val bodyShapes: List<Pair<String, suspend () -> Unit>> =
    listOf(
        "inline" to {},
        "suspending" to { delay(1) },
        "launching a child" to { CoroutineScope(currentCoroutineContext()).launch { delay(1) } },
        "blocking" to { runInterruptible(Dispatchers.IO) { Thread.sleep(1) } },
        "dispatched" to { withContext(Dispatchers.Default) { delay(1) } },
    )

/** What a hostile hook throws: each kind of throwable a user's code can throw. */
class HookError(
    message: String,
) : Error(message)

class HookFailure(
    message: String,
) : RuntimeException(message)

class HookChecked(
    message: String,
) : Exception(message)

/** One throwable of each kind: an `Error`, a `RuntimeException`, a checked exception. */
fun hostileThrowables(where: String): List<Throwable> = listOf(HookError(where), HookFailure(where), HookChecked(where))

/** Throws [error] from Java-free Kotlin code, checked or not. */
fun raise(error: Throwable): Nothing = throw error

/** An interceptor whose frames throw [error] from `makeCurrent` or from what it returns's `close`. */
fun throwingFrames(
    error: Throwable,
    inClose: Boolean,
): NodeInterceptor = hostileInterceptor(if (inClose) Hook.FRAME_CLOSE else Hook.FRAME_CURRENT) { raise(error) }

/**
 * Runs [block] on a thread of its own and fails unless it ends within [seconds]: a run that hangs where
 * its caller's own timeout cannot end it still fails the test. What reached the coroutines' exception
 * handler of the caller's context is returned with the block's outcome.
 */
fun <T> endsWithin(
    seconds: Long,
    block: suspend CoroutineScope.() -> T,
): Pair<Result<T>, List<Throwable>> {
    val uncaught = syncList<Throwable>()
    val handler = CoroutineExceptionHandler { _, e -> uncaught += e }
    val future = CompletableFuture<Result<T>>()
    val thread =
        Thread {
            future.complete(runCatching { runBlocking(Dispatchers.Default + handler as CoroutineContext) { block() } })
        }
    thread.isDaemon = true
    thread.start()
    val result =
        try {
            future.get(seconds, TimeUnit.SECONDS)
        } catch (e: TimeoutException) {
            thread.interrupt()
            throw AssertionError("still running after $seconds s: the run hangs", e)
        }
    return result to uncaught.toList()
}

/** The node failure a run ended with, or an assertion error naming how it ended instead. */
fun Result<*>.nodeFailure(): NodeFailedException =
    exceptionOrNull() as? NodeFailedException ?: throw AssertionError("expected a NodeFailedException, got $this", exceptionOrNull())

/** The user callbacks the engine calls: the contract suite's hostile-hook column throws from each, or blocks in it. */
enum class Hook {
    BODY,
    LISTENER,
    INTERCEPTOR_ATTEMPT,
    FRAME_CURRENT,
    FRAME_CLOSE,
    INTERCEPTOR_END,
    FALLBACK,
    RETRY_PREDICATE,
    ROUTER,
    FILTER,
    EXECUTOR,
    ;

    /** Whether what the callback throws fails node "work"; a listener's and an attempt's end are reported, and the run goes on. */
    val failsWork: Boolean get() = this != LISTENER && this != INTERCEPTOR_END
}

/** A listener (of runs and of streams) that calls [act] at every event when [hook] is [Hook.LISTENER]. */
class HostileListener(
    private val hook: Hook,
    private val act: () -> Unit,
) : RunListener,
    StreamListener {
    private fun maybe() {
        if (hook == Hook.LISTENER) act()
    }

    override fun onRunStarted(run: RunInfo) = maybe()

    override fun onNodeStarted(
        run: RunInfo,
        node: Node<*>,
        atNanos: Long,
    ) = maybe()

    override fun onNodeFinished(
        run: RunInfo,
        outcome: NodeOutcome<*>,
    ) = maybe()

    override fun onRunFinished(
        run: RunInfo,
        result: DagRun<*>,
        error: Throwable?,
    ) = maybe()

    override fun onStreamStarted(run: StreamRun) = maybe()

    override fun onStreamFinished(
        run: StreamRun,
        error: Throwable?,
    ) = maybe()
}

/**
 * An interceptor that calls [act] in node "work"'s `onAttempt`, in its frame's `makeCurrent`, in the
 * `close` of what that returned, or in the frame's `onEnd`, as [hook] says.
 */
fun hostileInterceptor(
    hook: Hook,
    act: () -> Unit,
): NodeInterceptor =
    object : NodeInterceptor {
        override fun onAttempt(
            run: RunInfo,
            node: Node<*>,
            attempt: Int,
        ): InterceptedAttempt {
            if (node.name != "work") return InterceptedAttempt.NONE
            if (hook == Hook.INTERCEPTOR_ATTEMPT) act()
            return object : InterceptedAttempt {
                override fun makeCurrent(): AutoCloseable? {
                    if (hook == Hook.FRAME_CURRENT) act()
                    return if (hook == Hook.FRAME_CLOSE) AutoCloseable { act() } else null
                }

                override fun onEnd(error: Throwable?) {
                    if (hook == Hook.INTERCEPTOR_END) act()
                }
            }
        }
    }

/** An executor that calls [act] in `execute` when [hook] is [Hook.EXECUTOR], and runs each task on a thread of its own. */
fun hostileExecutor(
    hook: Hook,
    act: () -> Unit,
): Executor =
    Executor { task ->
        if (hook == Hook.EXECUTOR) act()
        Thread(task, "hostile-executor").apply { isDaemon = true }.start()
    }

/** The options of a run with every run-wide hook: a listener and an interceptor, hostile where [hook] says. */
fun hostileOptions(
    hook: Hook,
    act: () -> Unit,
): RunOptions = RunOptions(listeners = listOf(HostileListener(hook, act)), interceptors = listOf(hostileInterceptor(hook, act)))

/** A callback that blocks until [open], ignoring interruption: "forever", for as long as the test needs. */
class Gate {
    @Volatile private var opened = false

    fun block() {
        while (!opened) LockSupport.parkNanos(1_000_000)
    }

    fun open() {
        opened = true
    }
}
