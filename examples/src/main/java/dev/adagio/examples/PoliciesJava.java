package dev.adagio.examples;

import static java.util.concurrent.CompletableFuture.completedFuture;

import dev.adagio.Node;
import dev.adagio.OptionalInput;
import dev.adagio.Pool;
import dev.adagio.Retry;
import dev.adagio.SkippedException;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import dev.adagio.java.NodeOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java twin of {@code PoliciesExample}: a database pool, a timeout with exponential retries, a
 * timeout with a fallback value, a node that skips itself, an optional input.
 */
public final class PoliciesJava {
  static final Pool DATABASE = new Pool("database-java", 2);

  private PoliciesJava() {}

  public static JavaDag<Integer, String> checkout(int quoteFlakes) {
    return checkout(quoteFlakes, Waits.REAL);
  }

  /** The checkout, its services answering through {@code waits} (virtual time in tests). */
  public static JavaDag<Integer, String> checkout(int quoteFlakes, Waits waits) {
    AtomicInteger quoteCalls = new AtomicInteger();
    NodeOptions database = NodeOptions.defaults().withPool(DATABASE);
    JavaDagBuilder<Integer> b = Dags.builder("checkout-policies-java", Integer.class);
    Node<String> order =
        b.with(database).node("order", b.input(), id -> after(20, "order-" + id, waits));
    Node<Integer> stock = b.with(database).node("stock", b.input(), id -> after(30, 5, waits));
    Node<Integer> quote =
        b.with(
                NodeOptions.defaults()
                    .withTimeout(Duration.ofMillis(200))
                    .withRetry(
                        Retry.exponential(3, Duration.ofMillis(10), 2.0, Duration.ofSeconds(1))))
            .node(
                "quote",
                order,
                o ->
                    quoteCalls.incrementAndGet() <= quoteFlakes
                        ? CompletableFuture.failedFuture(new IOException("quote service flaked"))
                        : after(10, 42, waits));
    Node<Integer> promo =
        b.fallbackValue(
            b.with(NodeOptions.defaults().withTimeout(Duration.ofMillis(50)))
                .node("promo", order, o -> after(1000, 5, waits)),
            0);
    Node<Integer> loyalty =
        b.blocking(
            "loyalty",
            b.input(),
            id -> {
              if (id % 2 == 0) {
                throw new SkippedException("guest checkout");
              }
              return 10;
            });
    Node<OptionalInput<Integer>> maybeLoyalty = b.optional(loyalty);
    return b.build(
        b.node(
            "receipt",
            quote,
            promo,
            stock,
            maybeLoyalty,
            (q, p, s, l) ->
                completedFuture("price " + (q - p - l.getOrDefault(0)) + ", " + s + " in stock")));
  }

  static <T> CompletionStage<T> after(long millis, T value, Waits waits) {
    return CompletableFuture.supplyAsync(() -> value, waits.after(millis));
  }
}
