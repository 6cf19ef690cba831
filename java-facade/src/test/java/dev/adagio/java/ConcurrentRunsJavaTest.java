package dev.adagio.java;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adagio.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ConcurrentRunsJavaTest {
  @Test
  void thousandConcurrentRuns_giveIndependentResults() throws Exception {
    JavaDagBuilder<Integer> b = Dags.builder("concurrent", Integer.class);
    Node<Integer> doubled =
        b.node(
            "double",
            b.input(),
            n ->
                CompletableFuture.supplyAsync(
                    () -> n * 2, CompletableFuture.delayedExecutor(n % 5, MILLISECONDS)));
    Node<Integer> squared = b.blocking("square", b.input(), n -> n * n);
    JavaDag<Integer, Integer> dag =
        b.build(
            b.node("sum", doubled, squared, (d, s) -> CompletableFuture.completedFuture(d + s)));

    ExecutorService engine = Executors.newFixedThreadPool(2);
    try {
      List<CompletableFuture<Integer>> runs = new ArrayList<>();
      for (int n = 0; n < 1000; n++) {
        runs.add(n % 2 == 0 ? dag.apply(n) : dag.apply(n, engine));
      }
      for (int n = 0; n < 1000; n++) {
        assertEquals(n * 2 + n * n, runs.get(n).get(30, SECONDS));
      }
    } finally {
      engine.shutdownNow();
    }
  }
}
