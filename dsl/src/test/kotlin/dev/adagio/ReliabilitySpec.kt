package dev.adagio

import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import io.kotest.common.ExperimentalKotest
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.property.Arb
import io.kotest.property.PropTestConfig
import io.kotest.property.arbitrary.long
import io.kotest.property.checkAll
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import java.io.IOException
import java.util.Collections
import java.util.concurrent.atomic.AtomicIntegerArray
import kotlin.random.Random
import kotlin.time.Duration.Companion.milliseconds

/** Checks that a run's events form a consistent sequence. */
class SequenceChecker(
    private val size: Int,
) : RunListener {
    private val started = BooleanArray(size)
    private val finished = BooleanArray(size)
    var runStarted = 0
    var runFinished = 0
    val problems: MutableList<String> = Collections.synchronizedList(mutableListOf())

    override fun onRunStarted(run: RunInfo) {
        runStarted++
    }

    override fun onNodeStarted(
        run: RunInfo,
        node: Node<*>,
        atNanos: Long,
    ) {
        if (runStarted != 1 || runFinished != 0) problems += "start of ${node.name} outside the run"
        if (started[node.index]) problems += "${node.name} started twice"
        started[node.index] = true
    }

    override fun onNodeRetrying(
        run: RunInfo,
        node: Node<*>,
        failedAttempt: Int,
        error: Throwable,
        delayNanos: Long,
    ) {
        if (!started[node.index] || finished[node.index]) problems += "retry of ${node.name} outside its run"
    }

    override fun onNodeFinished(
        run: RunInfo,
        outcome: NodeOutcome<*>,
    ) {
        val i = outcome.node.index
        if (finished[i]) problems += "${outcome.node.name} finished twice"
        if (!started[i] && outcome.status != NodeStatus.SKIPPED) problems += "${outcome.node.name} finished without starting"
        finished[i] = true
    }

    override fun onRunFinished(
        run: RunInfo,
        result: DagRun<*>,
        error: Throwable?,
    ) {
        runFinished++
        for (outcome in result.outcomes.drop(1)) {
            val i = outcome.node.index
            val expectFinished = outcome.status != NodeStatus.NOT_STARTED
            if (finished[i] != expectFinished) problems += "${outcome.node.name} is ${outcome.status} but finished=${finished[i]}"
        }
    }
}

