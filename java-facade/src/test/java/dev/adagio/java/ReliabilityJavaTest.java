package dev.adagio.java;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.Node;
import dev.adagio.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The guarantees through the Java facade, with real executors and real threads. */
class ReliabilityJavaTest {
  private static final int RUNS = 1000 * Integer.getInteger("adagio.stress", 1);

  /**
   * Cancels 1,000 runs, each with blocking nodes asleep on a real pool and nodes waiting on their
   * own futures, and measures from {@code cancel(true)} to the moment the last node has stopped. No
   * thread of the pool stays busy afterwards.
   */
  @Test
  void cancellingRuns_stopsEveryNodeQuickly_andLeaksNoThread() throws Exception {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(8, 8, 1, SECONDS, new LinkedBlockingQueue<>());
    long worst = 0;
    try {
      for (int run = 0; run < RUNS; run++) {
        int nodes = 6;
        CountDownLatch running = new CountDownLatch(nodes);
        CountDownLatch stopped = new CountDownLatch(nodes);
        AtomicLong lastStop = new AtomicLong();
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        JavaDagBuilder<Void> b = Dags.builder("cancel-" + run);
        List<Node<Integer>> all = new ArrayList<>();
        for (int i = 0; i < nodes / 2; i++) {
          all.add(
              b.with(NodeOptions.defaults().withExecutor(pool))
                  .blocking(
                      "sleeper" + i,
                      () -> {
                        running.countDown();
                        try {
                          Thread.sleep(60_000);
                          return 1;
                        } catch (InterruptedException e) {
                          lastStop.accumulateAndGet(System.nanoTime(), Math::max);
                          stopped.countDown();
                          throw new IllegalStateException(e);
                        }
                      }));
          CompletableFuture<Integer> never = new CompletableFuture<>();
          futures.add(never);
          never.whenComplete(
              (v, e) -> {
                lastStop.accumulateAndGet(System.nanoTime(), Math::max);
                stopped.countDown();
              });
          all.add(
              b.node(
                  "waiter" + i,
                  () -> {
                    running.countDown();
                    return never;
                  }));
        }
        JavaDag<Void, Integer> dag =
            b.build(b.node("sum", all, xs -> CompletableFuture.completedFuture(xs.size())));
        CompletableFuture<?> future = dag.run(null, RunOptions.defaults());
        assertTrue(running.await(10, SECONDS), "every node started");
        long cancelled = System.nanoTime();
        future.cancel(true);
        assertTrue(stopped.await(10, SECONDS), "every node stopped");
        worst = Math.max(worst, lastStop.get() - cancelled);
        for (CompletableFuture<Integer> f : futures) {
          assertTrue(f.isCancelled(), "a node's own future is cancelled");
        }
      }
      long deadline = System.nanoTime() + SECONDS.toNanos(10);
      while (pool.getActiveCount() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(0, pool.getActiveCount(), "no thread of the pool is still running a node");
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("cancellation latency, worst of %d runs: %.2f ms%n", RUNS, worst / 1e6);
    assertTrue(worst < SECONDS.toNanos(5), "cancellation took " + worst / 1_000_000 + " ms");
  }

  /**
   * Random graphs of stage and blocking nodes on real executors, with random failures and random
   * cancellation: afterwards every node's future is complete and no executor thread is busy or was
   * added.
   */
  @Test
  void randomRunsWithRealThreads_leaveNoFutureOpenAndNoThreadBusy() throws Exception {
    ThreadPoolExecutor blocking =
        new ThreadPoolExecutor(4, 4, 1, SECONDS, new LinkedBlockingQueue<>());
    java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newScheduledThreadPool(2);
    java.util.Random random = new java.util.Random(2026);
    List<CompletableFuture<Integer>> nodeFutures =
        java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      for (int run = 0; run < 200 * Integer.getInteger("adagio.stress", 1); run++) {
        int size = 2 + random.nextInt(30);
        JavaDagBuilder<Void> b = Dags.builder("random-" + run);
        List<Node<Integer>> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          List<Node<Integer>> inputs = new ArrayList<>();
          for (int k = 0; k < Math.min(i, 3); k++) {
            if (random.nextBoolean()) {
              inputs.add(nodes.get(random.nextInt(i)));
            }
          }
          long millis = random.nextInt(5);
          boolean fails = random.nextInt(20) == 0;
          if (random.nextBoolean()) {
            nodes.add(
                b.node(
                    "n" + i,
                    inputs,
                    xs -> {
                      CompletableFuture<Integer> f = new CompletableFuture<>();
                      nodeFutures.add(f);
                      timer.schedule(
                          () -> {
                            if (fails) {
                              f.completeExceptionally(new IllegalStateException("fails"));
                            } else {
                              f.complete(xs.size());
                            }
                          },
                          millis,
                          MILLISECONDS);
                      return f;
                    }));
          } else {
            nodes.add(
                b.with(NodeOptions.defaults().withExecutor(blocking))
                    .blocking(
                        "n" + i,
                        inputs,
                        xs -> {
                          try {
                            Thread.sleep(millis);
                          } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                          }
                          if (fails) {
                            throw new IllegalStateException("fails");
                          }
                          return xs.size();
                        }));
          }
        }
        CompletableFuture<Integer> future = b.build(nodes.get(size - 1)).apply(null);
        if (random.nextInt(4) == 0) {
          Thread.sleep(random.nextInt(3));
          future.cancel(true);
        }
        future.handle((v, e) -> null).get(30, SECONDS);
      }
      long deadline = System.nanoTime() + SECONDS.toNanos(10);
      while ((blocking.getActiveCount() > 0 || nodeFutures.stream().anyMatch(f -> !f.isDone()))
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(0, blocking.getActiveCount(), "no blocking thread is still busy");
      assertTrue(
          nodeFutures.stream().allMatch(CompletableFuture::isDone), "every node's future is done");
      assertTrue(blocking.getLargestPoolSize() <= 4);
    } finally {
      blocking.shutdownNow();
      timer.shutdownNow();
    }
    blocking.awaitTermination(10, SECONDS);
    timer.awaitTermination(10, SECONDS);
  }

