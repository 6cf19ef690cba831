package dev.adagio.java;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.FailurePolicy;
import dev.adagio.stream.JavaEmitter;
import dev.adagio.stream.StreamFailedException;
import dev.adagio.stream.StreamNode;
import dev.adagio.stream.StreamRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class StreamJavaTest {
  private static String counts(StreamRun run, StreamNode<?> node) {
    var s = run.stats(node);
    return s.getTaken() + "/" + s.getEmitted() + "/" + s.getFailed();
  }

  @Test
  void s4_fromJava_withAsyncAndBlockingBodies() throws Exception {
    List<String> loaded = Collections.synchronizedList(new ArrayList<>());
    JavaStreamGraph graph =
        Dags.stream(
            "s4-java",
            b -> {
              StreamNode<String> extract =
                  b.source(
                      "extract",
                      emitter -> emitter.emit("hello").thenCompose(x -> emitter.emit("world")));
              StreamNode<String> transform =
                  b.blockingStage(
                      "transform",
                      extract,
                      (word, emit) ->
                          emit.accept(Character.toUpperCase(word.charAt(0)) + word.substring(1)),
                      StreamOptions.defaults());
              b.sink(
                  "load",
                  transform,
                  word -> completedFuture(loaded.add(word)),
                  StreamOptions.defaults());
            });
    StreamRun run = graph.run().get(10, SECONDS);
    assertEquals(List.of("Hello", "World"), loaded);
    assertEquals("0/2/0", counts(run, graph.node("extract")));
    assertEquals("2/2/0", counts(run, graph.node("transform")));
    assertEquals("2/2/0", counts(run, graph.node("load")));
  }

  @Test
  void aSinkThatThrows_goesOnOrHalts_asItsPolicySays() throws Exception {
    JavaStreamGraph goesOn = failingSink(FailurePolicy.CONTINUE);
    StreamRun run = goesOn.run().get(10, SECONDS);
    assertEquals("3/2/1", counts(run, goesOn.node("sink")));

    JavaStreamGraph halts = failingSink(FailurePolicy.FAIL_FAST);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> halts.run().get(10, SECONDS));
    assertEquals("sink", assertInstanceOf(StreamFailedException.class, e.getCause()).getNodeName());
  }

  @Test
  void aGraphWideErrorPolicy_appliesToNodesWithoutTheirOwn() throws Exception {
    JavaStreamGraph graph =
        Dags.stream(
            "carry-on-java",
            FailurePolicy.CONTINUE,
            b -> {
              StreamNode<Integer> numbers =
                  b.source("numbers", emitter -> emitter.emit(1).thenCompose(x -> emitter.emit(2)));
              b.sink(
                  "picky",
                  List.of(numbers),
                  n -> {
                    if (n == 1) {
                      throw new IllegalStateException("one");
                    }
                    return completedFuture(null);
                  },
                  StreamOptions.defaults());
            });
    assertEquals(FailurePolicy.CONTINUE, graph.errorPolicy(graph.node("picky")));
    assertEquals("numbers -> picky", graph.edges().get(0).toString());
    StreamRun run = graph.run().get(10, SECONDS);
    assertEquals("2/1/1", counts(run, graph.node("picky")));
  }

  @Test
  void aRunCanStartAtAStage_fromJava() throws Exception {
    List<Integer> got = Collections.synchronizedList(new ArrayList<>());
    JavaStreamGraph graph =
        Dags.stream(
            "start-at-stage-java",
            b -> {
              StreamNode<Integer> numbers = b.source("numbers", emitter -> emitter.emit(100));
              StreamNode<Integer> twice =
                  b.stage("twice", numbers, (Integer n, JavaEmitter<Integer> e) -> e.emit(n * 2));
              b.sink(
                  "got",
                  List.of(twice),
                  n -> completedFuture(got.add(n)),
                  StreamOptions.defaults());
            });
    StreamRun run = graph.run(Map.of(graph.node("twice"), List.of(1, 2))).get(10, SECONDS);
    assertEquals(List.of(2, 4), got.stream().sorted().toList());
    assertEquals("0/0/0", counts(run, graph.node("numbers")));
  }

  @Test
  void blockingSourcesAndMultiInputBlockingNodes_withoutChainingFutures() throws Exception {
    List<String> got = Collections.synchronizedList(new ArrayList<>());
    JavaStreamGraph graph =
        Dags.stream(
            "blocking-java",
            b -> {
              StreamNode<Integer> numbers =
                  b.blockingSource(
                      "numbers",
                      (arguments, emit) -> {
                        for (int i = 1; i <= 100; i++) {
                          emit.accept(i);
                        }
                      });
              StreamNode<Integer> more =
                  b.blockingSource("more", (arguments, emit) -> emit.accept(1000));
              StreamNode<String> both =
                  b.<Integer, String>blockingStage(
                      "both",
                      List.of(numbers, more),
                      (n, emit) -> emit.accept("n" + n),
                      StreamOptions.defaults().withBuffer(2));
              b.blockingSink("got", List.of(both), got::add, StreamOptions.defaults());
            });
    StreamRun run = graph.run().get(10, SECONDS);
    assertEquals(101, got.size());
    assertEquals("0/100/0", counts(run, graph.node("numbers")));
    assertEquals("101/101/0", counts(run, graph.node("both")));
  }

  @Test
  void aBlockingSourceThatThrows_failsTheRun() {
    JavaStreamGraph graph =
        Dags.stream(
            "throwing-source-java",
            b -> {
              StreamNode<Integer> numbers =
                  b.blockingSource(
                      "numbers",
                      (arguments, emit) -> {
                        emit.accept(1);
                        throw new java.io.IOException("disk");
                      });
              b.sink("got", numbers, n -> completedFuture(null));
            });
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> graph.run().get(10, SECONDS));
    StreamFailedException failure = assertInstanceOf(StreamFailedException.class, e.getCause());
    assertEquals("numbers", failure.getNodeName());
    assertInstanceOf(java.io.IOException.class, failure.getCause());
  }

  @Test
  void cancellingARun_stopsABlockingSourceWaitingOnAFullBuffer() throws Exception {
    java.util.concurrent.CountDownLatch sinkGotSome = new java.util.concurrent.CountDownLatch(3);
    java.util.concurrent.CountDownLatch sourceEnded = new java.util.concurrent.CountDownLatch(1);
    JavaStreamGraph graph =
        Dags.stream(
            "endless-java",
            b -> {
              StreamNode<Integer> numbers =
                  b.blockingSource(
                      "numbers",
                      (arguments, emit) -> {
                        try {
                          for (int i = 0; ; i++) {
                            emit.accept(i);
                          }
                        } finally {
                          sourceEnded.countDown();
                        }
                      });
              b.blockingSink(
                  "slow",
                  List.of(numbers),
                  n -> sinkGotSome.countDown(),
                  StreamOptions.defaults().withBuffer(1));
            });
    CompletableFuture<StreamRun> run = graph.run();
    assertTrue(sinkGotSome.await(10, SECONDS), "the sink got items");
    run.cancel(true);
    assertTrue(sourceEnded.await(10, SECONDS), "the source's thread was stopped");
    assertTrue(run.isCancelled());
  }

  private static JavaStreamGraph failingSink(FailurePolicy policy) {
    return Dags.stream(
        "failing-" + policy,
        b -> {
          StreamNode<Integer> numbers =
              b.source(
                  "numbers",
                  emitter ->
                      emitter
                          .emit(1)
                          .thenCompose(x -> emitter.emit(2))
                          .thenCompose(x -> emitter.emit(3)));
          b.blockingSink(
              "sink",
              numbers,
              n -> {
                if (n == 2) {
                  throw new IllegalStateException("two");
                }
              },
              StreamOptions.defaults().withErrorPolicy(policy).withWorkers(2));
        });
  }

  @Test
  void sourcesTakeStartArguments_andStagesEmitThroughStages() throws Exception {
    List<Object> got = Collections.synchronizedList(new ArrayList<>());
    JavaStreamGraph graph =
        Dags.stream(
            "args-java",
            b -> {
              StreamNode<Object> pages =
                  b.source(
                      "pages",
                      (List<Object> arguments, dev.adagio.stream.JavaEmitter<Object> emitter) -> {
                        CompletableFuture<?> all = completedFuture(null);
                        for (Object argument : arguments) {
                          all = all.thenCompose(x -> emitter.emit(argument));
                        }
                        return all;
                      });
              StreamNode<Object> twice =
                  b.stage(
                      "twice",
                      pages,
                      (Object page, dev.adagio.stream.JavaEmitter<Object> emitter) ->
                          emitter.emit(page).thenCompose(x -> emitter.emit(page)));
              b.sink(
                  "got", twice, page -> completedFuture(got.add(page)), StreamOptions.defaults());
            });
    graph.run(Map.of(graph.node("pages"), List.of("p1", "p2"))).get(10, SECONDS);
    Collections.sort((List) got);
    assertEquals(List.of("p1", "p1", "p2", "p2"), got);
  }
}
