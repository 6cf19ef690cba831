package dev.adagio.grow

import dev.adagio.DagRun
import dev.adagio.FailurePolicy
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeOutcome
import dev.adagio.NodeStatus
import dev.adagio.Pool
import dev.adagio.Retry
import dev.adagio.RunCancelledException
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.invoke
import dev.adagio.live.live
import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import dev.adagio.stress
import dev.adagio.virtualTime
import io.kotest.common.ExperimentalKotest
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.property.Arb
import io.kotest.property.PropTestConfig
import io.kotest.property.arbitrary.long
import io.kotest.property.checkAll
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import java.io.IOException
import java.util.Collections
import java.util.concurrent.ConcurrentHashMap
import kotlin.random.Random
import kotlin.time.Duration.Companion.milliseconds

/** Events by node name, checked for a consistent sequence (a grown run's nodes are not known beforehand). */
private class NamedSequence : RunListener {
    val started: MutableSet<String> = ConcurrentHashMap.newKeySet()
    val finished: MutableSet<String> = ConcurrentHashMap.newKeySet()
    val problems: MutableList<String> = Collections.synchronizedList(mutableListOf())
    var runFinished = 0

    override fun onNodeStarted(
        run: RunInfo,
        node: Node<*>,
        atNanos: Long,
    ) {
        if (runFinished > 0) problems += "${node.name} started after the run"
        if (!started.add(node.name)) problems += "${node.name} started twice"
    }

    override fun onNodeFinished(
        run: RunInfo,
        outcome: NodeOutcome<*>,
    ) {
        if (!finished.add(outcome.node.name)) problems += "${outcome.node.name} finished twice"
        if (outcome.node.name !in started &&
            outcome.status != NodeStatus.SKIPPED
        ) {
            problems += "${outcome.node.name} finished without starting"
        }
    }

    override fun onRunFinished(
        run: RunInfo,
        result: DagRun<*>,
        error: Throwable?,
    ) {
        runFinished++
        for (outcome in result.outcomes.drop(1)) {
            if (outcome.node.kind == dev.adagio.NodeKind.INPUT) continue
            val expect = outcome.status != NodeStatus.NOT_STARTED
            if ((outcome.node.name in finished) != expect) problems += "${outcome.node.name} is ${outcome.status}, finished=${!expect}"
        }
    }
}

