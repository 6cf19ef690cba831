package dev.adagio.examples

import dev.adagio.RunOptions
import dev.adagio.observe.ProgressReporter
import dev.adagio.run
import kotlinx.coroutines.runBlocking
import java.nio.file.Path

/** Runs the scenarios in real time, Kotlin then their Java twins, and prints each run as a timeline. */
object Main {
    @JvmStatic
    fun main(args: Array<String>) {
        kotlinExamples()
        println()
        JavaMain.main(args)
        val dir = Path.of(args.firstOrNull() ?: "docs/diagrams")
        println("\nDiagrams of the scenarios:")
        DiagramFiles.write(dir).forEach { println("  $it") }
    }

    private fun kotlinExamples() =
        runBlocking {
            println("S1: dagio's seven-node diamond")
            val s1 = S1Diamond.definition().run()
            print(timeline(s1))
            println("  output: ${s1.output}\n")

            println("S2: async-dag, slow work starts as early as possible")
            val s2 = S2StartEarly.definition.run(0)
            print(timeline(s2))
            println("  End = ${s2.output}, FastA = ${s2[S2StartEarly.definition.node("FastA")]}")
            println("  hand-written coroutines give ${S2StartEarly.handWritten(0)}\n")

            println("S2 again, as a definition object: several typed results read after one run")
            val (several, said) = SeveralResults.report(0)
            print(timeline(several))
            println("  $said\n")

            println("S3: aiocells, order edges without data")
            S3OrderOnly.sleeper { println("  $it") }.run()
            val concurrent = S3OrderOnly.startSleepStop.run()
            val sequential = S3OrderOnly.startSleepStop.run(sequential = true)
            println("  start -> {sleep 1, sleep 2} -> stop, concurrent:")
            print(timeline(concurrent))
            println("  the same graph, sequential:")
            print(timeline(sequential))

            println("\nCPU-bound nodes in parallel: eight dispatched slices counting primes")
            val (primes, threads) = CpuBound.run()
            print(timeline(primes))
            println("  ${primes.output} primes below ${CpuBound.LIMIT}; slices ran on ${threads.size} threads: $threads\n")

            println("\nExecution policies: pools, timeouts, retries, fallbacks, skips, optional inputs, continue")
            print(PoliciesExample.describe())

            println("\nS6: aiodag, a pipeline wired by passing results, in live mode")
            val s6 = S6LivePipeline.run()
            print(timeline(s6))
            println("  upload: ${s6.output}")

            println("\nA node mapped over a list known at run time: a crawl of 20 pages, 4 at once, page 7 retried")
            val (crawl, mostAtOnce) = MappedCrawl.run(20)
            print(timeline(crawl))
            println("  ${crawl.output} characters; at most $mostAtOnce requests at once")

            println("\nA graph used as a node of another: the order flow includes checkout")
            val flow = OrderFlow.run(7)
            print(timeline(flow))
            println("  ${flow.output}")

            println("\nS4: a linear stream, extract -> transform -> load")
            val s4 = S4LinearStream.etl({ println("  loaded $it") })
            val s4run = s4.run()
            s4.nodes.forEach { println("  ${s4run.stats(it)}") }
            println("  started at transform instead of the source:")
            val middle = S4LinearStream.startAtTransform { println("  loaded $it") }
            middle.graph.nodes.forEach { println("  ${middle.stats(it)}") }

            println("\nA stream with a router, a filtered edge and a batch sink")
            val routed = OrderRouting.run()
            println("  ledger batches ${routed.ledgerBatches}, refunds ${routed.refunds}, audited ${routed.audited}")
            routed.run.edgeStatistics.forEach { println("  $it") }

            println("\nS5: a paged JSON API downloaded to CSV by a stream")
            val csv = kotlin.io.path.createTempFile("s5", ".csv")
            val s5 = S5PagedDownload.run(csv)
            println(
                "  ${s5.stats(s5.graph.node("pages"))}; ${java.nio.file.Files
                    .readAllLines(csv)
                    .size - 1} records in $csv",
            )
            java.nio.file.Files
                .deleteIfExists(csv)

            println("\nS5 as a durable run on Temporal: each page a node, on two workers (the in-process test server)")
            val durable = TemporalDownload.run()
            println("  ${durable.run.output.size - 1} records; nodes ran on ${durable.ranOn.values.toSortedSet()}: ${durable.ranOn}")

            println("\nTraced with adagio-opentelemetry: each body sees its node's span, after a suspension and in children")
            val observed = ObservedPipeline.run()
            for ((name, span) in observed.spans.toSortedMap()) {
                val saw = observed.seen[name]?.let { if (it == span.first) ", its body saw it" else ", its body saw $it" } ?: ""
                println("  span $name (parent ${span.second})$saw")
            }

            println("\nA graph declared as annotated methods (dagio's model)")
            val report =
                dev.adagio.annotated.AnnotatedDags
                    .build(AnnotatedReport())
            println("  ${report.run(Unit).output}")

            println("\nS7: aiocells' flow, a reactive spreadsheet fed by two timers")
            ReactiveSheet.run(periodMs = 200) { println("  $it") }.forEach { r ->
                println("    #${r.number} ${r.changedSources.map { it.name }} changed: recomputed ${r.recomputed.map { it.name }}")
            }

            println("\nProgress of a run, as a listener reports it")
            val progress = ProgressReporter { println("  $it") }
            S2StartEarly.definition.run(0, RunOptions(listeners = listOf(progress)))
        }
}
