package dev.adagio.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.NodeFailedException;
import dev.adagio.NodeStatus;
import dev.adagio.RunFuture;
import dev.adagio.RunOptions;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import dev.adagio.java.NodeOptions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Java tests in virtual time: the JUnit 5 extension, {@link VirtualTime}, {@link RunAssertions}.
 */
@ExtendWith(AdagioTestExtension.class)
class VirtualTimeTest {
  private VirtualTime fromBeforeEach;

  @BeforeEach
  void setUp(VirtualTime time) {
    fromBeforeEach = time;
  }

  private static JavaDag<Void, Integer> timed() {
    JavaDagBuilder<Void> b = Dags.builder("timed");
    Node<Integer> slow =
        b.with(NodeOptions.defaults().withTimeout(Duration.ofSeconds(5))).blocking("slow", () -> 2);
    Node<Integer> retried =
        b.with(NodeOptions.defaults().withRetry(dev.adagio.Retry.fixed(3, Duration.ofMinutes(20))))
            .step("retried", new Flaky(3));
    return b.build(b.step("sum", slow, retried, Integer::sum));
  }

  /** Fails until its {@code n}th call. */
  private static final class Flaky implements dev.adagio.java.CheckedSupplier<Integer> {
    private final int n;
    private int calls;

    Flaky(int n) {
      this.n = n;
    }

    @Override
    public Integer get() {
      if (++calls < n) {
        throw new IllegalStateException("down " + calls);
      }
      return 40;
    }
  }

  @Test
  void aRunTakesItsExactVirtualTimeAndNoRealTime(VirtualTime time) {
    assertSame(fromBeforeEach, time, "one VirtualTime per test");
    long realStart = System.nanoTime();
    DagRun<Integer> run = time.await(timed().run(null, time.options()));
    long realMillis = (System.nanoTime() - realStart) / 1_000_000;

    RunAssertions.shouldHaveSucceeded(run);
    assertEquals(42, run.getOutput());
    assertEquals(Duration.ofMinutes(40), run.makespan(), "two backoffs of 20 minutes");
    RunAssertions.shouldHaveMakespan(run, Duration.ofMinutes(40));
    RunAssertions.shouldHaveEndedAt(run, "retried", Duration.ofMinutes(40));
    assertEquals(Duration.ofMinutes(40), time.now());
    RunAssertions.shouldHaveStatus(run, "slow", NodeStatus.SUCCEEDED);
    assertEquals(3, RunAssertions.outcomeNamed(run, "retried").getAttempts());
    assertTrue(realMillis < 30_000, "40 minutes of virtual time in " + realMillis + " ms");
  }

  @Test
  void nothingRunsUntilTheTestAdvancesTime(VirtualTime time) {
    RunFuture<DagRun<Integer>> run = timed().run(null, time.options());
    time.runCurrent();
    assertFalse(run.isDone(), "waiting in its first backoff");
    time.advanceBy(Duration.ofMinutes(20));
    assertFalse(run.isDone(), "waiting in its second backoff");
    time.advanceBy(Duration.ofMinutes(20));
    assertTrue(run.isDone());
    assertEquals(42, run.join().getOutput());
  }

  @Test
  void aFailureIsThrownAsItIs(VirtualTime time) {
    JavaDagBuilder<Void> b = Dags.builder("failing");
    JavaDag<Void, Integer> dag =
        b.build(
            b.step(
                "boom",
                () -> {
                  throw new IllegalArgumentException("no");
                }));
    NodeFailedException e =
        assertThrows(NodeFailedException.class, () -> time.await(dag.run(null, time.options())));
    assertEquals("boom", e.getNodeName());
    assertEquals("no", RunAssertions.shouldHaveFailedAt(e.getRun(), "boom").getMessage());
  }

  @Test
  void optionsKeepWhatTheyWereGiven(VirtualTime time) {
    JavaDagBuilder<Void> b = Dags.builder("limited");
    Node<Integer> x = b.step("x", () -> 1);
    Node<Integer> y = b.step("y", () -> 2);
    JavaDag<Void, Integer> dag = b.build(b.step("sum", x, y, Integer::sum));
    DagRun<Integer> run =
        time.await(dag.run(null, time.options(RunOptions.defaults().withSequential(true))));
    RunAssertions.shouldHaveStartedInOrder(run, "x", "y", "sum");
  }

  @Test
  void javaStagesWaitOnTheVirtualDelayedExecutor(VirtualTime time) {
    JavaDagBuilder<Void> b = Dags.builder("waits");
    Node<Integer> slow =
        b.node(
            "slow",
            () ->
                java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> 1, time.delayedExecutor(Duration.ofHours(2))));
    JavaDag<Void, Integer> dag = b.build(b.step("next", slow, x -> x + 1));
    DagRun<Integer> run = time.await(dag.run(null, time.options()));
    assertEquals(2, run.getOutput());
    RunAssertions.shouldHaveStartedAt(run, "next", Duration.ofHours(2));
    assertThrows(IllegalArgumentException.class, () -> time.delayedExecutor(Duration.ofMillis(-1)));
  }

  /**
   * Issue #32: a blocking body that waits for a sibling which cannot run (both on the one test
   * thread) hung await past its real-time limit; the documented AssertionError comes instead.
   */
  @Test
  void awaitFailsAfterItsRealTimeout_whenABlockingBodyWaitsForever(VirtualTime time) {
    java.util.concurrent.CountDownLatch sibling = new java.util.concurrent.CountDownLatch(1);
    JavaDagBuilder<Void> b = Dags.builder("stuck");
    Node<Integer> waiting =
        b.blocking(
            "waiting",
            () -> {
              sibling.await();
              return 1;
            });
    Node<Integer> other =
        b.blocking(
            "other",
            () -> {
              sibling.countDown();
              return 2;
            });
    JavaDag<Void, Integer> dag = b.build(b.step("sum", waiting, other, Integer::sum));
    RunFuture<DagRun<Integer>> run = dag.run(null, time.options());
    AssertionError error =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> assertThrows(AssertionError.class, () -> time.await(run, Duration.ofSeconds(2))));
    assertTrue(error.getMessage().contains("did not complete within"), error.getMessage());
    run.cancel(true);
  }
}
