package dev.adagio.opentelemetry

import com.sun.net.httpserver.HttpServer
import dev.adagio.FailurePolicy
import dev.adagio.NodeFailedException
import dev.adagio.Retry
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.live.live
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.opentelemetry.api.common.AttributeKey
import io.opentelemetry.api.trace.SpanKind
import io.opentelemetry.api.trace.StatusCode
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator
import io.opentelemetry.context.Context
import io.opentelemetry.context.propagation.ContextPropagators
import io.opentelemetry.sdk.OpenTelemetrySdk
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter
import io.opentelemetry.sdk.trace.SdkTracerProvider
import io.opentelemetry.sdk.trace.data.SpanData
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.Collections

/** An HTTP server on a free port that records the `traceparent` header of each request. */
private class TraceRecordingServer : AutoCloseable {
    val traceparents: MutableList<String?> = Collections.synchronizedList(ArrayList())
    private val server =
        HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0).apply {
            createContext("/") { exchange ->
                traceparents += exchange.requestHeaders.getFirst("traceparent")
                val body = "ok".toByteArray()
                exchange.sendResponseHeaders(200, body.size.toLong())
                exchange.responseBody.use { it.write(body) }
            }
            start()
        }
    val uri: URI = URI("http://127.0.0.1:${server.address.port}/")

    override fun close() = server.stop(0)
}

/**
 * An HTTP client instrumented as OpenTelemetry's library instrumentations are: a CLIENT span whose
 * parent is the current context, and the W3C `traceparent` header injected into the request.
 */
private class InstrumentedClient(
    private val otel: OpenTelemetrySdk,
) {
    private val client = HttpClient.newHttpClient()
    private val tracer = otel.getTracer("test-http-client")

    fun get(uri: URI): String {
        val span = tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT).startSpan()
        try {
            span.makeCurrent().use {
                val request = HttpRequest.newBuilder(uri)
                otel.propagators.textMapPropagator.inject(Context.current(), request) { r, k, v -> r!!.header(k, v) }
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body()
            }
        } finally {
            span.end()
        }
    }
}