@OptIn(ExperimentalKotest::class)
class ReliabilitySpec :
    FunSpec({
        test("under random shapes, delays, failures, policies and cancellations, every invariant holds") {
            checkAll(500 * stress, PropTestConfig(seed = 99), Arb.long()) { seed ->
                val random = Random(seed)
                val size = if (random.nextDouble() < 0.9) random.nextInt(1, 60) else random.nextInt(60, 2000)
                val shape = random.nextInt(3)
                val deps =
                    List(size) { i ->
                        when {
                            i == 0 -> emptyList()
                            shape == 0 -> listOf(i - 1)
                            shape == 1 -> listOf(0)
                            else -> List(random.nextInt(0, minOf(i, 4) + 1)) { random.nextInt(0, i) }.distinct()
                        }
                    }
                val millis = List(size) { random.nextLong(0, 20) }
                val failing = BooleanArray(size) { random.nextDouble() < 0.05 }
                val continueOnFailure = random.nextBoolean()
                val retries = if (random.nextBoolean()) Retry.fixed(2, 1.milliseconds) else null
                val timeouts = random.nextBoolean()
                val pool = if (random.nextBoolean()) Pool("p$seed", random.nextInt(1, 4)) else null
                val limit = if (random.nextBoolean()) random.nextInt(1, 5) else Int.MAX_VALUE
                val cancelAt = if (random.nextDouble() < 0.2) random.nextLong(0, 100) else -1L
                val maxAttempts = retries?.maxAttempts ?: 1
                val attempts = AtomicIntegerArray(size)
                val jobs = Collections.synchronizedList(mutableListOf<Job>())
                virtualTime {
                    val graph =
                        dag("random") {
                            val nodes = ArrayList<Node<Int>>()
                            for (i in 0 until size) {
                                var node =
                                    node("n$i", deps[i].map { nodes[it] }) { _ ->
                                        attempts.incrementAndGet(i)
                                        jobs += currentCoroutineContext()[Job]!!
                                        delay(millis[i])
                                        if (failing[i]) throw IOException("n$i fails")
                                        i
                                    }
                                if (retries != null) node = node.retry(retries)
                                if (timeouts && millis[i] > 15) node = node.timeout(15.milliseconds)
                                if (pool != null && i % 3 == 0) node = node.pool(pool)
                                nodes += node
                            }
                            nodes.last()
                        }
                    val checker = SequenceChecker(size + 1)
                    val options =
                        RunOptions(
                            failurePolicy = if (continueOnFailure) FailurePolicy.CONTINUE else FailurePolicy.FAIL_FAST,
                            maxConcurrency = limit,
                            listeners = listOf(checker),
                        )
                    var error: Throwable? = null
                    var run: DagRun<Int>? = null
                    val caller =
                        launch {
                            try {
                                run = graph.run(Unit, options)
                            } catch (e: NodeFailedException) {
                                error = e
                            } catch (e: RunCancelledException) {
                                error = e
                                throw e
                            }
                        }
                    if (cancelAt >= 0) {
                        delay(cancelAt)
                        caller.cancelAndJoin()
                    } else {
                        caller.join()
                    }
                    val result: DagRun<*> =
                        run ?: (error as? NodeFailedException)?.run ?: (error as? RunCancelledException)?.run ?: error("no result")

                    // Each node ran at most its attempt budget.
                    for (i in 0 until size) (attempts.get(i) <= maxAttempts) shouldBe true
                    for (i in 0 until size) {
                        val outcome = result.outcome(graph.node("n$i"))
                        val inputs = deps[i].map { result.outcome(graph.node("n$it")) }
                        when (outcome.status) {
                            NodeStatus.SUCCEEDED -> {
                                inputs.all { it.status == NodeStatus.SUCCEEDED } shouldBe true
                            }

                            NodeStatus.SKIPPED -> {
                                inputs.any {
                                    it.status in
                                        setOf(NodeStatus.FAILED, NodeStatus.CANCELLED, NodeStatus.SKIPPED)
                                } shouldBe
                                    true
                            }

                            else -> {
                                Unit
                            }
                        }
                        // Never before its dependencies succeeded.
                        if (outcome.startNanos >= 0) {
                            inputs.all { it.status == NodeStatus.SUCCEEDED && it.endNanos <= outcome.startNanos } shouldBe true
                        }
                        if (outcome.status == NodeStatus.NOT_STARTED) attempts.get(i) shouldBe 0
                    }
                    // No job of the run is still active.
                    jobs.all { it.isCompleted } shouldBe true
                    // The listener saw a consistent sequence.
                    checker.problems shouldBe emptyList()
                    checker.runStarted shouldBe 1
                    checker.runFinished shouldBe 1
                    // The thrown error matches the statuses.
                    when (val e = error) {
                        is NodeFailedException -> {
                            val status = result.outcome(graph.node(e.nodeName)).status
                            (status == NodeStatus.FAILED || status == NodeStatus.CANCELLED) shouldBe true
                        }

                        is RunCancelledException -> {
                            (cancelAt >= 0) shouldBe true
                        }

                        null -> {
                            // A run returns with failures only under CONTINUE, and only when its output has a value.
                            if (result.failures.isNotEmpty()) {
                                continueOnFailure shouldBe true
                                result.status(graph.output) shouldBe NodeStatus.SUCCEEDED
                            }
                        }
                    }
                    pool?.availablePermits shouldBe pool?.permits
                }
            }
        }

        test("10,000 concurrent runs with mixed policies give independent results and retain no run state") {
            val finished = ArrayList<java.lang.ref.WeakReference<DagRun<*>>>()
            val pool = Pool("load", 8)
            virtualTime {
                val graph =
                    dag("load") { input: Node<Int> ->
                        val doubled =
                            node(
                                "double",
                                input,
                            ) { n -> delay(n % 7L).let { n * 2 } }.retry(Retry.fixed(2, 1.milliseconds)).pool(pool)
                        val next =
                            node("next", input) { n -> delay(n % 5L).let { if (n % 97 == 0) throw IOException("n$n") else n + 1 } }
                                .fallbackValue(-1)
                        node("sum", doubled, next) { a, b -> a + b }.timeout(1000.milliseconds)
                    }
                val runs =
                    (0 until 10_000 * stress)
                        .map { n ->
                            async {
                                val policy = if (n % 2 == 0) FailurePolicy.CONTINUE else FailurePolicy.FAIL_FAST
                                graph.run(n, RunOptions(failurePolicy = policy, maxConcurrency = 1 + n % 3))
                            }
                        }.awaitAll()
                runs.forEachIndexed { n, run -> run.output shouldBe n * 2 + if (n % 97 == 0) -1 else n + 1 }
                runs.forEach { finished += java.lang.ref.WeakReference(it) }
            }
            pool.availablePermits shouldBe 8
            var alive = finished.size
            repeat(50) {
                if (alive > 0) {
                    System.gc()
                    Thread.sleep(20)
                    alive = finished.count { it.get() != null }
                }
            }
            alive shouldBe 0
        }

        test("a node that swallows its cancellation still lets the run end, and is reported cancelled") {
            virtualTime {
                val graph =
                    dag("swallower") {
                        node("swallows") {
                            try {
                                delay(1000)
                            } catch (e: CancellationException) {
                                // swallowed: returns normally
                            }
                            "done anyway"
                        }
                        node("fails") { delay(10).also { error("boom") } }
                    }
                val failure = runCatching { graph.run() }.exceptionOrNull() as NodeFailedException
                failure.run.status(graph.node("swallows")) shouldBe NodeStatus.CANCELLED
                now shouldBe 10
            }
        }

        test("a suspending node that blocks its thread delays the others on that thread (documented: use blockingNode)") {
            kotlinx.coroutines.runBlocking {
                val graph =
                    dag("blocker") {
                        node("sleeps") { Thread.sleep(100) }
                        node("quick") { delay(1) }
                    }
                val run = graph.run()
                (run.outcome(graph.node("quick")).endNanos >= 100_000_000) shouldBe true
            }
        }

        test("cycles of length 1, 2 and 50 through order edges are refused, naming them, and change nothing") {
            for (length in listOf(1, 2, 50)) {
                lateinit var error: DagCycleException
                val graph =
                    dag("cycle-$length") {
                        val nodes = (0 until length).map { node("c$it") { it } }
                        for (k in 1 until length) nodes[k].after(nodes[k - 1])
                        error =
                            io.kotest.assertions.throwables
                                .shouldThrow<DagCycleException> { nodes[0].after(nodes[length - 1]) }
                        nodes.last()
                    }
                error.path.size shouldBe length + 1
                graph.orderDependencies(graph.node("c0")) shouldBe emptyList()
            }
        }

        test("an empty name is refused and a huge one works") {
            io.kotest.assertions.throwables
                .shouldThrow<DagDefinitionException> { dag("e") { node("") { 1 } } }
            val huge = "n".repeat(100_000)
            virtualTime { dag("huge") { node(huge) { 7 } }.run().output shouldBe 7 }
        }
    })
