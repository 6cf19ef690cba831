package dev.adagio.java;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagDefinitionException;
import dev.adagio.DagRun;
import dev.adagio.FailurePolicy;
import dev.adagio.Node;
import dev.adagio.NodeFailedException;
import dev.adagio.NodeStatus;
import dev.adagio.NodeTimeoutException;
import dev.adagio.OptionalInput;
import dev.adagio.Pool;
import dev.adagio.Retry;
import dev.adagio.RunOptions;
import dev.adagio.RunTimeoutException;
import dev.adagio.SkippedException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The policies through the Java facade: the mapping onto the engine, in real time. */
class PoliciesJavaTest {
  private static Throwable failureOf(CompletableFuture<?> future) {
    return assertThrows(ExecutionException.class, () -> future.get(10, SECONDS)).getCause();
  }

  private static <T> CompletionStage<T> later(long millis, T value) {
    return CompletableFuture.supplyAsync(
        () -> value, CompletableFuture.delayedExecutor(millis, MILLISECONDS));
  }

  @Test
  void continuePolicy_finishesIndependentBranches_andSkipsDependents() {
    JavaDagBuilder<Void> b = Dags.builder("continue");
    Node<Integer> bad =
        b.node("bad", () -> CompletableFuture.failedFuture(new IllegalStateException("bad")));
    Node<Integer> afterBad = b.node("after-bad", bad, x -> completedFuture(x + 1));
    Node<Integer> good = b.node("good", () -> later(20, 1));
    JavaDag<Void, Integer> dag =
        b.build(b.node("end", afterBad, good, (x, y) -> completedFuture(x + y)));

    NodeFailedException failure =
        assertInstanceOf(
            NodeFailedException.class,
            failureOf(
                dag.run(null, RunOptions.defaults().withFailurePolicy(FailurePolicy.CONTINUE))));
    DagRun<?> run = failure.getRun();
    assertEquals(NodeStatus.SUCCEEDED, run.status(good));
    assertEquals(NodeStatus.SKIPPED, run.status(afterBad));
    assertEquals(
        "Node 'after-bad' was skipped: its input 'bad' failed.",
        run.outcome(afterBad).getError().getMessage());
  }

  @Test
  void fallbacks_turnFailuresIntoValues() throws Exception {
    JavaDagBuilder<Void> b = Dags.builder("fallback");
    Node<Integer> quote =
        b.fallbackValue(
            b.node("quote", () -> CompletableFuture.<Integer>failedFuture(new IOException("down"))),
            100);
    Node<String> parsed =
        b.fallback(
            b.blocking("parse", () -> String.valueOf(Integer.parseInt("x"))),
            e -> e.getClass().getSimpleName());
    JavaDag<Void, String> dag =
        b.build(b.node("both", quote, parsed, (q, p) -> completedFuture(q + " " + p)));
    assertEquals("100 NumberFormatException", dag.apply(null).get(10, SECONDS));
  }

  @Test
  void anOptionalInput_handsTheConsumerANodeResult() throws Exception {
    JavaDagBuilder<Void> b = Dags.builder("optional");
    Node<Integer> quote =
        b.blocking(
            "quote",
            () -> {
              throw new SkippedException("market closed");
            });
    Node<OptionalInput<Integer>> maybe = b.optional(quote);
    JavaDag<Void, Integer> dag =
        b.build(b.node("price", maybe, r -> completedFuture(r.isSuccess() ? r.getOrThrow() : -1)));
    DagRun<Integer> run = dag.run(null).get(10, SECONDS);
    assertEquals(-1, run.getOutput());
    assertEquals(NodeStatus.SKIPPED, run.status(quote));
    assertEquals("market closed", run.outcome(quote).getError().getMessage());
  }

  @Test
  void aNodeTimeout_cancelsTheNodesFuture_andFailsNamingIt() {
    CompletableFuture<String> never = new CompletableFuture<>();
    JavaDagBuilder<Void> b = Dags.builder("timeout");
    JavaDag<Void, String> dag =
        b.build(
            b.with(NodeOptions.defaults().withTimeout(Duration.ofMillis(50)))
                .node("slow", () -> never));
    NodeFailedException failure =
        assertInstanceOf(NodeFailedException.class, failureOf(dag.apply(null)));
    assertInstanceOf(NodeTimeoutException.class, failure.getCause());
    assertTrue(never.isCancelled());
  }

