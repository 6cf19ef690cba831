package dev.adagio.examples

import com.sun.net.httpserver.HttpServer
import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.Retry
import dev.adagio.dag
import dev.adagio.invoke
import kotlinx.coroutines.future.await
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds

/**
 * A node mapped over a list known only at run time (S5 as a dag): a site lists its pages, `fetch` is
 * mapped over them, one node per page, each retried on its own and at most four at once, then the
 * pages are aggregated. The site is served on 127.0.0.1 by the example itself; page 7 fails once.
 */
object MappedCrawl {
    /** A site on 127.0.0.1: `GET /pages` lists [pages] ids, `GET /page/N` is N's text (page 7 fails its first request). */
    class Site(
        pages: Int,
    ) : AutoCloseable {
        private val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        private val served = ConcurrentHashMap<Int, AtomicInteger>()

        /** The most requests for pages in flight at once. */
        val mostAtOnce = AtomicInteger()
        private val inFlight = AtomicInteger()

        init {
            server.createContext("/pages") { exchange ->
                val body = (1..pages).joinToString(",").toByteArray()
                exchange.sendResponseHeaders(200, body.size.toLong())
                exchange.responseBody.use { it.write(body) }
            }
            server.createContext("/page/") { exchange ->
                val now = inFlight.incrementAndGet()
                mostAtOnce.accumulateAndGet(now, ::maxOf)
                try {
                    Thread.sleep(20)
                    val id =
                        exchange.requestURI.path
                            .substringAfterLast('/')
                            .toInt()
                    val first = served.computeIfAbsent(id) { AtomicInteger() }.incrementAndGet() == 1
                    val (status, text) = if (id == 7 && first) 503 to "busy" else 200 to "page $id ".repeat(id)
                    val body = text.toByteArray()
                    exchange.sendResponseHeaders(status, body.size.toLong())
                    exchange.responseBody.use { it.write(body) }
                } finally {
                    inFlight.decrementAndGet()
                }
            }
            server.executor =
                java.util.concurrent.Executors
                    .newFixedThreadPool(8)
            server.start()
        }

        val uri: URI = URI.create("http://127.0.0.1:${server.address.port}")

        override fun close() {
            server.stop(0)
            (server.executor as java.util.concurrent.ExecutorService).shutdownNow()
        }
    }

    private val client: HttpClient = HttpClient.newHttpClient()

    private suspend fun get(uri: URI): String {
        val response = client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).await()
        check(response.statusCode() == 200) { "GET $uri answered ${response.statusCode()}" }
        return response.body()
    }

    /** The crawl: list, fetch each page (3 attempts, 4 at once), then the total size. */
    fun crawl(site: URI): Dag<Unit, Int> =
        dag("crawl") {
            val pages = node("list pages") { get(site.resolve("/pages")).split(",").map(String::toInt) }
            val fetched =
                map("fetch", pages) { id -> get(site.resolve("/page/$id")) }
                    .retry(Retry.fixed(3, 10.milliseconds))
                    .timeout(2_000.milliseconds)
                    .maxConcurrency(4)
            node("aggregate", fetched) { texts -> texts.sumOf { it.length } }
        }

    /** What the crawl of [pages] pages adds up to: page N is "page N " N times. */
    fun expectedSize(pages: Int): Int = (1..pages).sumOf { "page $it ".length * it }

    /** Serves [pages] pages and crawls them; returns the run and the most requests the site saw at once. */
    suspend fun run(pages: Int = 20): Pair<DagRun<Int>, Int> =
        Site(pages).use { site ->
            crawl(site.uri).run(Unit) to site.mostAtOnce.get()
        }
}
