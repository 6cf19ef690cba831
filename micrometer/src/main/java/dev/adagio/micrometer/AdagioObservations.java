package dev.adagio.micrometer;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.RunOptions;
import dev.adagio.observe.InterceptedAttempt;
import dev.adagio.observe.NodeInterceptor;
import dev.adagio.observe.RunInfo;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import kotlinx.coroutines.TimeoutCancellationException;

/**
 * Micrometer observations of Adagio runs, on the Observation API: an observation {@value #RUN} per
 * run and {@value #NODE} per node attempt (its child), the attempt's observation current inside the
 * node's body on every thread it runs on. With a meter handler registered (Micrometer's {@code
 * DefaultMeterObservationHandler}, or Spring Boot's), each becomes a timer.
 *
 * <pre>{@code
 * AdagioObservations observations = AdagioObservations.create(observationRegistry);
 * dag.run(input, RunOptions.defaults().withInterceptor(observations));   // Java
 * dag.run(input, RunOptions(interceptors = listOf(observations)))         // Kotlin
 * }</pre>
 *
 * <p>Low-cardinality keys (tags on the timers): {@code graph} and {@code status} on both, {@code
 * node} on node attempts. {@code status} is {@code SUCCEEDED}, {@code FAILED} (a timeout included)
 * or {@code CANCELLED}. High-cardinality: {@code attempt} and {@code run.id}. The run's observation
 * is a child of the observation current where the run starts. Dags, live runs (a map's elements and
 * an included graph's nodes too), annotated and reactive graphs are observed; stream graphs take no
 * interceptors yet.
 */
public final class AdagioObservations implements NodeInterceptor {
  /** The name of a run's observation (and timer). */
  public static final String RUN = "adagio.run";

  /** The name of a node attempt's observation (and timer). */
  public static final String NODE = "adagio.node";

  private final ObservationRegistry registry;

  /** Each run in progress, by run id. */
  private final ConcurrentHashMap<Long, Observation> runs = new ConcurrentHashMap<>();

  private AdagioObservations(ObservationRegistry registry) {
    this.registry = registry;
  }

  /** Observations in {@code registry}. */
  public static AdagioObservations create(ObservationRegistry registry) {
    return new AdagioObservations(Objects.requireNonNull(registry, "registry"));
  }

  /** {@code options} with these observations added. */
  public RunOptions addTo(RunOptions options) {
    return options.withInterceptor(this);
  }

  @Override
  public void onRunStarted(RunInfo run) {
    Observation observation =
        Observation.createNotStarted(RUN, registry)
            .contextualName(run.getDag().getName())
            .lowCardinalityKeyValue("graph", run.getDag().getName())
            .highCardinalityKeyValue("run.id", Long.toString(run.getId()))
            .parentObservation(registry.getCurrentObservation())
            .start();
    runs.put(run.getId(), observation);
  }

  @Override
  public InterceptedAttempt onAttempt(RunInfo run, Node<?> node, int attempt) {
    Observation observation =
        Observation.createNotStarted(NODE, registry)
            .contextualName(node.getName())
            .lowCardinalityKeyValue("graph", run.getDag().getName())
            .lowCardinalityKeyValue("node", node.getName())
            .highCardinalityKeyValue("attempt", Integer.toString(attempt))
            .parentObservation(runs.get(run.getId()))
            .start();
    return new Attempt(observation);
  }

  @Override
  public void onNodeRetrying(
      RunInfo run, Node<?> node, int failedAttempt, Throwable error, long delayNanos) {
    Observation observation = runs.get(run.getId());
    if (observation != null) {
      observation.event(Observation.Event.of("adagio.retry", "retry of " + node.getName()));
    }
  }

  @Override
  public void onRunFinished(RunInfo run, DagRun<?> result, Throwable error) {
    Observation observation = runs.remove(run.getId());
    if (observation != null) {
      stop(observation, error);
    }
  }

  private static void stop(Observation observation, Throwable error) {
    observation.lowCardinalityKeyValue("status", status(error));
    if (error != null && !isCancellation(error)) {
      observation.error(error);
    }
    observation.stop();
  }

  private static boolean isCancellation(Throwable error) {
    return error instanceof CancellationException
        && !(error instanceof TimeoutCancellationException);
  }

  private static String status(Throwable error) {
    if (error == null) {
      return "SUCCEEDED";
    }
    return isCancellation(error) ? "CANCELLED" : "FAILED";
  }

  /** One attempt's observation: its scope open where the attempt runs, stopped with its outcome. */
  private static final class Attempt implements InterceptedAttempt {
    private final Observation observation;

    Attempt(Observation observation) {
      this.observation = observation;
    }

    @Override
    public AutoCloseable makeCurrent() {
      return observation.openScope();
    }

    @Override
    public void onEnd(Throwable error) {
      stop(observation, error);
    }
  }
}
