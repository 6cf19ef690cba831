package dev.adagio.java;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.NodeStatus;
import dev.adagio.RunCancellingException;
import dev.adagio.RunFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A cancelled run's outcomes are reachable from the future's failure, for dag and live runs. */
class CancelledOutcomesJavaTest {
  @Test
  void aCancelledDagRun_failsAtOnce_andItsFailureGivesEveryOutcome() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    JavaDagBuilder<Void> b = Dags.builder("cancelled");
    Node<String> fast = b.node("fast", () -> CompletableFuture.completedFuture("done"));
    Node<String> slow =
        b.node(
            "slow",
            () -> {
              started.countDown();
              return new CompletableFuture<String>();
            });
    JavaDag<Void, String> dag = b.build(b.node("end", fast, slow, (x, y) -> null));
    RunFuture<DagRun<String>> future = dag.run(null);
    assertTrue(started.await(10, SECONDS));

    assertTrue(future.cancel(true));
    assertTrue(future.isCancelled(), "the future is cancelled as soon as cancel returns");
    CancellationException failure = assertThrows(CancellationException.class, future::join);
    // JDK 17 throws the RunCancellingException itself, newer JDKs a new one caused by it.
    RunCancellingException cancelling = RunCancellingException.of(failure);
    assertInstanceOf(RunCancellingException.class, cancelling);
    assertSame(
        cancelling,
        future.handle((value, error) -> error).get(10, SECONDS),
        "handle passes it as it is");
    DagRun<?> run = cancelling.outcomes().get(10, SECONDS);
    assertEquals(NodeStatus.SUCCEEDED, run.status(fast));
    assertEquals(NodeStatus.CANCELLED, run.status(slow));
    assertEquals(NodeStatus.NOT_STARTED, run.status(dag.node("end")));
    assertSame(run, future.outcomes().get(10, SECONDS));
  }

  @Test
  void aRunCancelledBeforeItStarted_recordsEveryNodeAsNotStarted() throws Exception {
    JavaDagBuilder<Void> b = Dags.builder("early");
    Node<String> only = b.node("only", () -> new CompletableFuture<String>());
    JavaDag<Void, String> dag = b.build(only);
    RunFuture<String> future = dag.apply(null);
    future.cancel(true);
    DagRun<?> run =
        RunCancellingException.of(assertThrows(CancellationException.class, future::join))
            .outcomes()
            .get(10, SECONDS);
    assertFalse(run.status(only) == NodeStatus.SUCCEEDED);
  }

  @Test
  void aCancelledLiveRun_givesWhatRan() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    RunFuture<DagRun<String>> future =
        Dags.live(
            "live-cancelled",
            l -> {
              Node<String> a = l.node("a", () -> CompletableFuture.completedFuture("a"));
              return l.node(
                  "wait",
                  a,
                  x -> {
                    started.countDown();
                    return new CompletableFuture<String>();
                  });
            });
    assertTrue(started.await(10, SECONDS));
    future.cancel(true);
    DagRun<?> run = future.outcomes().get(10, SECONDS);
    assertEquals(NodeStatus.SUCCEEDED, run.status(run.getDag().node("a")));
    assertEquals(NodeStatus.CANCELLED, run.status(run.getDag().node("wait")));
  }

  @Test
  void aSucceededRun_hasItsOutcomesToo() throws Exception {
    JavaDagBuilder<Void> b = Dags.builder("ok");
    JavaDag<Void, Integer> dag = b.build(b.blocking("one", () -> 1));
    RunFuture<Integer> future = dag.apply(null);
    assertEquals(1, future.get(10, SECONDS));
    assertEquals(NodeStatus.SUCCEEDED, future.outcomes().get(10, SECONDS).status(dag.output()));
  }
}
