package dev.adagio.java;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.NodeOutcome;
import dev.adagio.Retry;
import dev.adagio.RunOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Times read from Java as java.time.Duration, under Java's names. */
class DurationsJavaTest {
  @Test
  void outcomesAndRuns_giveJavaDurations_andNoneForANodeThatNeverRan() throws Exception {
    JavaDagBuilder<Void> b = Dags.builder("timed");
    Node<Integer> a = b.node("a", () -> completedFuture(1));
    Node<Integer> never = b.node("never", a, x -> completedFuture(x));
    JavaDag<Void, Integer> dag = b.build(never);
    DagRun<Integer> run = dag.run(null, RunOptions.defaults().withTargets(a)).get(10, SECONDS);
    NodeOutcome<Integer> outcome = run.outcome(a);
    Duration took = outcome.duration();
    assertFalse(took.isNegative());
    assertEquals(outcome.endOffset().minus(outcome.startOffset()), took);
    assertFalse(run.makespan().isNegative());
    assertNull(run.outcome(never).duration());
  }

  @Test
  void retryDelays_areReadableFromJava() {
    Retry retry = Retry.exponential(3, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1));
    assertEquals(Duration.ofMillis(50), retry.initialDelay());
    assertEquals(Duration.ofSeconds(1), retry.maxDelay());
  }
}
