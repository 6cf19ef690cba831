package dev.adagio.examples;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adagio.Node;
import dev.adagio.RunOptions;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Micrometer and OpenTelemetry adapters against each library's in-memory registry/exporter. */
class AdaptersTest {
  private static JavaDag<Integer, Integer> graph(boolean fail) {
    JavaDagBuilder<Integer> b = Dags.builder("adapted", Integer.class);
    Node<Integer> a = b.node("a", b.input(), n -> completedFuture(n + 1));
    Node<Integer> c =
        b.node(
            "b",
            a,
            n ->
                fail
                    ? CompletableFuture.failedFuture(new IllegalStateException("b broke"))
                    : completedFuture(n * 2));
    return b.build(c);
  }

  @Test
  void micrometer_timesEveryNodeWithGraphNodeAndStatusTags() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RunOptions options = RunOptions.defaults().withListener(new MicrometerTimers(registry));
    graph(false).run(1, options).get(10, SECONDS);
    graph(false).run(2, options).get(10, SECONDS);
    assertEquals(
        2,
        registry
            .get("adagio.node")
            .tags("dag", "adapted", "node", "a", "status", "SUCCEEDED")
            .timer()
            .count());
    assertEquals(2, registry.get("adagio.node").tags("node", "b").timer().count());
  }

  @Test
  void openTelemetry_emitsARunSpanWithAChildSpanPerNode_andMarksFailures() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      RunOptions options =
          RunOptions.defaults().withListener(new OpenTelemetrySpans(provider.get("adagio-test")));
      assertThrows(ExecutionException.class, () -> graph(true).run(1, options).get(10, SECONDS));
      List<SpanData> spans = exporter.getFinishedSpanItems();
      Map<String, SpanData> byName =
          spans.stream().collect(Collectors.toMap(SpanData::getName, s -> s));
      assertEquals(3, spans.size());
      SpanData run = byName.get("run adapted");
      assertEquals(run.getSpanId(), byName.get("a").getParentSpanId());
      assertEquals(run.getSpanId(), byName.get("b").getParentSpanId());
      assertEquals(run.getTraceId(), byName.get("b").getTraceId());
      assertEquals(StatusCode.ERROR, byName.get("b").getStatus().getStatusCode());
      assertEquals(StatusCode.ERROR, run.getStatus().getStatusCode());
      assertEquals(
          "SUCCEEDED",
          byName.get("a").getAttributes().asMap().entrySet().stream()
              .filter(e -> e.getKey().getKey().equals("adagio.status"))
              .findFirst()
              .orElseThrow()
              .getValue());
    }
  }
}
