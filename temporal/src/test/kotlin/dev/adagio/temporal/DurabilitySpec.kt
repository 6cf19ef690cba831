package dev.adagio.temporal

import dev.adagio.FailurePolicy
import dev.adagio.Retry
import dev.adagio.RunOptions
import dev.adagio.dag
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.temporal.client.WorkflowClient
import io.temporal.common.WorkflowExecutionHistory
import io.temporal.testing.TestWorkflowEnvironment
import io.temporal.testing.WorkflowReplayer
import io.temporal.worker.WorkerFactory
import io.temporal.worker.WorkerFactoryOptions
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.seconds

class DurabilitySpec :
    FunSpec({
        timeout = 120_000

        test("a worker lost mid-run: a second worker finishes the run, and every finished node ran once") {
            val runs = ConcurrentHashMap<String, AtomicInteger>()

            fun count(name: String) = runs.computeIfAbsent(name) { AtomicInteger() }.incrementAndGet()
            val slowStarted = CompletableDeferred<Unit>()
            val graph =
                dag("handover") {
                    val a =
                        node("a") {
                            count("a")
                            1
                        }
                    val slow =
                        node("slow", a) { x ->
                            if (count("slow") == 1) {
                                slowStarted.complete(Unit)
                                delay(60.seconds)
                            }
                            x + 1
                        }
                    node("c", slow) { x ->
                        count("c")
                        x * 10
                    }
                }
            val temporal = TemporalDag.of(graph).withLimits(TemporalLimits.DEFAULTS.withHeartbeatTimeout(1.seconds))
            val env = TestWorkflowEnvironment.newInstance()
            // Without a workflow cache, no task sticks to the first worker's queue (the test server never
            // times a sticky queue out), and every workflow task replays the run's history from the start.
            val noCache = WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build()
            try {
                // One process drives the run; two others compute its nodes, the first of them lost mid-node.
                val driver = WorkerFactory.newInstance(env.workflowClient, noCache)
                AdagioWorkers.registerWorkflows(driver.newWorker(TemporalHarness.QUEUE), temporal)
                driver.start()
                val first = WorkerFactory.newInstance(env.workflowClient, noCache)
                AdagioWorkers.registerActivities(first.newWorker(TemporalHarness.QUEUE), temporal)
                first.start()
                val handle = AdagioClient(env.workflowClient, TemporalHarness.QUEUE).start(temporal, Unit, "handover")
                withTimeout(30.seconds) { slowStarted.await() }
                val second = WorkerFactory.newInstance(env.workflowClient, noCache)
                AdagioWorkers.registerActivities(second.newWorker(TemporalHarness.QUEUE), temporal)
                second.start()
                // The first worker stops: its node's heartbeat tells the body, which is cancelled, and the
                // run's next tasks go to the second worker.
                first.shutdown()
                first.awaitTermination(30, TimeUnit.SECONDS)
                val run = handle.await()
                run.output shouldBe 20
                runs.mapValues { it.value.get() } shouldBe mapOf("a" to 1, "slow" to 2, "c" to 1)
                run.outcome(graph.node("slow")).attempts shouldBe 1
                second.shutdownNow()
                driver.shutdownNow()
            } finally {
                env.close()
            }
        }

        test("replaying the committed history of every scenario gives the same decisions") {
            val graphs = Histories.graphs
            val files = Files.list(Histories.directory).use { s -> s.filter { it.toString().endsWith(".json") }.sorted().toList() }
            files.shouldNotBeEmpty()
            files.map { it.fileName.toString().removeSuffix(".json") }.sorted() shouldBe Histories.ids.sorted()
            val env = TestWorkflowEnvironment.newInstance()
            try {
                val worker = env.newWorker(TemporalHarness.QUEUE)
                AdagioWorkers.register(worker, *graphs.values.toTypedArray())
                for (file in files) {
                    WorkflowReplayer.replayWorkflowExecution(
                        WorkflowExecutionHistory.fromJson(Files.readString(file)),
                        worker,
                    )
                }
            } finally {
                env.close()
            }
        }

        test("a changed graph does not replay a history recorded with the old shape") {
            val changed = TemporalDag.of(dag("s1-diamond") { node("A") { "A" } })
            val env = TestWorkflowEnvironment.newInstance()
            try {
                val worker = env.newWorker(TemporalHarness.QUEUE)
                AdagioWorkers.register(worker, changed)
                val history = WorkflowExecutionHistory.fromJson(Files.readString(Histories.directory.resolve("s1.json")))
                val failure = shouldThrow<Exception> { WorkflowReplayer.replayWorkflowExecution(history, worker) }
                generateSequence<Throwable>(failure) { it.cause }.joinToString { it.message ?: "" } shouldContain "no Adagio graph"
            } finally {
                env.close()
            }
        }
    })

/**
 * The committed histories: one run of each scenario, recorded on the test server. Run
 * `./mvnw -pl temporal test -Dtest=RecordHistories -Dadagio.temporal.record=true` to record them again
 * (after a deliberate change to the workflow's decisions).
 */
object Histories {
    val directory: Path = Path.of("src/test/resources/histories")

    private val flakyCalls = AtomicInteger()

    private val flaky =
        dag("flaky-history") {
            node("flaky") {
                if (flakyCalls.incrementAndGet() % 3 != 0) throw java.io.IOException("try again")
                attempt
            }.retry(Retry.fixed(3, 10.seconds))
        }

    private val failing =
        dag("failing-history") {
            val boom = node("boom") { error("boom") }
            node("after", boom) { it }
        }

    val graphs: Map<String, TemporalDag<*, *>> =
        mapOf(
            "s1" to TemporalDag.of(Scenarios.s1),
            "s2" to TemporalDag.of(Scenarios.s2),
            "flaky" to TemporalDag.of(flaky),
            "continue" to TemporalDag.of(failing),
        )

    val ids: List<String> = graphs.keys.toList()

    /** Runs each scenario and writes its history. */
    fun record(
        client: AdagioClient,
        workflows: WorkflowClient,
    ) {
        Files.createDirectories(directory)
        client.start(graphs.getValue("s1") as TemporalDag<Unit, *>, Unit, "s1").join()
        client.start(graphs.getValue("s2") as TemporalDag<Int, *>, 0, "s2").join()
        flakyCalls.set(0)
        client.start(graphs.getValue("flaky") as TemporalDag<Unit, *>, Unit, "flaky").join()
        client
            .start(
                graphs.getValue("continue") as TemporalDag<Unit, *>,
                Unit,
                "continue",
                RunOptions(failurePolicy = FailurePolicy.CONTINUE),
            ).runCatching {
                join()
            }
        for (id in ids) Files.writeString(directory.resolve("$id.json"), workflows.fetchHistory(id).toJson(true))
    }
}
