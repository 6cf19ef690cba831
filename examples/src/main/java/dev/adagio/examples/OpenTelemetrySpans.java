package dev.adagio.examples;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.NodeOutcome;
import dev.adagio.NodeStatus;
import dev.adagio.observe.RunInfo;
import dev.adagio.observe.RunListener;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An adapter, shown as an example: one OpenTelemetry span per run, and a child span per node that
 * ran, with the node's status and attempts as attributes and failures recorded as errors.
 */
public final class OpenTelemetrySpans implements RunListener {
  private static final AttributeKey<String> STATUS = AttributeKey.stringKey("adagio.status");
  private static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("adagio.attempts");

  private final Tracer tracer;
  private final Map<Long, Span> runs = new ConcurrentHashMap<>();
  private final Map<String, Span> nodes = new ConcurrentHashMap<>();

  public OpenTelemetrySpans(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void onRunStarted(RunInfo run) {
    runs.put(run.getId(), tracer.spanBuilder("run " + run.getDag().getName()).startSpan());
  }

  @Override
  public void onNodeStarted(RunInfo run, Node<?> node, long atNanos) {
    Span parent = runs.get(run.getId());
    nodes.put(
        key(run, node),
        tracer.spanBuilder(node.getName()).setParent(Context.root().with(parent)).startSpan());
  }

  @Override
  public void onNodeFinished(RunInfo run, NodeOutcome<?> outcome) {
    Span span = nodes.remove(key(run, outcome.getNode()));
    if (span == null) {
      return;
    }
    span.setAttribute(STATUS, outcome.getStatus().name());
    span.setAttribute(ATTEMPTS, (long) outcome.getAttempts());
    if (outcome.getStatus() == NodeStatus.FAILED) {
      span.recordException(outcome.getError());
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  @Override
  public void onRunFinished(RunInfo run, DagRun<?> result, Throwable error) {
    Span span = runs.remove(run.getId());
    if (error != null) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  private static String key(RunInfo run, Node<?> node) {
    return run.getId() + "/" + node.getIndex();
  }
}
