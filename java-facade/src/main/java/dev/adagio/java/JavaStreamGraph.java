package dev.adagio.java;

import dev.adagio.FailurePolicy;
import dev.adagio.stream.Batching;
import dev.adagio.stream.StreamEdge;
import dev.adagio.stream.StreamGraph;
import dev.adagio.stream.StreamListener;
import dev.adagio.stream.StreamNode;
import dev.adagio.stream.StreamRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /**
   * Runs the graph from the nodes {@code start} names: a source runs with its list as its
   * arguments, a stage or a sink receives its list as items; sources it does not name do not run
   * (see {@link StreamGraph#newRun}).
   */
  public CompletableFuture<StreamRun> run(Map<StreamNode<?>, List<?>> start) {
    return run(start, null, List.of());
  }

  /**
   * Runs the graph with start items, the engine's work on {@code executor} (Adagio's default when
   * null), and {@code listeners}.
   *
   * @throws dev.adagio.DagDefinitionException when {@code start} names a node of another graph
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

  /**
   * Every edge: its emitting node sends its items to its receiving node, all of them unless the
   * edge is filtered or the node routes ({@link StreamEdge#getFiltered()}, {@link
   * StreamEdge#getRouted()}).
   */
  public List<StreamEdge> edges() {
    return graph.getEdges();
  }

  /** How {@code node} groups its items when it is a batch stage or sink; empty otherwise. */
  public Optional<Batching> batching(StreamNode<?> node) {
    return Optional.ofNullable(graph.batching(node));
  }

  /** Whether {@code node} has a router, which picks the one edge each of its items takes. */
  public boolean isRouted(StreamNode<?> node) {
    return graph.isRouted(node);
  }

  /** What {@code node} does when its body throws: halt the graph, or count the error and go on. */
  public FailurePolicy errorPolicy(StreamNode<?> node) {
    return graph.errorPolicy(node);
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
