package dev.adagio.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adagio.Node;
import dev.adagio.RunOptions;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Java facade traced: each Java body sees its node's span as current. */
class AdagioTracingJavaTest {
  @Test
  void javaBodiesSeeTheirNodesSpan() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    AdagioTracing tracing = AdagioTracing.create(otel);

    JavaDagBuilder<Void> b = Dags.builder("java-traced");
    Node<String> step = b.step("step", () -> Span.current().getSpanContext().getSpanId());
    Node<String> blocking =
        b.blocking("blocking", () -> Span.current().getSpanContext().getSpanId());
    Node<String> stage =
        b.node(
            "stage",
            () -> CompletableFuture.completedFuture(Span.current().getSpanContext().getSpanId()));
    JavaDag<Void, List<String>> dag =
        b.build(b.step("all", List.of(step, blocking, stage), v -> v));

    List<String> seen =
        dag.run(null, tracing.addTo(RunOptions.defaults())).get(10, TimeUnit.SECONDS).getOutput();

    List<SpanData> spans = exporter.getFinishedSpanItems();
    for (int k = 0; k < 3; k++) {
      String name = List.of("step", "blocking", "stage").get(k);
      SpanData span =
          spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
      assertEquals(span.getSpanId(), seen.get(k), name + " sees its own span");
    }
  }
}
