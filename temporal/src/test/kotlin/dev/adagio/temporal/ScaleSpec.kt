package dev.adagio.temporal

import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.Node
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.run
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.runBlocking
import kotlin.random.Random

/** A random graph of [size] nodes: each takes up to three of the 60 nodes before it; a last node sums the leaves. */
fun randomGraph(
    size: Int,
    seed: Int,
    calls: java.util.concurrent.atomic.AtomicIntegerArray? = null,
): Dag<Unit, Long> =
    dag("random-$size-$seed") {
        val random = Random(seed)
        val nodes = ArrayList<Node<Long>>(size)
        val used = HashSet<Int>()
        for (i in 0 until size) {
            val from = maxOf(0, i - 60)
            val inputs = if (i == 0) emptyList() else List(random.nextInt(0, 4)) { random.nextInt(from, i) }.distinct()
            used += inputs
            val weight = i.toLong()
            nodes +=
                node("n$i", inputs.map { nodes[it] }) { xs: List<Long> ->
                    calls?.incrementAndGet(i)
                    (xs.sum() + weight) % 1_000_003
                }
        }
        node("sum", nodes.filterIndexed { i, _ -> i !in used }) { xs: List<Long> -> xs.sum() }
    }

class ScaleSpec :
    FunSpec({
        timeout = 300_000
        val size = 10_000 * Integer.getInteger("adagio.stress", 1)

        test("a $size-node random graph runs on the test server, going on as new runs, with the values of a local run") {
            val local: DagRun<Long> = runBlocking { randomGraph(size, seed = 7).run() }
            val calls =
                java.util.concurrent.atomic
                    .AtomicIntegerArray(size)
            val graph = randomGraph(size, seed = 7, calls)
            val temporal = TemporalDag.of(graph)
            withTemporal(temporal) { t ->
                val run = t.client.run(temporal, Unit, "random", RunOptions(maxConcurrency = 200))
                run.output shouldBe local.output
                run.outcomes.map { it.value } shouldBe local.outcomes.map { it.value }
                run.outcomes.map { it.attempts } shouldBe local.outcomes.map { it.attempts }
                // Every node ran once, though the run went on as new workflow runs, each within the limits.
                (0 until size).count { calls.get(it) != 1 } shouldBe 0
                val last =
                    t.env.workflowClient
                        .fetchHistory("random")
                        .events
                last.size shouldBeLessThan TemporalLimits.DEFAULTS.maxHistoryEvents
                val started = last.first().workflowExecutionStartedEventAttributes
                started.continuedExecutionRunId.isNotEmpty() shouldBe true
                println("random graph: $size nodes, the last workflow run's history ${last.size} events")
            }
        }
    })
