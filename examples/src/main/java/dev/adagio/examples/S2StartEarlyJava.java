package dev.adagio.examples;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SCENARIOS.md S2 in Java, from async-dag: SlowB starts as soon as FastA is done, so the run takes
 * 1.2 s. Beside it, the same computation chained by hand with {@code CompletableFuture}s.
 */
public final class S2StartEarlyJava {
  private S2StartEarlyJava() {}

  static CompletionStage<Integer> inc(int n, long millis) {
    return CompletableFuture.supplyAsync(
        () -> n + 1, CompletableFuture.delayedExecutor(millis, MILLISECONDS));
  }

  static CompletionStage<Integer> add(int a, int b, long millis) {
    return CompletableFuture.supplyAsync(
        () -> a + b, CompletableFuture.delayedExecutor(millis, MILLISECONDS));
  }

  public static JavaDag<Integer, Integer> definition() {
    JavaDagBuilder<Integer> b = Dags.builder("s2-start-early-java", Integer.class);
    Node<Integer> fastA = b.node("FastA", b.input(), n -> inc(n, 100));
    Node<Integer> slowB = b.node("SlowB", fastA, n -> inc(n, 1000));
    Node<Integer> slowA = b.node("SlowA", b.input(), n -> inc(n, 500));
    Node<Integer> fastB = b.node("FastB", b.input(), n -> inc(n, 200));
    Node<Integer> fastC = b.node("FastC", slowA, fastB, (x, y) -> add(x, y, 100));
    return b.build(b.node("End", fastC, slowB, (x, y) -> add(x, y, 100)));
  }

  /** The same computation chained by hand: every edge written out with thenCompose/thenCombine. */
  public static CompletableFuture<Integer> handChained(int input) {
    CompletableFuture<Integer> fastA = inc(input, 100).toCompletableFuture();
    CompletableFuture<Integer> slowB = fastA.thenCompose(n -> inc(n, 1000));
    CompletableFuture<Integer> slowA = inc(input, 500).toCompletableFuture();
    CompletableFuture<Integer> fastB = inc(input, 200).toCompletableFuture();
    CompletableFuture<Integer> fastC =
        slowA.thenCombine(fastB, (x, y) -> new int[] {x, y}).thenCompose(p -> add(p[0], p[1], 100));
    return fastC
        .thenCombine(slowB, (x, y) -> new int[] {x, y})
        .thenCompose(p -> add(p[0], p[1], 100));
  }
}
