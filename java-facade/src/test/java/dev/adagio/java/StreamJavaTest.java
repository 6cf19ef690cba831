package dev.adagio.java;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adagio.FailurePolicy;
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
    return s.getReceived() + "/" + s.getEmitted() + "/" + s.getErrors();
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
