package dev.adagio.examples;

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

  static CompletionStage<Integer> inc(int n, long millis, Waits waits) {
    return CompletableFuture.supplyAsync(() -> n + 1, waits.after(millis));
  }

  static CompletionStage<Integer> add(int a, int b, long millis, Waits waits) {
    return CompletableFuture.supplyAsync(() -> a + b, waits.after(millis));
  }

  public static JavaDag<Integer, Integer> definition() {
    return definition(Waits.REAL);
  }

  /** S2 whose nodes wait through {@code waits} (virtual time in tests). */
  public static JavaDag<Integer, Integer> definition(Waits waits) {
    JavaDagBuilder<Integer> b = Dags.builder("s2-start-early-java", Integer.class);
    Node<Integer> fastA = b.node("FastA", b.input(), n -> inc(n, 100, waits));
    Node<Integer> slowB = b.node("SlowB", fastA, n -> inc(n, 1000, waits));
    Node<Integer> slowA = b.node("SlowA", b.input(), n -> inc(n, 500, waits));
    Node<Integer> fastB = b.node("FastB", b.input(), n -> inc(n, 200, waits));
    Node<Integer> fastC = b.node("FastC", slowA, fastB, (x, y) -> add(x, y, 100, waits));
    return b.build(b.node("End", fastC, slowB, (x, y) -> add(x, y, 100, waits)));
  }

  /** The same computation chained by hand: every edge written out with thenCompose/thenCombine. */
  public static CompletableFuture<Integer> handChained(int input) {
    return handChained(input, Waits.REAL);
  }

  /** {@link #handChained(int)}, waiting through {@code waits}. */
  public static CompletableFuture<Integer> handChained(int input, Waits waits) {
    CompletableFuture<Integer> fastA = inc(input, 100, waits).toCompletableFuture();
    CompletableFuture<Integer> slowB = fastA.thenCompose(n -> inc(n, 1000, waits));
    CompletableFuture<Integer> slowA = inc(input, 500, waits).toCompletableFuture();
    CompletableFuture<Integer> fastB = inc(input, 200, waits).toCompletableFuture();
    CompletableFuture<Integer> fastC =
        slowA
            .thenCombine(fastB, (x, y) -> new int[] {x, y})
            .thenCompose(p -> add(p[0], p[1], 100, waits));
    return fastC
        .thenCombine(slowB, (x, y) -> new int[] {x, y})
        .thenCompose(p -> add(p[0], p[1], 100, waits));
  }
}
