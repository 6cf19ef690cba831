package dev.adagio.examples

import dev.adagio.NodeStatus
import dev.adagio.run
import dev.adagio.test.runDagTest
import dev.adagio.test.shouldHaveMakespan
import dev.adagio.test.shouldHaveStatus
import dev.adagio.test.shouldHaveSucceeded
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

@OptIn(ExperimentalCoroutinesApi::class)
class ExamplesSpec :
    FunSpec({
        test("CpuBound: the dispatched slices count every prime, on Dispatchers.Default's workers") {
            val (run, threads) = kotlinx.coroutines.runBlocking { CpuBound.run() }
            run.output shouldBe CpuBound.countPrimes(0, CpuBound.LIMIT)
            threads.all { it.startsWith("DefaultDispatcher-worker") } shouldBe true
            kotlinx.coroutines.runBlocking { CpuBound.graph.run(Unit) }.output shouldBe run.output
        }

        test("S4 started at transform: the given items are loaded, extract does not run") {
            val loaded = java.util.Collections.synchronizedList(mutableListOf<String>())
            val run = kotlinx.coroutines.runBlocking { S4LinearStream.startAtTransform { loaded += it } }
            loaded.sorted() shouldBe listOf("From", "The middle")
            run.graph.nodes.map { run.stats(it).let { s -> "${s.taken}/${s.emitted}/${s.failed}" } } shouldBe
                listOf("0/0/0", "2/2/0", "2/2/0")
        }

        test("OrderRouting: sales priced and batched by 3, refunds to their desk, test orders dropped, large sales audited") {
            runDagTest {
                val result = OrderRouting.run()
                result.ledgerBatches shouldContainExactly listOf(listOf(1, 2, 4), listOf(6, 8))
                result.refunds shouldContainExactly listOf(3, 7)
                result.audited shouldContainExactly listOf(2, 6)
                val graph = result.run.graph
                result.run.edgeStats(graph.node("orders"), graph.node("pricing")).let { "${it.carried}/${it.refused}" } shouldBe "5/3"
                result.run.edgeStats(graph.node("pricing"), graph.node("audit")).let { "${it.carried}/${it.refused}" } shouldBe "2/3"
                result.run.stats(graph.node("ledger")).emitted shouldBe 5
            }
        }

        test("S1 completes A to G in order in 0.8 s") {
            runDagTest {
                val done = mutableListOf<String>()
                val run = S1Diamond.definition { done += it }.run()
                done shouldContainExactly listOf("A", "B", "C", "D", "E", "F", "G")
                run.shouldHaveSucceeded() shouldHaveMakespan 800.milliseconds
            }
        }

        test("S2 gives End = 4 in 1.2 s, the same as the hand-written coroutines") {
            runDagTest {
                val run = S2StartEarly.definition.run(0)
                run.output shouldBe 4
                run shouldHaveMakespan 1200.milliseconds
                val before = testScheduler.currentTime
                S2StartEarly.handWritten(0) shouldBe 4
                testScheduler.currentTime - before shouldBe 1200
            }
        }

        test("S2 as a definition object: three typed results from one run, the same timings") {
            runDagTest {
                val (run, said) = SeveralResults.report(0)
                said shouldBe "End = 4, FastA = 1, FastC = 2"
                run shouldHaveMakespan 1200.milliseconds
                SeveralResults.dag.nodes.map { it.name } shouldContainExactly
                    listOf("input", "fastA", "slowB", "slowA", "fastB", "fastC", "end")
            }
        }

        test("S3 prints in order and takes 2 s concurrently, 3 s sequentially") {
            runDagTest {
                val said = mutableListOf<String>()
                S3OrderOnly.sleeper { said += it }.run()
                said shouldContainExactly listOf("Sleeping...", "Woke up!")
                S3OrderOnly.startSleepStop.run() shouldHaveMakespan 2.seconds
                S3OrderOnly.startSleepStop.run(sequential = true) shouldHaveMakespan 3.seconds
            }
        }

        test("policies: retries get the quote through, the promo falls back, loyalty skips for guests") {
            runDagTest {
                val member = PoliciesExample.checkout(quoteFlakes = 2).run(7)
                member.output shouldBe "price 32, 5 in stock"
                member.outcome(member.dag.node("quote")).attempts shouldBe 3
                member.outcome(member.dag.node("promo")).error!!::class.simpleName shouldBe "NodeTimeoutException"
                val guest = PoliciesExample.checkout(quoteFlakes = 0).run(8)
                guest.output shouldBe "price 42, 5 in stock"
                guest.shouldHaveStatus("loyalty", NodeStatus.SKIPPED)
                PoliciesExample.describe() shouldContain "report, continue policy: sales 100, net unknown; failed: returns"
            }
        }

        test("a mapped crawl: 20 pages, each a node, the flaky one retried, never more than 4 at once") {
            val (run, mostAtOnce) = kotlinx.coroutines.runBlocking { MappedCrawl.run(20) }
            run.output shouldBe MappedCrawl.expectedSize(20)
            run.outcome(run.dag.node("fetch[6]")).attempts shouldBe 2
            run.dag.partsOf(run.dag.node("fetch")).size shouldBe 20
            (mostAtOnce <= 4) shouldBe true
        }

        test("an order flow includes checkout: its nodes run in the flow's run, at their exact times") {
            runDagTest {
                val run = OrderFlow.run(7)
                run.output shouldBe "order 7 shipped, receipt for 700 mailed"
                run shouldHaveMakespan 100.milliseconds
                run.outcome(run.dag.node("checkout/payment")).startNanos shouldBe 30_000_000L
                run.dag.parentOf(run.dag.node("checkout/receipt")) shouldBe run.dag.node("checkout")
            }
        }

        test("S6 in live mode gives ('axax', 'axaxbxbx', 'cxcx') in 66 ms of virtual time") {
            runDagTest {
                val run = S6LivePipeline.run()
                run.output shouldBe Triple("axax", "axaxbxbx", "cxcx")
                run shouldHaveMakespan 66.milliseconds
            }
        }

        test("S4: the linear stream loads both words, with statistics 0/2/0, 2/2/0, 2/2/0") {
            runDagTest {
                val loaded = mutableListOf<String>()
                val graph = S4LinearStream.etl({ loaded += it })
                val run = graph.run()
                loaded shouldContainExactly listOf("Hello", "World")
                graph.nodes.map { run.stats(it).let { s -> "${s.taken}/${s.emitted}/${s.failed}" } } shouldContainExactly
                    listOf("0/2/0", "2/2/0", "2/2/0")
            }
        }

        test("S4: ten one-second items take 10 s with one worker and 2 s with five") {
            runDagTest {
                S4LinearStream.slowStage(1).run()
                testScheduler.currentTime shouldBe 10_000
            }
            runDagTest {
                S4LinearStream.slowStage(5).run()
                testScheduler.currentTime shouldBe 2_000
            }
        }

        test("S5: the paged download writes every record to the CSV exactly once") {
            val file = kotlin.io.path.createTempFile("s5", ".csv")
            try {
                val run = kotlinx.coroutines.runBlocking { S5PagedDownload.run(file, records = 320, pageSize = 50) }
                val rows =
                    org.apache.commons.csv.CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(
                            java.nio.file.Files
                                .newBufferedReader(file),
                        ).use { parser -> parser.records.map { it["id"].toInt() } }
                rows.sorted() shouldContainExactly (1..320).toList()
                rows.toSet().size shouldBe rows.size
                run.stats(run.graph.node("pages")).emitted shouldBe 7
            } finally {
                java.nio.file.Files
                    .deleteIfExists(file)
            }
        }

        test("an annotated class builds a graph; a target runs only its ancestors; retries come from annotations") {
            runDagTest {
                val report = AnnotatedReport()
                val dag =
                    dev.adagio.annotated.AnnotatedDags
                        .build(report)
                dag.run(Unit).output shouldBe "total 29, average 7.25"
                report.exportCalls shouldBe 2
                val partial = dag.run(Unit, targets = listOf(dag.node("average")))
                partial.status(dag.node("totals")) shouldBe NodeStatus.NOT_STARTED
            }
        }

        test("the timeline shows one bar per node with its times") {
            runDagTest {
                val text = timeline(S2StartEarly.definition.run(0), width = 12)
                text.lines().first { it.trimStart().startsWith("SlowB") } shouldBe "  SlowB | ########## |   100 ms ->  1100 ms"
                text.lines().first { it.trimStart().startsWith("End") } shouldBe "  End   |           #|  1100 ms ->  1200 ms"
                text shouldContain "makespan 1200 ms"
            }
        }
        test("S7: each timer tick recomputes only its cells, and the parity cut-off keeps the report") {
            runDagTest {
                val printed = mutableListOf<String>()
                val runs = ReactiveSheet.run { printed += it }
                printed shouldContainExactly
                    listOf(
                        "a*2=2 b*3=30 a+b=11 (a+b is odd)",
                        "a*2=4 b*3=30 a+b=12 (a+b is even)",
                        "a*2=4 b*3=60 a+b=22 (a+b is even)",
                        "a*2=6 b*3=60 a+b=23 (a+b is odd)",
                    )
                runs.map { r -> r.recomputed.map { it.name } } shouldContainExactly
                    listOf(
                        listOf("a", "b", "a*2", "b*3", "a+b", "parity", "report", "print"),
                        listOf("a", "a*2", "a+b", "parity", "report", "print"),
                        listOf("b", "b*3", "a+b", "parity", "print"),
                        listOf("a", "a*2", "a+b", "parity", "report", "print"),
                    )
                runs[2].reused.map { it.name } shouldContainExactly listOf("a", "a*2", "report")
                testScheduler.currentTime shouldBe 2000
            }
        }

        test("ObservedPipeline: each body saw its own node's span, every node span a child of the run's") {
            // From Dispatchers.Default, and from a plain thread as Main runs it.
            for (observed in listOf(
                kotlinx.coroutines.runBlocking(kotlinx.coroutines.Dispatchers.Default) { ObservedPipeline.run() },
                kotlinx.coroutines.runBlocking { ObservedPipeline.run() },
            )) {
                observed.run.output shouldBe 6
                for (node in listOf("fetch", "score", "publish")) {
                    observed.seen[node] shouldBe observed.spans.getValue(node).first
                    observed.spans.getValue(node).second shouldBe "observed-pipeline"
                }
            }
        }
    })
