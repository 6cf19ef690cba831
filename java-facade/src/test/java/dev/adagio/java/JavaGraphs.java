package dev.adagio.java;

import static java.util.concurrent.CompletableFuture.completedFuture;

import dev.adagio.Node;

/** A graph built through the Java facade, for the Kotlin tests to run. */
final class JavaGraphs {
  private JavaGraphs() {}

  static JavaDag<Integer, Integer> priceWithTax() {
    JavaDagBuilder<Integer> b = Dags.builder("price-with-tax", Integer.class);
    Node<Integer> tax = b.node("tax", b.input(), price -> completedFuture(price / 5));
    return b.build(b.blocking("total", b.input(), tax, Integer::sum));
  }
}