/** Graphs that grow, under random shapes, failures, policies and cancellations: nothing runs after the run returns. */
@OptIn(ExperimentalKotest::class)
class GrowReliabilitySpec :
    FunSpec({
        test("random graphs with maps and includes, cancelled at random in virtual time, leave nothing running") {
            checkAll(200 * stress, PropTestConfig(seed = 33), Arb.long()) { seed ->
                val random = Random(seed)
                val jobs = Collections.synchronizedList(mutableListOf<Job>())
                val attempts = ConcurrentHashMap<String, Int>()
                val failRate = if (random.nextBoolean()) 0.0 else 0.05

                fun work(
                    name: String,
                    r: Random,
                ): suspend () -> Int {
                    val millis = r.nextLong(0, 20)
                    val fails = r.nextDouble() < failRate
                    return {
                        attempts.merge(name, 1, Int::plus)
                        jobs += currentCoroutineContext()[Job]!!
                        delay(millis)
                        if (fails) throw IOException("$name fails")
                        1
                    }
                }
                val inner =
                    dag("inner") { x: Node<Int> ->
                        val a = node("a", x) { work(nodeName, Random(seed + 1))() + it }
                        val b = node("b", x) { work(nodeName, Random(seed + 2))() + it }
                        node("c", a, b) { p, q -> p + q }
                    }
                val retries = if (random.nextBoolean()) Retry.fixed(2, 1.milliseconds) else null
                val pool = if (random.nextBoolean()) Pool("p$seed", random.nextInt(1, 4)) else null
                val cancelAt = if (random.nextDouble() < 0.3) random.nextLong(0, 80) else -1L
                val size = random.nextInt(2, 12)
                val listSizes = List(size) { random.nextInt(0, 30) }
                val bounds = List(size) { if (random.nextBoolean()) random.nextInt(1, 5) else 0 }
                val graph =
                    dag("grown") {
                        val nodes = ArrayList<Node<Int>>()
                        nodes += node("n0") { 1 }
                        for (i in 1 until size) {
                            val from = nodes[random.nextInt(0, i)]
                            nodes +=
                                when (random.nextInt(3)) {
                                    0 -> {
                                        val list = node("list$i", from) { List(listSizes[i]) { it } }
                                        val m =
                                            map("m$i", list) { k ->
                                                work("m$i[$k]", Random(seed * 31 + i * 1000 + k))()
                                            }
                                        if (bounds[i] > 0) {
                                            m.maxConcurrency(bounds[i])
                                        } else if (pool != null) {
                                            m.pool(pool)
                                        }
                                        if (retries != null) m.retry(retries)
                                        node("sum$i", m) { it.sum() }
                                    }

                                    1 -> {
                                        include("inc$i", inner, from)
                                    }

                                    else -> {
                                        val w = work("n$i", Random(seed + i))
                                        node("n$i", from) { w() + it }
                                    }
                                }
                        }
                        nodes.last()
                    }
                val checker = NamedSequence()
                val continueOnFailure = random.nextBoolean()
                val options =
                    RunOptions(
                        failurePolicy = if (continueOnFailure) FailurePolicy.CONTINUE else FailurePolicy.FAIL_FAST,
                        maxConcurrency = if (random.nextBoolean()) random.nextInt(1, 5) else Int.MAX_VALUE,
                        sequential = random.nextDouble() < 0.1,
                        listeners = listOf(checker),
                    )
                virtualTime {
                    var result: DagRun<*>? = null
                    val caller =
                        launch {
                            try {
                                result = graph.run(Unit, options)
                            } catch (e: NodeFailedException) {
                                result = e.run
                            } catch (e: RunCancelledException) {
                                result = e.run
                                throw e
                            }
                        }
                    if (cancelAt >= 0) {
                        delay(cancelAt)
                        caller.cancelAndJoin()
                    } else {
                        caller.join()
                    }
                    val run = result!!
                    jobs.all { it.isCompleted } shouldBe true
                    checker.problems shouldBe emptyList()
                    checker.runFinished shouldBe 1
                    val budget = retries?.maxAttempts ?: 1
                    attempts.values.all { it <= budget } shouldBe true
                    // A map or include ends after its parts: never before the last of them.
                    for (outcome in run.outcomes) {
                        val parent = run.dag.parentOf(outcome.node) ?: continue
                        val end = run.outcome(parent).endNanos
                        if (outcome.endNanos >= 0 && end >= 0) (outcome.endNanos <= end) shouldBe true
                        // A part exists only once its map or include started.
                        (run.status(parent) == NodeStatus.NOT_STARTED) shouldBe false
                    }
                    pool?.availablePermits shouldBe pool?.permits
                }
            }
        }

        test("live runs and maps on real threads, cancelled at random: nothing runs after the run returns") {
            val random = Random(7)
            repeat(100 * stress) { round ->
                val running =
                    java.util.concurrent.atomic
                        .AtomicInteger()
                val after =
                    java.util.concurrent.atomic
                        .AtomicInteger()
                var returned = false
                runBlocking(Dispatchers.Default) {
                    val caller =
                        launch {
                            try {
                                live("live$round") {
                                    val ids = node("ids") { List(random.nextInt(1, 40)) { it } }
                                    node("fan", ids) { all ->
                                        all
                                            .map { id ->
                                                live.node("w$id") {
                                                    running.incrementAndGet()
                                                    try {
                                                        delay((id % 5).toLong())
                                                        if (returned) after.incrementAndGet()
                                                    } finally {
                                                        running.decrementAndGet()
                                                    }
                                                }
                                            }.size
                                    }
                                }
                            } catch (_: RunCancelledException) {
                            } finally {
                                returned = true
                            }
                        }
                    delay(random.nextLong(0, 6))
                    caller.cancelAndJoin()
                }
                running.get() shouldBe 0
                after.get() shouldBe 0
            }
        }
    })
