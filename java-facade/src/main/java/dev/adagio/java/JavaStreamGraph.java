package dev.adagio.java;

import dev.adagio.stream.StreamGraph;
import dev.adagio.stream.StreamListener;
import dev.adagio.stream.StreamNode;
import dev.adagio.stream.StreamRun;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * An immutable stream graph, run from Java (see {@link Dags#stream}): run it any number of times.
 *
 * <p>A run completes when every source is done and every item has been processed, with the run and
 * its statistics; exceptionally with {@link dev.adagio.stream.StreamFailedException} when a node
 * with the {@code FAIL_FAST} policy fails. Cancelling the future stops every source and worker.
 */
public final class JavaStreamGraph {
  private final StreamGraph graph;

  JavaStreamGraph(StreamGraph graph) {
    this.graph = graph;
  }

  /** Runs the graph; sources get no start items. */
  public CompletableFuture<StreamRun> run() {
    return graph.runAsync();
  }

  /** Runs the graph, {@code start} giving sources their items ({@code SourceScope.arguments}). */
  public CompletableFuture<StreamRun> run(Map<StreamNode<?>, List<?>> start) {
    return run(start, null, List.of());
  }

  /**
   * Runs the graph with start items, the engine's work on {@code executor} (Adagio's default when
   * null), and {@code listeners}.
   *
   * @throws IllegalArgumentException when {@code start} names a node that is not a source
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public CompletableFuture<StreamRun> run(
      Map<StreamNode<?>, List<?>> start, Executor executor, List<StreamListener> listeners) {
    return graph.runAsync(
        (Map) Checks.notNull(start, "start"), executor, Checks.notNull(listeners, "listeners"));
  }

  /** The definition itself, as the Kotlin DSL and the diagram exporter see it. */
  public StreamGraph definition() {
    return graph;
  }

  /** The graph's name. */
  public String name() {
    return graph.getName();
  }

  /** Every node, in declaration order. */
  public List<StreamNode<?>> nodes() {
    return graph.getNodes();
  }

  /** The node called {@code name}; throws {@link java.util.NoSuchElementException} if none. */
  public StreamNode<?> node(String name) {
    return graph.node(name);
  }

  /** The nodes {@code node} takes items from. */
  public List<StreamNode<?>> inputs(StreamNode<?> node) {
    return graph.inputs(node);
  }

  /** The number of workers of {@code node} (0 for sources). */
  public int workers(StreamNode<?> node) {
    return graph.workers(node);
  }

  /** The buffer size of {@code node}: items that may wait for its workers (0 for sources). */
  public int buffer(StreamNode<?> node) {
    return graph.buffer(node);
  }

  @Override
  public String toString() {
    return graph.toString();
  }
}
