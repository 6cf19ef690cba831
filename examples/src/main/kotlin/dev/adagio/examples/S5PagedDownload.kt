package dev.adagio.examples

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.sun.net.httpserver.HttpServer
import dev.adagio.stream.StreamGraph
import dev.adagio.stream.StreamRun
import dev.adagio.stream.stream
import kotlinx.coroutines.future.await
import org.apache.commons.csv.CSVFormat
import org.apache.commons.csv.CSVPrinter
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path

/**
 * SCENARIOS.md S5, from async-graph-data-flow: a source pages through a JSON HTTP API until an empty
 * page; a sink appends each page's records to a CSV file. The example serves the API itself, on
 * 127.0.0.1, so it runs anywhere.
 */
object S5PagedDownload {
    private val mapper = ObjectMapper()

    /** A JSON API on 127.0.0.1 serving [records] records in pages of [pageSize]: `GET /records?page=N`. */
    fun serve(
        records: Int,
        pageSize: Int,
    ): HttpServer {
        val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        server.createContext("/records") { exchange ->
            val page =
                exchange.requestURI.query
                    .removePrefix("page=")
                    .toInt()
            val ids = (page * pageSize + 1..minOf(records, (page + 1) * pageSize))
            val body = mapper.writeValueAsBytes(ids.map { mapOf("id" to it, "name" to "record $it") })
            exchange.responseHeaders.add("Content-Type", "application/json")
            exchange.sendResponseHeaders(200, body.size.toLong())
            exchange.responseBody.use { it.write(body) }
        }
        server.start()
        return server
    }

    fun download(
        api: URI,
        csv: CSVPrinter,
    ): StreamGraph =
        stream("s5-paged-download") {
            val pages =
                source<JsonNode>("pages") {
                    val client = HttpClient.newHttpClient()
                    var page = 0
                    while (true) {
                        val request = HttpRequest.newBuilder(api.resolve("/records?page=${page++}")).build()
                        val records = mapper.readTree(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).await().body())
                        if (records.isEmpty) break
                        emit(records)
                    }
                }
            sink("csv", pages) { records: JsonNode ->
                for (record in records) csv.printRecord(record["id"].asInt(), record["name"].asText())
            }
        }

    /** Serves [records] records, downloads them all into [file], and returns the run. */
    suspend fun run(
        file: Path,
        records: Int = 320,
        pageSize: Int = 50,
    ): StreamRun {
        val server = serve(records, pageSize)
        try {
            CSVPrinter(
                Files.newBufferedWriter(file),
                CSVFormat.DEFAULT
                    .builder()
                    .setHeader("id", "name")
                    .get(),
            ).use { csv ->
                return download(URI.create("http://127.0.0.1:${server.address.port}"), csv).run()
            }
        } finally {
            server.stop(0)
        }
    }
}
