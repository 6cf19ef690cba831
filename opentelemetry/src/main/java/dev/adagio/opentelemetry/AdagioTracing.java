package dev.adagio.opentelemetry;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.RunOptions;
import dev.adagio.observe.InterceptedAttempt;
import dev.adagio.observe.NodeInterceptor;
import dev.adagio.observe.RunInfo;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import kotlinx.coroutines.TimeoutCancellationException;

/**
 * OpenTelemetry tracing of Adagio runs: a span per run, and a span per node attempt as its child,
 * current inside the node's body on every thread it runs on (so an instrumented HTTP client called
 * by the body joins the trace), retries as events of the run's span, failures as span status.
 *
 * <pre>{@code
 * AdagioTracing tracing = AdagioTracing.create(openTelemetry);
 * dag.run(input, RunOptions.defaults().withInterceptor(tracing));   // Java
 * dag.run(input, RunOptions(interceptors = listOf(tracing)))         // Kotlin
 * }</pre>
 *
 * <p>The run's span is a child of the span current where the run starts (its caller's), and is
 * named after the graph; a node attempt's span is named after the node. Attributes: {@code
 * adagio.graph}, {@code adagio.run.id} on the run; {@code adagio.node}, {@code adagio.attempt} on
 * each attempt. A failed or timed-out attempt (a node timeout ends it with a {@code
 * TimeoutCancellationException}) records its exception and ends with status {@code ERROR}; a
 * cancelled one ends with the attribute {@code adagio.cancelled}. Dags, live runs (a map's elements
 * and an included graph's nodes too), annotated and reactive graphs are traced; stream graphs take
 * no interceptors yet.
 */
public final class AdagioTracing implements NodeInterceptor {
  /** The instrumentation scope's name, for the tracer. */
  public static final String INSTRUMENTATION_NAME = "dev.adagio";

  static final AttributeKey<String> GRAPH = AttributeKey.stringKey("adagio.graph");
  static final AttributeKey<Long> RUN_ID = AttributeKey.longKey("adagio.run.id");
  static final AttributeKey<String> NODE = AttributeKey.stringKey("adagio.node");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("adagio.attempt");
  static final AttributeKey<Boolean> CANCELLED = AttributeKey.booleanKey("adagio.cancelled");
  static final AttributeKey<Long> DELAY_MS = AttributeKey.longKey("adagio.retry.delay_ms");

  private final Tracer tracer;

  /** The context of each run in progress (its span made current over the caller's), by run id. */
  private final ConcurrentHashMap<Long, Context> runs = new ConcurrentHashMap<>();

  private AdagioTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Tracing with {@code openTelemetry}'s tracer for {@value #INSTRUMENTATION_NAME}. */
  public static AdagioTracing create(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    return new AdagioTracing(openTelemetry.getTracer(INSTRUMENTATION_NAME));
  }

  /** Tracing with {@code tracer}. */
  public static AdagioTracing create(Tracer tracer) {
    return new AdagioTracing(Objects.requireNonNull(tracer, "tracer"));
  }

  /** {@code options} with this tracing added. */
  public RunOptions addTo(RunOptions options) {
    return options.withInterceptor(this);
  }

  @Override
  public void onRunStarted(RunInfo run) {
    Context parent = Context.current();
    Span span =
        tracer
            .spanBuilder(run.getDag().getName())
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(GRAPH, run.getDag().getName())
            .setAttribute(RUN_ID, run.getId())
            .startSpan();
    runs.put(run.getId(), parent.with(span));
  }

  @Override
  public InterceptedAttempt onAttempt(RunInfo run, Node<?> node, int attempt) {
    Context parent = runs.getOrDefault(run.getId(), Context.current());
    Span span =
        tracer
            .spanBuilder(node.getName())
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(GRAPH, run.getDag().getName())
            .setAttribute(NODE, node.getName())
            .setAttribute(ATTEMPT, (long) attempt)
            .startSpan();
    return new Attempt(parent.with(span), span);
  }

  @Override
  public void onNodeRetrying(
      RunInfo run, Node<?> node, int failedAttempt, Throwable error, long delayNanos) {
    Context context = runs.get(run.getId());
    if (context == null) {
      return;
    }
    Span.fromContext(context)
        .addEvent(
            "adagio.retry",
            Attributes.of(
                NODE,
                node.getName(),
                ATTEMPT,
                (long) failedAttempt,
                DELAY_MS,
                TimeUnit.NANOSECONDS.toMillis(delayNanos),
                AttributeKey.stringKey("exception.type"),
                error.getClass().getName()));
  }

  @Override
  public void onRunFinished(RunInfo run, DagRun<?> result, Throwable error) {
    Context context = runs.remove(run.getId());
    if (context == null) {
      return;
    }
    Span span = Span.fromContext(context);
    end(span, error);
  }

  private static void end(Span span, Throwable error) {
    if (error instanceof CancellationException
        && !(error instanceof TimeoutCancellationException)) {
      span.setAttribute(CANCELLED, true);
    } else if (error != null) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
    }
    span.end();
  }

  /** One attempt's span: current where the attempt runs, ended with its outcome. */
  private static final class Attempt implements InterceptedAttempt {
    private final Context context;
    private final Span span;

    Attempt(Context context, Span span) {
      this.context = context;
      this.span = span;
    }

    @Override
    public AutoCloseable makeCurrent() {
      return context.makeCurrent();
    }

    @Override
    public void onEnd(Throwable error) {
      end(span, error);
    }
  }
}
