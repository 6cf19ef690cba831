package dev.adagio.examples;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import java.util.concurrent.CompletableFuture;

/**
 * A graph used as a node of another, in Java: the order flow includes the checkout graph, whose
 * nodes run inside the order flow's run and show in its outcomes by path ({@code
 * checkout/payment}).
 */
public final class OrderFlowJava {
  private OrderFlowJava() {}

  /** Checkout on its own: price the order, charge it, and write the receipt. */
  public static JavaDag<Integer, String> checkout(Waits waits) {
    JavaDagBuilder<Integer> c = Dags.builder("checkout", Integer.class);
    Node<Integer> price =
        c.node(
            "price",
            c.input(),
            id -> CompletableFuture.supplyAsync(() -> id * 100, waits.after(20)));
    Node<Integer> payment =
        c.node(
            "payment",
            price,
            amount -> CompletableFuture.supplyAsync(() -> amount, waits.after(30)));
    return c.build(
        c.step("receipt", c.input(), payment, (id, paid) -> "order " + id + " paid " + paid));
  }

  /** The order flow: validate, check out (the included graph), then ship and mail at once. */
  public static JavaDag<Integer, String> orderFlow(Waits waits) {
    JavaDagBuilder<Integer> b = Dags.builder("order flow", Integer.class);
    Node<Integer> valid =
        b.node(
            "validate", b.input(), id -> CompletableFuture.supplyAsync(() -> id, waits.after(10)));
    Node<String> receipt = b.include(checkout(waits), valid);
    Node<String> shipped =
        b.node(
            "ship",
            receipt,
            r -> CompletableFuture.supplyAsync(() -> r + ", shipped", waits.after(40)));
    Node<String> mailed =
        b.node(
            "mail",
            receipt,
            r -> CompletableFuture.supplyAsync(() -> r + ", mailed", waits.after(15)));
    return b.build(b.step("done", shipped, mailed, (s, m) -> s + "; " + m));
  }

  public static DagRun<String> run(int order) throws Exception {
    return orderFlow(Waits.REAL).run(order).get();
  }
}
