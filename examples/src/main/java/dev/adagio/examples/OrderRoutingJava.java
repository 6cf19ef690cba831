package dev.adagio.examples;

import static java.util.concurrent.CompletableFuture.completedFuture;

import dev.adagio.java.Dags;
import dev.adagio.java.JavaStreamGraph;
import dev.adagio.java.StreamOptions;
import dev.adagio.stream.StreamNode;
import dev.adagio.stream.StreamRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link OrderRouting} in Java: a router sends sales to pricing and refunds to the refund desk and
 * drops test orders; the ledger writes priced sales in batches of 3 with a blocking body (a
 * database's shape), and large ones also go to the audit over a filtered edge.
 */
public final class OrderRoutingJava {
  private OrderRoutingJava() {}

  /** One order. */
  public record Order(int id, String kind, int amount) {}

  /** What the run wrote, and the run. */
  public record Result(
      List<List<Integer>> ledgerBatches,
      List<Integer> refunds,
      List<Integer> audited,
      StreamRun run) {}

  public static final List<Order> ORDERS =
      List.of(
          new Order(1, "sale", 20),
          new Order(2, "sale", 700),
          new Order(3, "refund", 15),
          new Order(4, "sale", 35),
          new Order(5, "test", 1),
          new Order(6, "sale", 1200),
          new Order(7, "refund", 900),
          new Order(8, "sale", 60));

  public static Result run() throws Exception {
    List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    List<Integer> refunds = Collections.synchronizedList(new ArrayList<>());
    List<Integer> audited = Collections.synchronizedList(new ArrayList<>());
    JavaStreamGraph graph =
        Dags.stream(
            "order-routing-java",
            b -> {
              StreamNode<Order> incoming =
                  b.blockingSource("orders", (arguments, emit) -> ORDERS.forEach(emit));
              StreamNode<Order> pricing =
                  b.blockingStage(
                      "pricing",
                      incoming,
                      (Order order, java.util.function.Consumer<? super Order> emit) ->
                          emit.accept(
                              new Order(order.id(), order.kind(), order.amount() * 120 / 100)),
                      StreamOptions.defaults());
              StreamNode<Void> refundDesk =
                  b.sink(
                      "refund desk", incoming, order -> completedFuture(refunds.add(order.id())));
              b.route(
                  incoming,
                  order ->
                      switch (order.kind()) {
                        case "sale" -> pricing;
                        case "refund" -> refundDesk;
                        default -> null; // test orders go nowhere
                      });
              b.blockingBatchSink(
                  "ledger",
                  pricing,
                  3,
                  Duration.ofMillis(50),
                  batch -> batches.add(batch.stream().map(Order::id).toList()),
                  StreamOptions.defaults());
              b.sink(
                  "audit",
                  b.where(pricing, order -> order.amount() >= 500),
                  order -> completedFuture(audited.add(order.id())),
                  StreamOptions.defaults());
            });
    StreamRun run = graph.run().get();
    return new Result(batches, refunds, audited, run);
  }
}
