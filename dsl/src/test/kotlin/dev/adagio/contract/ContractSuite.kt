package dev.adagio.contract

import dev.adagio.AdagioDispatchers
import dev.adagio.BlockingDispatcher
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeOutcome
import dev.adagio.RunTimeoutException
import dev.adagio.ThreadLocalAttempt
import dev.adagio.observe.InterceptedAttempt
import dev.adagio.observe.NodeInterceptor
import dev.adagio.observe.RunInfo
import dev.adagio.stream.StreamFailedException
import dev.adagio.stress
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.future.await
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import java.io.IOException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.random.Random
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** An exception whose message and string form throw, as a hostile library's may. */
class HostileException : RuntimeException() {
    override val message: String get() = throw IllegalStateException("getMessage throws")

    override fun toString(): String = throw IllegalStateException("toString throws")
}

/** A `CompletionException` whose cause can still be set, to close a cycle of causes. */
class LoopingCompletion : CompletionException("outer")

/** A `CompletionException` and an `ExecutionException` that are each other's cause. */
fun cyclicCauses(): Throwable {
    val completion = LoopingCompletion()
    completion.initCause(ExecutionException("inner", completion))
    return completion
}

/** Busy for about [nanos] without suspending. */
fun spin(nanos: Long) {
    val end = System.nanoTime() + nanos
    while (System.nanoTime() < end) Thread.onSpinWait()
}

/**
 * The promises every graph kind keeps, as one set of tests run against each kind (as Guava runs one
 * abstract test class over every graph implementation). Real threads, with timeouts that turn a hang
 * into a failure.
 */
