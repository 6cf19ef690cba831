package dev.adagio.examples;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.Retry;
import dev.adagio.RunOptions;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import dev.adagio.java.NodeOptions;
import dev.adagio.micrometer.AdagioObservations;
import dev.adagio.opentelemetry.AdagioTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A checkout traced with {@code adagio-opentelemetry} and timed with {@code adagio-micrometer}: a
 * span per run and per node attempt (a retried quote shows three), each body seeing its node's span
 * as current, and a timer per node tagged graph, node and status. A real service would export the
 * spans over OTLP and publish the timers to its registry; here both are kept in memory and printed.
 */
public final class ObservedCheckoutJava {
  private ObservedCheckoutJava() {}

  /** What a run left behind: its result, the spans (name and parent's name), the timers. */
  public record Observed(
      DagRun<String> run, List<String> spans, List<String> timers, List<String> bodiesSaw) {}

  /** Keeps every finished span. */
  private static final class Recording implements SpanExporter {
    final List<SpanData> spans = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  static JavaDag<Integer, String> checkout(List<String> bodiesSaw) {
    AtomicInteger quoteCalls = new AtomicInteger();
    JavaDagBuilder<Integer> b = Dags.builder("observed-checkout", Integer.class);
    Node<String> order =
        b.step(
            "order",
            b.input(),
            id -> {
              bodiesSaw.add("order sees span " + Span.current().getSpanContext().getSpanId());
              return "order-" + id;
            });
    Node<Integer> quote =
        b.with(NodeOptions.defaults().withRetry(Retry.fixed(3, Duration.ZERO)))
            .blocking(
                "quote",
                order,
                o -> {
                  if (quoteCalls.incrementAndGet() < 3) {
                    throw new IllegalStateException("pricing service busy");
                  }
                  return 42;
                });
    return b.build(b.step("receipt", order, quote, (o, q) -> o + " costs " + q));
  }

  public static Observed run() throws Exception {
    Recording exporter = new Recording();
    SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();

    MeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));

    RunOptions options =
        AdagioObservations.create(observations)
            .addTo(AdagioTracing.create(otel).addTo(RunOptions.defaults()));
    List<String> bodiesSaw = Collections.synchronizedList(new ArrayList<>());
    DagRun<String> run = checkout(bodiesSaw).run(7, options).get();
    tracerProvider.close();

    List<String> spans = new ArrayList<>();
    for (SpanData span : exporter.spans) {
      String parent =
          exporter.spans.stream()
              .filter(p -> p.getSpanId().equals(span.getParentSpanId()))
              .map(SpanData::getName)
              .findFirst()
              .orElse("-");
      spans.add(
          span.getName() + " (parent " + parent + ", " + span.getStatus().getStatusCode() + ")");
    }
    Collections.sort(spans);
    List<String> timers = new ArrayList<>();
    for (Timer timer : meters.find(AdagioObservations.NODE).timers()) {
      timers.add(
          AdagioObservations.NODE
              + "{node="
              + timer.getId().getTag("node")
              + ", status="
              + timer.getId().getTag("status")
              + "} count "
              + timer.count());
    }
    Collections.sort(timers);
    return new Observed(run, spans, timers, bodiesSaw);
  }
}
