package dev.adagio.java;

import dev.adagio.Dag;

/**
 * The front door of Adagio for Java.
 *
 * <pre>{@code
 * JavaDagBuilder<OrderId> b = Dags.builder("checkout");
 * Node<Order> order = b.node("order", b.input(), orders::fetchAsync);
 * Node<Payment> payment = b.blocking("payment", order, payments::charge);
 * Node<Receipt> receipt = b.node("receipt", order, payment,
 *     (o, p) -> CompletableFuture.completedFuture(new Receipt(o, p)));
 * JavaDag<OrderId, Receipt> checkout = b.build(receipt);
 * CompletableFuture<Receipt> r = checkout.apply(new OrderId(7));
 * }</pre>
 */
public final class Dags {
  private Dags() {}

  /**
   * A builder for a graph called {@code name} whose runs take an input of type {@code I}.
   *
   * @throws dev.adagio.DagDefinitionException when the name is blank
   */
  public static <I> JavaDagBuilder<I> builder(String name) {
    return new JavaDagBuilder<>(name);
  }

  /** Wraps a graph built elsewhere, such as with the Kotlin DSL, to run it from Java. */
  public static <I, O> JavaDag<I, O> of(Dag<I, O> dag) {
    return new JavaDag<>(Checks.notNull(dag, "dag"));
  }
}