abstract class ContractSuite(
    kind: GraphKind,
) : FunSpec({
        fun contract(
            name: String,
            block: suspend CoroutineScope.() -> Unit,
        ) = test("$kind: $name") { runBlocking(Dispatchers.Default) { withTimeout(20.seconds) { block() } } }

        suspend fun failureOf(
            events: MutableList<String> = syncList(),
            next: () -> Unit = {},
            body: suspend () -> Unit,
        ): Ended.Failed {
            val ended = kind.runWork(body, next, events)
            ended.shouldBeInstanceOf<Ended.Failed>()
            ended.node shouldBe "work"
            if (kind.supportsListeners) events.last() shouldBe "runFinished"
            return ended
        }

        contract("a body that throws fails its node with the exception itself, and its dependent never starts") {
            val boom = IOException("boom")
            var nextRan = false
            failureOf(next = { nextRan = true }) { throw boom }.cause shouldBeSameInstanceAs boom
            nextRan shouldBe false
        }

        contract("a body that throws its own CancellationException fails its node, never a silent success or a hang") {
            failureOf { throw CancellationException("the body's own") }.cause.message shouldBe "the body's own"
        }

        contract("a body whose own withTimeout fires fails its node") {
            failureOf { withTimeout(1) { delay(10_000) } }.cause.shouldBeInstanceOf<TimeoutCancellationException>()
        }

        contract("a body that awaits a cancelled future fails its node") {
            failureOf { CompletableFuture<Unit>().also { it.cancel(false) }.await() }
                .cause
                .shouldBeInstanceOf<java.util.concurrent.CancellationException>()
        }

        contract("a child that fails after the body returned fails the node with the child's exception") {
            var nextRan = false
            val failure =
                failureOf(next = { nextRan = true }) {
                    CoroutineScope(currentCoroutineContext()).launch {
                        delay(20)
                        throw IOException("child")
                    }
                }
            failure.cause.shouldBeInstanceOf<IOException>().message shouldBe "child"
            if (!kind.emitsWhileRunning) nextRan shouldBe false
        }

        contract("a node is complete when its children are: the run, and the node's dependents, wait for them") {
            val log = syncList<String>()
            val events = syncList<String>()
            val ended =
                kind.runWork({
                    CoroutineScope(currentCoroutineContext()).launch {
                        delay(50)
                        log += "child done"
                    }
                }, { log += "next" }, events)
            ended shouldBe Ended.Succeeded
            if (kind.supportsListeners) events.last() shouldBe "runFinished"
            if (kind.emitsWhileRunning) {
                log shouldContainExactlyInAnyOrder listOf("child done", "next")
            } else {
                log shouldContainExactly
                    listOf("child done", "next")
            }
        }

        contract("a cause chain with a cycle is unwrapped without spinning, and reported") {
            val failure = failureOf { throw cyclicCauses() }
            failure.error.message shouldContain "work"
        }

        contract("an exception whose getMessage and toString throw is still reported as the node's failure") {
            val hostile = HostileException()
            val failure = failureOf { throw hostile }
            failure.cause shouldBeSameInstanceAs hostile
            failure.error.message shouldContain "work"
            failure.error.toString() shouldContain "work"
        }

        for (suspending in listOf(false, true)) {
            val bodies = if (suspending) "suspending bodies" else "bodies that never suspend"
            test("$kind: after the caller cancels at a random moment, no body starts, and none runs when the run returns ($bodies)") {
                val runs = 100 * stress
                val spinNanos = 10_000_000L / kind.wideSize
                val random = Random(16)
                var worst = 0L
                var lateStarts = 0
                repeat(runs) {
                    val running = AtomicInteger()
                    val cancelled = AtomicBoolean()
                    val late = AtomicInteger()
                    val pause = random.nextLong(1, 5)
                    val body: suspend () -> Unit = {
                        running.incrementAndGet()
                        if (cancelled.get()) late.incrementAndGet()
                        try {
                            if (suspending) delay(pause) else spin(spinNanos)
                        } finally {
                            running.decrementAndGet()
                        }
                    }
                    val scope = CoroutineScope(Dispatchers.Default)
                    val job = scope.launch { kind.runWide(body) }
                    spin(random.nextLong(0, 8_000_000))
                    job.cancel()
                    val cancelledAt = System.nanoTime()
                    cancelled.set(true)
                    runBlocking { withTimeout(20.seconds) { job.join() } }
                    worst = maxOf(worst, System.nanoTime() - cancelledAt)
                    running.get() shouldBe 0
                    // One body may pass its check just before the cancel and start just after it.
                    late.get() shouldBeLessThanOrEqual 1
                    lateStarts += late.get()
                }
                println(
                    "$kind: cancellation latency, worst of $runs runs with $bodies: ${"%.2f".format(worst / 1e6)} ms; " +
                        "bodies started just after the cancel: $lateStarts",
                )
                worst shouldBeLessThan 250_000_000L
            }
        }

        // CPU-bound nodes: two bodies that compute without suspending must run at the same time when they
        // are declared with the kind's switch, whatever thread the caller runs on. Each waits at a barrier
        // for the other, so running them one after the other cannot pass; the wait's limit only turns that
        // hang into a failure.
        for ((caller, context) in listOf("a plain thread" to EmptyCoroutineContext, "Dispatchers.Default" to Dispatchers.Default)) {
            test("$kind: dispatched CPU-bound nodes run in parallel, called from $caller") {
                val barrier = CyclicBarrier(2)
                val met = AtomicInteger()
                runBlocking(context) {
                    withTimeout(20.seconds) {
                        kind.runPair(dispatched = true) {
                            barrier.await(10, TimeUnit.SECONDS)
                            met.incrementAndGet()
                        }
                    }
                }
                met.get() shouldBe 2
            }
        }

        // The observation behind the switch: undispatched, such bodies share the caller's thread.
        test("$kind: undispatched CPU-bound nodes called from a plain thread run one at a time") {
            val overlap = AtomicInteger()
            val inside = AtomicInteger()
            runBlocking {
                kind.runPair(dispatched = false) {
                    if (inside.incrementAndGet() > 1) overlap.incrementAndGet()
                    spin(2_000_000)
                    inside.decrementAndGet()
                }
            }
            overlap.get() shouldBe 0
        }

        // Blocking bodies that name no dispatcher: on virtual threads where the JDK has them, else on
        // Dispatchers.IO; in parallel; and where the run's BlockingDispatcher says, when it has one.
        test("$kind: blocking bodies run in parallel on virtual threads on JDK 21+, on Dispatchers.IO before") {
            val barrier = CyclicBarrier(2)
            val threads = syncList<Thread>()
            runBlocking {
                withTimeout(20.seconds) {
                    kind.runBlockingPair {
                        threads += Thread.currentThread()
                        barrier.await(10, TimeUnit.SECONDS)
                    }
                }
            }
            threads.size shouldBe 2
            val virtual = Runtime.version().feature() >= 21
            AdagioDispatchers.blockingOnVirtualThreads() shouldBe virtual
            for (thread in threads) {
                isVirtual(thread) shouldBe virtual
                thread.name shouldStartWith (if (virtual) "adagio-blocking-" else "DefaultDispatcher-worker-")
            }
        }

        test("$kind: a run's BlockingDispatcher runs its blocking bodies") {
            val pool = Executors.newFixedThreadPool(2) { r -> Thread(r, "jdbc-pool") }
            try {
                val threads = syncList<String>()
                runBlocking(BlockingDispatcher(pool.asCoroutineDispatcher())) {
                    withTimeout(20.seconds) { kind.runBlockingPair { threads += Thread.currentThread().name } }
                }
                threads.map { it.substringBefore(" @") } shouldBe listOf("jdbc-pool", "jdbc-pool")
            } finally {
                pool.shutdownNow()
            }
        }

        // Java stages: any CompletionStage works, through CompletionStage methods only. The JDK's minimal
        // stage is a CompletableFuture whose isDone, get and cancel throw UnsupportedOperationException.
        if (kind.supportsStages) {
            contract("a node whose stage is a minimal CompletionStage, complete or not, takes its value") {
                kind.runStage { CompletableFuture.completedFuture(42).minimalCompletionStage() } shouldBe 42
                val later = CompletableFuture<Int>()
                Executors.newSingleThreadScheduledExecutor().let { timer ->
                    timer.schedule({ later.complete(7) }, 5, TimeUnit.MILLISECONDS)
                    timer.shutdown()
                }
                kind.runStage { later.minimalCompletionStage() } shouldBe 7
            }

            contract("a node whose minimal CompletionStage fails fails with the stage's exception") {
                val boom = IOException("boom")
                val error = runCatching { kind.runStage { CompletableFuture.failedStage(boom) } }.exceptionOrNull()
                generateSequence(error) { it.cause }.any { it === boom } shouldBe true
                (error as? NodeFailedException ?: error as? StreamFailedException).shouldNotBeNull()
                (error as? NodeFailedException)?.cause?.shouldBeSameInstanceAs(boom)
            }
        }

        // Executors: a blocking body's own InterruptedException, and an executor that rejects the body.
        if (kind.supportsExecutors) {
            contract("a blocking body's own InterruptedException (nothing cancelled) fails its node with that exception") {
                val pool = Executors.newSingleThreadExecutor()
                try {
                    val own = InterruptedException("the body's own")
                    val failure = kind.runOnExecutor(pool) { throw own }.shouldBeInstanceOf<Ended.Failed>()
                    failure.node shouldBe "work"
                    failure.cause shouldBeSameInstanceAs own
                } finally {
                    pool.shutdownNow()
                }
            }

            contract("an executor that rejects a blocking body fails its node with the executor's exception") {
                val rejection = java.util.concurrent.RejectedExecutionException("queue full")
                val failure = kind.runOnExecutor({ throw rejection }) {}.shouldBeInstanceOf<Ended.Failed>()
                failure.node shouldBe "work"
                failure.cause shouldBeSameInstanceAs rejection
                failure.error.message shouldContain "work"
            }
        }

        // The hostile-hook column: every user callback the kind calls throws each kind of throwable. What a
        // node's callback throws fails that node with the throwable itself; a listener's (or an attempt's
        // end) is reported and the run goes on. No run hangs, and nothing reaches the uncaught-exception handler.
        for (hook in kind.hooks) {
            test("$kind: a hostile $hook that throws an Error, a RuntimeException or a checked exception never hangs the run") {
                for (error in hostileThrowables("$hook")) {
                    val (result, uncaught) = endsWithin(20) { kind.runHooked(hook) { raise(error) } }
                    val ended = result.getOrThrow()
                    if (hook.failsWork) {
                        val failure = ended.shouldBeInstanceOf<Ended.Failed>()
                        failure.node shouldBe "work"
                        failure.cause shouldBeSameInstanceAs error
                    } else {
                        ended shouldBe Ended.Succeeded
                    }
                    uncaught shouldBe emptyList()
                }
            }
        }

        // ... and blocks forever, ignoring interruption, under a run timeout: a run started as a future fails
        // with RunTimeoutException at the timeout; its outcomes complete once the callback returns.
        if (kind.startsFutures) {
            for (hook in kind.hooks) {
                test("$kind: a hostile $hook that blocks forever under a run timeout: the future fails at the timeout") {
                    val gate = Gate()
                    val future = kind.startHooked(hook, gate::block, 100.milliseconds)
                    try {
                        val error = runCatching { future.get(20, TimeUnit.SECONDS) }.exceptionOrNull()
                        error.shouldBeInstanceOf<ExecutionException>().cause.shouldBeInstanceOf<RunTimeoutException>()
                    } finally {
                        gate.open()
                    }
                    future.outcomes().get(20, TimeUnit.SECONDS)
                }
            }
        }

        // Hostile frames: an interceptor's makeCurrent, or the AutoCloseable it returns, throws. kotlinx calls
        // them inside its own machinery, where an exception loses the node's completion (the run hung) or
        // reaches the uncaught-exception handler as a fatal error; the engine keeps them in the node.
        if (kind.supportsInterceptors) {
            for ((shape, body) in bodyShapes) {
                for (inClose in listOf(false, true)) {
                    val hook = if (inClose) "close() of what makeCurrent returned" else "makeCurrent()"
                    test("$kind: a frame whose $hook throws fails its node with that exception and nothing else ($shape body)") {
                        for (error in hostileThrowables(hook)) {
                            val (result, uncaught) = endsWithin(20) { kind.runIntercepted(throwingFrames(error, inClose), body) }
                            val failure = result.nodeFailure()
                            failure.nodeName shouldBe "work"
                            failure.cause shouldBeSameInstanceAs error
                            uncaught shouldBe emptyList()
                        }
                    }
                }
            }
        }

        // Interceptors: each attempt framed once, current inside the body on every thread it runs on and
        // in the children it launches, undone when the code leaves a thread, ended before the node's end.
        if (kind.supportsInterceptors) {
            test("$kind: an interceptor frames each attempt and is current in the body, across threads and in its children") {
                val current = ThreadLocal<String?>()
                val events = syncList<String>()
                val interceptor =
                    object : NodeInterceptor {
                        override fun onAttempt(
                            run: RunInfo,
                            node: Node<*>,
                            attempt: Int,
                        ): InterceptedAttempt {
                            events += "attempt:${node.name}#$attempt"
                            return object : ThreadLocalAttempt(current, "${node.name}#$attempt") {
                                override fun onEnd(error: Throwable?) {
                                    events += "end:${node.name}:${error?.javaClass?.simpleName}"
                                }
                            }
                        }

                        override fun onNodeFinished(
                            run: RunInfo,
                            outcome: NodeOutcome<*>,
                        ) {
                            events += "finished:${outcome.node.name}"
                        }
                    }
                val seen = syncList<String?>()
                runBlocking {
                    kind.runIntercepted(interceptor) {
                        seen += current.get()
                        delay(1)
                        seen += current.get()
                        withContext(Dispatchers.Default) { seen += current.get() }
                        CoroutineScope(currentCoroutineContext()).launch(Dispatchers.IO) { seen += current.get() }.join()
                    }
                    current.get() shouldBe null
                }
                seen shouldBe List(4) { "work#1" }
                events.filter { "work" in it } shouldBe listOf("attempt:work#1", "end:work:null", "finished:work")
                events.filter { "next" in it } shouldBe listOf("attempt:next#1", "end:next:null", "finished:next")
                current.get() shouldBe null
            }
        }
    })

/** `Thread.isVirtual()`, which JDK 17 lacks. */
private fun isVirtual(thread: Thread): Boolean =
    runCatching { Thread::class.java.getMethod("isVirtual").invoke(thread) as Boolean }.getOrDefault(false)
