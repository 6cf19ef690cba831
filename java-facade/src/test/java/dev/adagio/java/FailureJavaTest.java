package dev.adagio.java;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.NodeFailedException;
import dev.adagio.NodeStatus;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailureJavaTest {
  private static NodeFailedException failureOf(CompletableFuture<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, SECONDS));
    return assertInstanceOf(NodeFailedException.class, e.getCause());
  }

  private static <T> CompletableFuture<T> failLater(RuntimeException error) {
    return CompletableFuture.supplyAsync(
        () -> {
          throw error;
        },
        CompletableFuture.delayedExecutor(50, MILLISECONDS));
  }

  @Test
  void failFast_cancelsRunningNodeFutures_andNamesTheNodeWithItsCause() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<String> slow = new CompletableFuture<>();
    JavaDagBuilder<Void> b = Dags.builder("fail-fast");
    b.node("slow", () -> slow);
    var bad = b.node("bad", () -> failLater(boom));
    JavaDag<Void, String> dag =
        b.build(b.node("after-bad", bad, x -> CompletableFuture.completedFuture("never")));

    NodeFailedException failure = failureOf(dag.apply(null));
    assertEquals("bad", failure.getNodeName());
    assertSame(boom, failure.getCause());
    assertTrue(slow.isCancelled(), "the running node's future is cancelled when the run ends");
    assertEquals(NodeStatus.CANCELLED, failure.getRun().status(dag.node("slow")));
    assertEquals(NodeStatus.NOT_STARTED, failure.getRun().status(dag.node("after-bad")));
  }

  @Test
  void failFast_interruptsBlockingNodes() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    JavaDagBuilder<Void> b = Dags.builder("fail-fast-blocking");
    b.blocking(
        "sleeper",
        () -> {
          try {
            Thread.sleep(60_000);
            return "woke";
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw new IllegalStateException(e);
          }
        });
    JavaDag<Void, Object> dag =
        b.build(b.node("bad", () -> failLater(new IllegalStateException("bad"))));
    assertEquals("bad", failureOf(dag.apply(null)).getNodeName());
    assertEquals(0, interrupted.getCount(), "the run ends only after the blocking node stopped");
  }

  @Test
  void cancellingTheReturnedFuture_cancelsNodeFutures_andInterruptsBlockingNodes()
      throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    CountDownLatch sleeping = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    JavaDagBuilder<Void> b = Dags.builder("cancel");
    var waiting = b.node("waiting", () -> pending);
    var sleeper =
        b.blocking(
            "sleeper",
            () -> {
              sleeping.countDown();
              try {
                Thread.sleep(60_000);
                return "woke";
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw new IllegalStateException(e);
              }
            });
    JavaDag<Void, String> dag = b.build(b.node("both", waiting, sleeper, (x, y) -> pending));
    CompletableFuture<String> run = dag.apply(null);
    assertTrue(sleeping.await(10, SECONDS));
    run.toCompletableFuture().cancel(true);

    assertTrue(interrupted.await(10, SECONDS), "the blocking node's thread is interrupted");
    assertThrows(CancellationException.class, () -> pending.get(10, SECONDS));
    assertTrue(pending.isCancelled(), "the running node's own future is cancelled");
  }

  @Test
  void aNodeFutureCancelledFromOutside_failsThatNodeAsCancelled() throws Exception {
    CompletableFuture<String> victim = new CompletableFuture<>();
    JavaDagBuilder<Void> b = Dags.builder("outside-cancel");
    b.node(
        "canceller",
        () ->
            CompletableFuture.runAsync(
                () -> victim.cancel(false), CompletableFuture.delayedExecutor(20, MILLISECONDS)));
    JavaDag<Void, String> dag = b.build(b.node("victim", () -> victim));
    NodeFailedException failure = failureOf(dag.apply(null));
    assertEquals("victim", failure.getNodeName());
    assertInstanceOf(CancellationException.class, failure.getCause());
    assertEquals(NodeStatus.CANCELLED, failure.getRun().status(dag.output()));
  }

  @Test
  void exceptionsAreUnwrappedFromCompletionAndExecutionExceptions() throws Exception {
    IllegalArgumentException root = new IllegalArgumentException("root");
    JavaDagBuilder<Void> b = Dags.builder("unwrap");
    JavaDag<Void, Object> wrapped =
        b.build(
            b.node("wrapped", () -> CompletableFuture.failedFuture(new CompletionException(root))));
    assertSame(root, failureOf(wrapped.apply(null)).getCause());

    JavaDagBuilder<Void> b2 = Dags.builder("unwrap-execution");
    JavaDag<Void, Object> execution =
        b2.build(
            b2.node("wrapped", () -> CompletableFuture.failedFuture(new ExecutionException(root))));
    assertSame(root, failureOf(execution.apply(null)).getCause());
  }

  @Test
  void aNodeReturningANullStage_failsWithAMessageNamingIt() {
    JavaDagBuilder<Void> b = Dags.builder("null-stage");
    JavaDag<Void, Object> dag = b.build(b.node("nothing", () -> null));
    NodeFailedException failure = failureOf(dag.apply(null));
    assertEquals("nothing", failure.getNodeName());
    assertTrue(
        failure.getCause().getMessage().contains("Node 'nothing' returned a null CompletionStage"));
  }

  @Test
  void aBlockingNodeThatThrows_failsTheRunWithItsException() {
    IllegalStateException broken = new IllegalStateException("broken");
    JavaDagBuilder<Integer> b = Dags.builder("blocking-throws", Integer.class);
    JavaDag<Integer, Integer> dag =
        b.build(
            b.blocking(
                "parse",
                b.input(),
                n -> {
                  throw broken;
                }));
    assertSame(broken, failureOf(dag.apply(1)).getCause());
  }

  @Test
  void aFailedRun_doesNotAffectTheNextRun() throws Exception {
    JavaDagBuilder<Integer> b = Dags.builder("poison", Integer.class);
    var checked =
        b.node(
            "check",
            b.input(),
            n ->
                n < 0
                    ? CompletableFuture.failedFuture(new IllegalArgumentException("negative"))
                    : CompletableFuture.completedFuture(n));
    JavaDag<Integer, Integer> dag = b.build(b.blocking("double", checked, n -> n * 2));
    assertEquals("check", failureOf(dag.apply(-1)).getNodeName());
    assertEquals(10, dag.apply(5).get(10, SECONDS));
  }
}