  @Test
  void retries_tryAgain_andRecordTheAttempts() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    JavaDagBuilder<Void> b = Dags.builder("retry");
    Node<String> flaky =
        b.with(NodeOptions.defaults().withRetry(Retry.fixed(3, Duration.ofMillis(10))))
            .node(
                "flaky",
                () ->
                    calls.incrementAndGet() < 3
                        ? CompletableFuture.failedFuture(new IOException("flake"))
                        : completedFuture("ok"));
    JavaDag<Void, String> dag = b.build(flaky);
    DagRun<String> run = dag.run(null).get(10, SECONDS);
    assertEquals("ok", run.getOutput());
    assertEquals(3, run.outcome(flaky).getAttempts());
  }

  @Test
  void aPool_andARunLimit_boundHowManyNodesRunAtOnce() throws Exception {
    Pool pool = new Pool("java-pool", 1);
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    JavaDagBuilder<Void> b = Dags.builder("limits");
    List<Node<Integer>> nodes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      NodeOptions options = i < 3 ? NodeOptions.defaults().withPool(pool) : NodeOptions.defaults();
      nodes.add(
          b.with(options)
              .blocking(
                  "w" + i,
                  () -> {
                    most.accumulateAndGet(now.incrementAndGet(), Math::max);
                    try {
                      Thread.sleep(20);
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    } finally {
                      now.decrementAndGet();
                    }
                    return 1;
                  }));
    }
    JavaDag<Void, Integer> dag = b.build(b.node("sum", nodes, xs -> completedFuture(xs.size())));
    assertEquals(
        6, dag.run(null, RunOptions.defaults().withMaxConcurrency(2)).get(10, SECONDS).getOutput());
    assertTrue(most.get() <= 2, "at most 2 at once, saw " + most.get());
    assertEquals(1, pool.getAvailablePermits());
  }

  @Test
  void aRunTimeout_failsTheFutureWithRunTimeoutException() {
    JavaDagBuilder<Void> b = Dags.builder("run-timeout");
    JavaDag<Void, String> dag = b.build(b.node("never", () -> new CompletableFuture<String>()));
    RunTimeoutException e =
        assertInstanceOf(
            RunTimeoutException.class,
            failureOf(dag.run(null, RunOptions.defaults().withTimeout(Duration.ofMillis(50)))));
    assertEquals(NodeStatus.CANCELLED, e.getRun().status(dag.output()));
  }

  @Test
  void badOptions_areRefusedWhenDeclared() {
    JavaDagBuilder<Void> b = Dags.builder("bad");
    DagDefinitionException e =
        assertThrows(
            DagDefinitionException.class,
            () ->
                b.with(NodeOptions.defaults().withTimeout(Duration.ofMillis(-1)))
                    .node("a", () -> completedFuture(1)));
    assertTrue(e.getMessage().startsWith("The timeout of node 'a' must be positive"));
    assertThrows(DagDefinitionException.class, () -> Retry.fixed(0, Duration.ZERO));
    assertThrows(DagDefinitionException.class, () -> new Pool("db", 0));
    assertThrows(IllegalArgumentException.class, () -> RunOptions.defaults().withMaxConcurrency(0));
  }

  @Test
  void skipping_isNotAFailure() throws Exception {
    JavaDagBuilder<Void> b = Dags.builder("skip");
    Node<Integer> rows =
        b.node("rows", () -> CompletableFuture.failedFuture(new SkippedException("no rows")));
    Node<Integer> load = b.node("load", rows, r -> completedFuture(r));
    JavaDag<Void, String> dag =
        b.build(b.node("report", b.optional(load), r -> completedFuture(r.getStatus().name())));
    DagRun<String> run = dag.run(null).get(10, SECONDS);
    assertEquals("SKIPPED", run.getOutput());
    assertSame(NodeStatus.SKIPPED, run.status(rows));
  }
}
