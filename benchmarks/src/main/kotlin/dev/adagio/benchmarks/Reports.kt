@file:JvmName("Reports")

package dev.adagio.benchmarks

import dev.adagio.Node
import dev.adagio.RunClock
import dev.adagio.RunOptions
import dev.adagio.Scheduling
import dev.adagio.dag
import dev.adagio.run
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.test.runTest
import java.lang.management.ManagementFactory
import kotlin.random.Random

/**
 * B3 and B4, which are not timings: scheduling quality under a concurrency limit (in virtual time,
 * exact) and memory per node. Run with `java -cp benchmarks/target/benchmarks.jar
 * dev.adagio.benchmarks.Reports [scheduling|memory]`.
 */
fun main(args: Array<String>) {
    when (args.firstOrNull() ?: "all") {
        "scheduling" -> {
            println(schedulingReport())
        }

        "memory" -> {
            println(memoryReport())
        }

        "footprint" -> {
            println(footprintReport())
        }

        else -> {
            println(schedulingReport())
            println(memoryReport())
        }
    }
}

/** Makespans of one graph under a limit, in virtual ms. */
data class Makespans(
    val criticalPath: Long,
    val fifo: Long,
    val lowerBound: Long,
)

/**
 * B3: a random weighted DAG (each node waits its weight in virtual ms, and declares it as its weight)
 * run with at most [limit] nodes at once, with critical-path priority and with FIFO, against the lower
 * bound max(critical path, total work / limit).
 */
fun makespans(
    seed: Long,
    size: Int,
    limit: Int,
): Makespans {
    val random = Random(seed)
    val deps = Array(size) { i -> IntArray(random.nextInt(minOf(i, 4) + 1)) { random.nextInt(maxOf(i, 1)) }.distinct().toIntArray() }
    val weights = LongArray(size) { 1L + random.nextInt(20) }
    val graph =
        dag("weighted") {
            val nodes = ArrayList<Node<Unit>>()
            for (i in 0 until size) {
                nodes += node("n$i", deps[i].map { nodes[it] }) { delay(weights[i]) }.weight(weights[i])
            }
            node("end", nodes) { }
        }

    fun virtualMakespan(scheduling: Scheduling): Long {
        val scheduler = TestCoroutineScheduler()
        var makespan = 0L
        runTest(StandardTestDispatcher(scheduler) + RunClock { scheduler.currentTime * 1_000_000 }) {
            makespan = graph.run(Unit, RunOptions(maxConcurrency = limit, scheduling = scheduling)).makespanNanos / 1_000_000
        }
        return makespan
    }
    val critical = Shapes.criticalPathMillis(Array(size) { deps[it] }, weights)
    val lowerBound = maxOf(critical, (weights.sum() + limit - 1) / limit)
    return Makespans(virtualMakespan(Scheduling.CRITICAL_PATH), virtualMakespan(Scheduling.FIFO), lowerBound)
}

fun schedulingReport(
    graphs: Int = 50,
    size: Int = 300,
): String =
    buildString {
        appendLine("B3 makespan under a concurrency limit: $graphs random weighted DAGs of $size nodes (weights 1-20 ms, virtual time)")
        appendLine(
            "| limit k | critical path / lower bound (mean) | (worst) | FIFO / lower bound (mean) | (worst) | critical path beats FIFO |",
        )
        appendLine("|---|---|---|---|---|---|")
        for (limit in listOf(2, 4, 8)) {
            val all = (1..graphs).map { makespans(it.toLong(), size, limit) }
            val cp = all.map { it.criticalPath.toDouble() / it.lowerBound }
            val fifo = all.map { it.fifo.toDouble() / it.lowerBound }
            val wins = all.count { it.criticalPath < it.fifo }
            val ties = all.count { it.criticalPath == it.fifo }
            appendLine(
                "| $limit | %.3f | %.3f | %.3f | %.3f | %d of %d (%d ties) |".format(
                    cp.average(),
                    cp.max(),
                    fifo.average(),
                    fifo.max(),
                    wins,
                    graphs,
                    ties,
                ),
            )
        }
    }

/** B4: retained heap per node of a 1,000,000-node definition, and of one run's result. */
fun memoryReport(size: Int = 1_000_000): String {
    val deps = Shapes.random(size, 42)
    val before = usedHeap()
    val definition = KotlinContenders.adagio(deps, null)
    val afterDefinition = usedHeap()
    val run = runBlocking { definition.run() }
    val afterRun = usedHeap()
    check(run.output == Shapes.reference(deps))
    val perNodeDefinition = (afterDefinition - before).toDouble() / size
    val perNodeRun = (afterRun - afterDefinition).toDouble() / size
    return buildString {
        appendLine("B4 retained heap, random DAG of $size nodes (average in-degree 3)")
        appendLine("| what | bytes per node |")
        appendLine("|---|---|")
        appendLine("| definition (`Dag`: handles, names, bodies, CSR arrays) | %.0f |".format(perNodeDefinition))
        appendLine("| one run's result (`DagRun`: values, statuses, times, attempts) | %.0f |".format(perNodeRun))
    }
}

private fun usedHeap(): Long {
    val memory = ManagementFactory.getMemoryMXBean()
    repeat(5) {
        System.gc()
        Thread.sleep(100)
    }
    return memory.heapMemoryUsage.used
}

/**
 * Where a definition's bytes go, class by class, measured with JOL on a random graph of [size] nodes
 * (DSL and Java facade), and the same for one run's result without its definition.
 */
fun footprintReport(size: Int = 100_000): String {
    val deps = Shapes.random(size, 42)
    val dsl = KotlinContenders.adagio(deps, null)
    val java = JavaContenders.adagioJava(deps)
    val run = runBlocking { dsl.run() }
    val definitionLayout =
        org.openjdk.jol.info.GraphLayout
            .parseInstance(dsl)
    val runLayout =
        org.openjdk.jol.info.GraphLayout
            .parseInstance(run)
            .subtract(definitionLayout)
    val javaLayout =
        org.openjdk.jol.info.GraphLayout
            .parseInstance(java)
    return buildString {
        appendLine("JOL footprint, random DAG of $size nodes")
        appendLine("| what | bytes per node |")
        appendLine("|---|---|")
        appendLine("| definition, DSL | %.0f |".format(definitionLayout.totalSize().toDouble() / size))
        appendLine("| definition, Java facade | %.0f |".format(javaLayout.totalSize().toDouble() / size))
        appendLine("| one run's result, without its definition | %.0f |".format(runLayout.totalSize().toDouble() / size))
        appendLine()
        appendLine("DSL definition by class:")
        appendLine(definitionLayout.toFootprint())
        appendLine("Run result by class:")
        appendLine(runLayout.toFootprint())
    }
}
