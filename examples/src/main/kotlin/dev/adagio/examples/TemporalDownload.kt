package dev.adagio.examples

import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.module.kotlin.readValue
import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.Node
import dev.adagio.Retry
import dev.adagio.dag
import dev.adagio.invoke
import dev.adagio.temporal.AdagioClient
import dev.adagio.temporal.AdagioWorkers
import dev.adagio.temporal.TemporalDag
import io.temporal.testing.TestWorkflowEnvironment
import io.temporal.worker.WorkerFactory
import kotlinx.coroutines.future.await
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.concurrent.ConcurrentHashMap
import kotlin.time.Duration.Companion.milliseconds

/**
 * SCENARIOS.md S5 as a durable run on Temporal: the paged download, with each page a node that any
 * worker may fetch, and the CSV written from the pages in order. Two workers share the task queue in
 * this process, on Temporal's in-process test server, so the example needs no Temporal service.
 *
 * A `Dag` is fixed before it runs, so where the stream version pages until an empty page, this graph
 * fetches a fixed number of pages at once and writes the records of those before the first empty one;
 * it fails, naming the fix, when the last page it fetched was not empty.
 *
 * Each worker registers the same graph, built with bodies that record the worker's name: the shape
 * (and so the workflow and activity types) is the same, and each node runs on whichever worker takes it.
 */
object TemporalDownload {
    data class PageRecord(
        val id: Int,
        val name: String,
    )

    data class Page(
        val number: Int,
        val records: List<PageRecord>,
    )

    private val mapper =
        ObjectMapper().registerModule(
            com.fasterxml.jackson.module.kotlin.KotlinModule
                .Builder()
                .build(),
        )

    /** The download of [pages] pages, its bodies noting in [ranOn] which [worker] ran each node. */
    fun definition(
        pages: Int,
        worker: String,
        ranOn: MutableMap<String, String>,
    ): Dag<String, List<String>> =
        dag("s5-temporal-download") { api: Node<String> ->
            val client = HttpClient.newHttpClient()
            val fetched =
                (0 until pages).map { n ->
                    node("page$n", api) { base ->
                        ranOn["page$n"] = worker
                        val request = HttpRequest.newBuilder(URI.create(base).resolve("/records?page=$n")).build()
                        val body = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).await().body()
                        Page(n, mapper.readValue<List<PageRecord>>(body))
                    }.retry(Retry.exponential(3, 100.milliseconds))
                }
            node("csv", fetched) { all ->
                ranOn["csv"] = worker
                val filled = all.takeWhile { it.records.isNotEmpty() }
                check(filled.size < all.size) { "page ${all.size - 1} was not empty: declare the graph with more pages" }
                listOf("id,name") + filled.flatMap { page -> page.records.map { "${it.id},${it.name}" } }
            }
        }

    /** What a run printed: its lines, and which worker ran each node. */
    class Result(
        val run: DagRun<List<String>>,
        val ranOn: Map<String, String>,
    )

    /** Serves [records] records in pages of [pageSize] and downloads them on two workers, as one durable run. */
    suspend fun run(
        records: Int = 320,
        pageSize: Int = 50,
        pages: Int = 8,
    ): Result {
        val server = S5PagedDownload.serve(records, pageSize)
        val env = TestWorkflowEnvironment.newInstance()
        val ranOn = ConcurrentHashMap<String, String>()
        val factories = mutableListOf<WorkerFactory>()
        try {
            for (name in listOf("east", "west")) {
                val factory = WorkerFactory.newInstance(env.workflowClient).also(factories::add)
                AdagioWorkers.register(factory.newWorker(QUEUE), TemporalDag.of(definition(pages, name, ranOn)))
                factory.start()
            }
            val graph = TemporalDag.of(definition(pages, "client", ranOn))
            val api = "http://127.0.0.1:${server.address.port}"
            val run = AdagioClient(env.workflowClient, QUEUE).run(graph, api, "s5-download-${System.nanoTime()}")
            return Result(run, ranOn.toSortedMap())
        } finally {
            factories.forEach { it.shutdownNow() }
            env.close()
            server.stop(0)
        }
    }

    private const val QUEUE = "downloads"

    /** gRPC reports, at INFO, the calls its in-process server drops when it shuts down: not the example's news. */
    private val grpcLog =
        java.util.logging.Logger
            .getLogger("io.grpc")
            .apply { level = java.util.logging.Level.WARNING }

    init {
        grpcLog.level
    }
}
