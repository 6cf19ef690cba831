package dev.adagio.java;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagRun;
import dev.adagio.Node;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeOptions#dispatched()}: CPU-bound Java bodies run in parallel. Two bodies that compute
 * without returning wait at a barrier for each other, so running them one after the other (as
 * undispatched steps run, on the engine's thread) cannot pass; the barrier's limit only turns that
 * hang into a failure.
 */
class DispatchedJavaTest {
  private static int meet(CyclicBarrier barrier)
      throws InterruptedException, BrokenBarrierException, TimeoutException {
    barrier.await(10, SECONDS);
    return 1;
  }

  @Test
  void dispatchedSteps_runInParallel() throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(2);
    JavaDagBuilder<Void> b = Dags.builder("cpu");
    JavaDagBuilder<Void> cpu = b.with(NodeOptions.defaults().dispatched());
    Node<Integer> left = cpu.step("left", () -> meet(barrier));
    Node<Integer> right = cpu.step("right", () -> meet(barrier));
    JavaDag<Void, Integer> dag = b.build(b.step("sum", left, right, Integer::sum));

    assertEquals(2, dag.apply(null).get(20, SECONDS));
  }

  @Test
  void dispatchedOn_runsTheBodyOnTheGivenExecutor() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "java-cpu"));
    try {
      JavaDagBuilder<Void> b = Dags.builder("where");
      Node<String> where =
          b.with(NodeOptions.defaults().dispatchedOn(executor))
              .step("where", () -> Thread.currentThread().getName());
      DagRun<String> run = b.build(where).run(null).get(20, SECONDS);
      assertEquals("java-cpu", run.getOutput().split(" @")[0]);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void dispatchedLiveNodes_runInParallel() throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(2);
    DagRun<Integer> run =
        Dags.live(
                "cpu-live",
                b -> {
                  JavaLiveBuilder cpu = b.with(NodeOptions.defaults().dispatched());
                  Node<Integer> left =
                      cpu.node("left", () -> completedFuture(uncheckedMeet(barrier)));
                  Node<Integer> right =
                      cpu.node("right", () -> completedFuture(uncheckedMeet(barrier)));
                  return b.node("sum", List.of(left, right), v -> completedFuture(v.size()));
                })
            .get(20, SECONDS);
    assertEquals(2, run.getOutput());
  }

  @Test
  void aBlockingNode_keepsItsExecutor_underDispatchedOptions() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "java-io"));
    try {
      JavaDagBuilder<Void> b = Dags.builder("blocking");
      Node<String> read =
          b.with(NodeOptions.defaults().dispatched().withExecutor(executor))
              .blocking("read", () -> Thread.currentThread().getName());
      assertEquals("java-io", b.build(read).apply(null).get(20, SECONDS).split(" @")[0]);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void options_reportDispatch() {
    NodeOptions options = NodeOptions.defaults();
    assertEquals(false, options.isDispatched());
    assertEquals(true, options.dispatched().isDispatched());
    assertTrue(options.dispatched().dispatchExecutor().isEmpty());
  }

  private static int uncheckedMeet(CyclicBarrier barrier) {
    try {
      return meet(barrier);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
