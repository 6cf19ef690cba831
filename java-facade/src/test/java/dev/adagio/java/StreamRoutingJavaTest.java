package dev.adagio.java;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagDefinitionException;
import dev.adagio.stream.StreamNode;
import dev.adagio.stream.StreamRun;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue #20 from Java: filters, routers and batches through the facade types. */
class StreamRoutingJavaTest {
  @Test
  void whereAndRoute_sendEachItemWhereItBelongs_andEdgesCountIt() throws Exception {
    List<Integer> small = Collections.synchronizedList(new ArrayList<>());
    List<Integer> big = Collections.synchronizedList(new ArrayList<>());
    List<Integer> evens = Collections.synchronizedList(new ArrayList<>());
    JavaStreamGraph graph =
        Dags.stream(
            "routing-java",
            b -> {
              StreamNode<Integer> numbers =
                  b.blockingSource(
                      "numbers",
                      (arguments, emit) -> {
                        for (int i = 1; i <= 11; i++) emit.accept(i);
                      });
              StreamNode<Integer> copy =
                  b.blockingStage(
                      "copy",
                      numbers,
                      (Integer n, java.util.function.Consumer<? super Integer> emit) ->
                          emit.accept(n),
                      StreamOptions.defaults());
              StreamNode<Void> smallSink =
                  b.sink("small", numbers, n -> completedFuture(small.add(n)));
              StreamNode<Void> bigSink = b.sink("big", numbers, n -> completedFuture(big.add(n)));
              b.route(numbers, n -> n <= 3 ? smallSink : n <= 8 ? bigSink : n <= 10 ? copy : null);
              b.sink(
                  "evens",
                  b.where(copy, n -> n % 2 == 0),
                  n -> completedFuture(evens.add(n)),
                  StreamOptions.defaults());
            });
    StreamRun run = graph.run().get(10, SECONDS);
    assertEquals(List.of(1, 2, 3), small);
    assertEquals(List.of(4, 5, 6, 7, 8), big);
    assertEquals(List.of(10), evens);
    assertTrue(graph.isRouted(graph.node("numbers")));
    assertFalse(graph.isRouted(graph.node("copy")));
    var edge = run.edgeStats(graph.node("copy"), graph.node("evens"));
    assertEquals(1, edge.getCarried());
    assertEquals(1, edge.getRefused());
    assertTrue(edge.getEdge().getFiltered());
    // 11 goes nowhere: every edge of the routed node refused it.
    assertEquals(2, run.itemsOnEdge(graph.node("numbers"), graph.node("copy")));
    assertEquals(9, run.edgeStats(graph.node("numbers"), graph.node("copy")).getRefused());
  }

  @Test
  void batchStageAndSink_takeLists_andFlushTheRestAtTheEnd() throws Exception {
    List<Integer> sums = Collections.synchronizedList(new ArrayList<>());
    List<List<Integer>> blocking = Collections.synchronizedList(new ArrayList<>());
    JavaStreamGraph graph =
        Dags.stream(
            "batches-java",
            b -> {
              StreamNode<Integer> numbers =
                  b.blockingSource(
                      "numbers",
                      (arguments, emit) -> {
                        for (int i = 1; i <= 7; i++) emit.accept(i);
                      });
              StreamNode<Integer> sum =
                  b.batchStage(
                      "sum",
                      numbers,
                      3,
                      ChronoUnit.FOREVER.getDuration(),
                      (List<Integer> batch, dev.adagio.stream.JavaEmitter<Integer> emitter) ->
                          emitter.emit(batch.stream().mapToInt(Integer::intValue).sum()),
                      StreamOptions.defaults());
              b.batchSink(
                  "sums",
                  sum,
                  10,
                  Duration.ofSeconds(5),
                  batch -> completedFuture(sums.addAll(batch)),
                  StreamOptions.defaults());
              b.blockingBatchSink(
                  "save",
                  numbers,
                  4,
                  ChronoUnit.FOREVER.getDuration(),
                  blocking::add,
                  StreamOptions.defaults());
            });
    StreamRun run = graph.run().get(10, SECONDS);
    assertEquals(List.of(6, 15, 7), sums);
    assertEquals(List.of(List.of(1, 2, 3, 4), List.of(5, 6, 7)), blocking);
    assertEquals(3, graph.batching(graph.node("sum")).orElseThrow().getSize());
    assertEquals(Long.MAX_VALUE, graph.batching(graph.node("sum")).orElseThrow().getLingerNanos());
    assertTrue(graph.batching(graph.node("numbers")).isEmpty());
    assertEquals(7, run.stats(graph.node("save")).getEmitted());
  }

  @Test
  void badBatchArguments_areRefused_namingTheNode() {
    var e =
        assertThrows(
            DagDefinitionException.class,
            () ->
                Dags.stream(
                    "bad-linger",
                    b ->
                        b.batchSink(
                            "save",
                            b.blockingSource("numbers", (arguments, emit) -> emit.accept(1)),
                            2,
                            Duration.ofMillis(-5),
                            batch -> completedFuture(null),
                            StreamOptions.defaults())));
    assertTrue(e.getMessage().contains("'save'"), e.getMessage());
    assertThrows(
        NullPointerException.class,
        () ->
            Dags.stream(
                "null-predicate",
                b -> b.where(b.blockingSource("numbers", (arguments, emit) -> {}), null)));
  }
}