class AdagioTracingSpec :
    FunSpec({
        val exporter = InMemorySpanExporter.create()
        val otel =
            OpenTelemetrySdk
                .builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build()
        val tracing = AdagioTracing.create(otel)
        val client = InstrumentedClient(otel)

        beforeTest { exporter.reset() }

        fun spans(): List<SpanData> = exporter.finishedSpanItems

        fun named(name: String): SpanData = spans().single { it.name == name }

        test("a span per run and per node, and a body's HTTP call joins the trace on every thread it runs on") {
            TraceRecordingServer().use { server ->
                val graph =
                    dag("orders") {
                        val fetch =
                            node("fetch") {
                                delay(5) // resumes on another thread under Dispatchers.Default
                                withContext(Dispatchers.IO) { client.get(server.uri) }
                            }
                        val audit = blockingNode("audit") { client.get(server.uri) }
                        node("report", fetch, audit) { a, b ->
                            launch(Dispatchers.Default) { client.get(server.uri) }
                            a + b
                        }
                    }
                runBlocking(Dispatchers.Default) { graph.run(Unit, RunOptions(interceptors = listOf(tracing))) }.output shouldBe "okok"

                val run = named("orders")
                run.parentSpanContext.isValid shouldBe false
                run.attributes.get(AttributeKey.stringKey("adagio.graph")) shouldBe "orders"
                val nodes = spans().filter { it.attributes.get(AttributeKey.stringKey("adagio.node")) != null }
                nodes.map { it.name } shouldContainExactlyInAnyOrder listOf("fetch", "audit", "report")
                nodes.forEach { it.parentSpanId shouldBe run.spanId }
                val calls = spans().filter { it.name == "GET" }
                calls.map { it.parentSpanId } shouldContainExactlyInAnyOrder listOf("fetch", "audit", "report").map { named(it).spanId }
                spans().map { it.traceId }.toSet() shouldBe setOf(run.traceId)
                // What went over the wire: each request carries the trace and its client span.
                server.traceparents.map { it!!.split("-")[1] }.toSet() shouldBe setOf(run.traceId)
                server.traceparents.map { it!!.split("-")[2] } shouldContainExactlyInAnyOrder calls.map { it.spanId }
            }
        }

        test("a live run: one span per live node, declared by the block or by a node, under the run's span") {
            val run =
                runBlocking(Dispatchers.Default) {
                    live("live orders", RunOptions(interceptors = listOf(tracing))) {
                        val ids = node("ids") { listOf(1, 2) }
                        node("fan out", ids) { all ->
                            val parts = all.map { id -> live.node("part $id") { delay(5).let { id * 10 } } }
                            live.node("sum", parts) { it.sum() }.name
                        }
                    }
                }
            run.output shouldBe "sum"
            val root = named("live orders")
            val nodes = spans().filter { it.attributes.get(AttributeKey.stringKey("adagio.node")) != null }
            nodes.map { it.name } shouldContainExactlyInAnyOrder listOf("ids", "fan out", "part 1", "part 2", "sum")
            nodes.forEach { it.parentSpanId shouldBe root.spanId }
        }

        test("a map's elements and an included graph's nodes are spans of the run") {
            val inner = dag("inner") { node("deep") { 1 } }
            val graph =
                dag("grown") {
                    val ids = node("ids") { listOf(1, 2, 3) }
                    map("m", ids) { it }
                    include(inner)
                }
            runBlocking { graph.run(Unit, RunOptions(interceptors = listOf(tracing))) }
            val root = named("grown")
            val nodes = spans().filter { it.attributes.get(AttributeKey.stringKey("adagio.node")) != null }
            nodes.map { it.name } shouldContainExactlyInAnyOrder listOf("ids", "m[0]", "m[1]", "m[2]", "inner/deep")
            nodes.forEach { it.parentSpanId shouldBe root.spanId }
        }

        test("the run's span is a child of the caller's span") {
            val caller = otel.getTracer("caller").spanBuilder("request").startSpan()
            val graph = dag("nested") { node("only") { 1 } }
            caller.makeCurrent().use { runBlocking { graph.run(Unit, RunOptions(interceptors = listOf(tracing))) } }
            caller.end()
            named("nested").parentSpanId shouldBe caller.spanContext.spanId
            named("only").parentSpanId shouldBe named("nested").spanId
        }

        test("retries are events of the run's span; each attempt is a span, failed ones with status ERROR") {
            val graph =
                dag("flaky") {
                    node("call") { if (attempt < 3) error("down $attempt") else attempt }.retry(Retry.immediately(3))
                }
            runBlocking { graph.run(Unit, RunOptions(interceptors = listOf(tracing))) }
            val attempts = spans().filter { it.name == "call" }.sortedBy { it.attributes.get(AttributeKey.longKey("adagio.attempt")) }
            attempts.map { it.status.statusCode } shouldBe listOf(StatusCode.ERROR, StatusCode.ERROR, StatusCode.UNSET)
            attempts[0].events.single().name shouldBe "exception"
            val retries = named("flaky").events.filter { it.name == "adagio.retry" }
            retries.map { it.attributes.get(AttributeKey.longKey("adagio.attempt")) } shouldBe listOf(1L, 2L)
        }

        test("a failed run ends its span with status ERROR; a cancelled node is marked cancelled") {
            val graph =
                dag("failing") {
                    node("slow") { delay(10_000) }
                    node("boom") {
                        delay(1)
                        error("boom")
                    }
                }
            shouldThrow<NodeFailedException> {
                runBlocking { graph.run(Unit, RunOptions(failurePolicy = FailurePolicy.FAIL_FAST, interceptors = listOf(tracing))) }
            }
            named("failing").status.statusCode shouldBe StatusCode.ERROR
            named("boom").status.statusCode shouldBe StatusCode.ERROR
            named("slow").attributes.get(AttributeKey.booleanKey("adagio.cancelled")) shouldBe true
        }
    })
