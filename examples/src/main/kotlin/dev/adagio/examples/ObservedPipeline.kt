package dev.adagio.examples

import dev.adagio.DagRun
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.opentelemetry.AdagioTracing
import io.opentelemetry.api.trace.Span
import io.opentelemetry.sdk.OpenTelemetrySdk
import io.opentelemetry.sdk.common.CompletableResultCode
import io.opentelemetry.sdk.trace.SdkTracerProvider
import io.opentelemetry.sdk.trace.data.SpanData
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor
import io.opentelemetry.sdk.trace.export.SpanExporter
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import java.util.Collections

/**
 * Tracing suspending bodies with `adagio-opentelemetry`: each node's span is current inside its body
 * after a suspension, on another dispatcher, in a blocking node and in a coroutine the body launches,
 * so whatever the body calls (an instrumented HTTP client, a database driver) joins the node's span.
 */
object ObservedPipeline {
    /** The run, its spans by name (the span id and the parent's name), and the span id each body saw. */
    class Observed(
        val run: DagRun<Int>,
        val spans: Map<String, Pair<String, String>>,
        val seen: Map<String, String>,
    )

    private class Recording : SpanExporter {
        val spans: MutableList<SpanData> = Collections.synchronizedList(ArrayList())

        override fun export(batch: Collection<SpanData>): CompletableResultCode = CompletableResultCode.ofSuccess().also { spans += batch }

        override fun flush(): CompletableResultCode = CompletableResultCode.ofSuccess()

        override fun shutdown(): CompletableResultCode = CompletableResultCode.ofSuccess()
    }

    private fun currentSpan(): String = Span.current().spanContext.spanId

    suspend fun run(): Observed {
        val exporter = Recording()
        val provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()
        val tracing = AdagioTracing.create(OpenTelemetrySdk.builder().setTracerProvider(provider).build())
        val seen = java.util.concurrent.ConcurrentHashMap<String, String>()
        val pipeline =
            dag("observed-pipeline") {
                val fetch =
                    node("fetch") {
                        delay(10)
                        withContext(Dispatchers.IO) { seen["fetch"] = currentSpan() }
                        3
                    }
                val score =
                    blockingNode("score", fetch) { rows ->
                        seen["score"] = currentSpan()
                        rows * 2
                    }
                node("publish", score) { points ->
                    launch(Dispatchers.Default) { seen["publish"] = currentSpan() }
                    points
                }
            }
        val run = pipeline.run(Unit, RunOptions(interceptors = listOf(tracing)))
        provider.close()
        val byId = exporter.spans.associateBy { it.spanId }
        val spans = exporter.spans.associate { it.name to (it.spanId to (byId[it.parentSpanId]?.name ?: "-")) }
        return Observed(run, spans, seen.toMap())
    }
}
