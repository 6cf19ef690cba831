package dev.adagio.examples;

import dev.adagio.NodeOutcome;
import dev.adagio.observe.RunInfo;
import dev.adagio.observe.RunListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * An adapter, shown as an example: records every node that ran as a Micrometer timer {@code
 * adagio.node}, tagged with the graph, the node and its status.
 *
 * <pre>{@code
 * dag.run(input, RunOptions.defaults().withListener(new MicrometerTimers(registry)));
 * }</pre>
 */
public final class MicrometerTimers implements RunListener {
  private final MeterRegistry registry;

  public MicrometerTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onNodeFinished(RunInfo run, NodeOutcome<?> outcome) {
    if (outcome.getStartNanos() < 0) {
      return;
    }
    Timer.builder("adagio.node")
        .description("Time a node of an Adagio graph took, retries included")
        .tag("dag", run.getDag().getName())
        .tag("node", outcome.getNode().getName())
        .tag("status", outcome.getStatus().name())
        .register(registry)
        .record(outcome.getDurationNanos(), TimeUnit.NANOSECONDS);
  }
}