  /** A thousand runs that fail, through the facade, leave the executors idle. */
  @Test
  void failingRuns_leaveNoThreadBusy() throws Exception {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 1, SECONDS, new LinkedBlockingQueue<>());
    try {
      JavaDagBuilder<Integer> b = Dags.builder("failing", Integer.class);
      Node<Integer> slow =
          b.with(NodeOptions.defaults().withExecutor(pool))
              .blocking(
                  "slow",
                  b.input(),
                  n -> {
                    try {
                      Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                    return n;
                  });
      Node<Integer> bad =
          b.node(
              "bad",
              b.input(),
              n ->
                  CompletableFuture.supplyAsync(
                      () -> {
                        throw new IllegalStateException("bad");
                      },
                      CompletableFuture.delayedExecutor(1, MILLISECONDS)));
      JavaDag<Integer, Integer> dag =
          b.build(b.node("sum", slow, bad, (x, y) -> CompletableFuture.completedFuture(x + y)));
      List<CompletableFuture<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        runs.add(dag.apply(i));
      }
      for (CompletableFuture<Integer> run : runs) {
        assertTrue(run.handle((v, e) -> e != null).get(30, SECONDS));
      }
      // The interrupted node's code has returned; its pool thread may take a moment to finish the
      // task around it. A node that was not interrupted would sleep for 5 s, so 1 s still catches
      // it.
      long deadline = System.nanoTime() + SECONDS.toNanos(1);
      while (pool.getActiveCount() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(0, pool.getActiveCount());
    } finally {
      pool.shutdownNow();
    }
  }
}
