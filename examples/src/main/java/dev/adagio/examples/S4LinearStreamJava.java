package dev.adagio.examples;

import static java.util.concurrent.CompletableFuture.completedFuture;

import dev.adagio.java.Dags;
import dev.adagio.java.JavaStreamGraph;
import dev.adagio.java.StreamOptions;
import dev.adagio.stream.JavaEmitter;
import dev.adagio.stream.StreamNode;
import java.util.List;
import java.util.function.Consumer;

/** SCENARIOS.md S4 in Java: extract, transform (a blocking stage), load. */
public final class S4LinearStreamJava {
  private S4LinearStreamJava() {}

  public static JavaStreamGraph etl(Consumer<String> load) {
    return Dags.stream(
        "s4-linear-stream-java",
        b -> {
          StreamNode<String> extract =
              b.source(
                  "extract",
                  (JavaEmitter<String> emitter) ->
                      emitter.emit("hello").thenCompose(x -> emitter.emit("world")));
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
              word -> completedFuture(null).thenRun(() -> load.accept(word)),
              StreamOptions.defaults());
        });
  }

  /**
   * The same graph started at its middle: transform receives the items given, extract does not run.
   */
  public static dev.adagio.stream.StreamRun startAtTransform(Consumer<String> load)
      throws Exception {
    JavaStreamGraph graph = etl(load);
    return graph
        .run(java.util.Map.of(graph.node("transform"), List.of("from", "the middle")))
        .get();
  }
}
