package dev.adagio.java;

import dev.adagio.Dag;
import dev.adagio.DagRun;
import dev.adagio.Edge;
import dev.adagio.Node;
import dev.adagio.RunFuture;
import dev.adagio.RunOptions;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An immutable graph definition, run from Java: build it once, run it any number of times,
 * concurrently too.
 *
 * <p><b>Failure.</b> The first node that fails cancels every running node (their stages are
 * cancelled, their blocking threads interrupted), no further node starts, and the returned future
 * completes exceptionally with {@link dev.adagio.NodeFailedException}, which names the node and
 * carries the node's own exception as its cause, never wrapped in {@code CompletionException}.
 *
 * <p><b>Cancellation.</b> {@code future.cancel(true)} cancels the run: running nodes' stages are
 * cancelled and blocking nodes' threads interrupted. The future fails at once with a {@link
 * dev.adagio.RunCancellingException} ({@code RunCancellingException.of(e)} finds it in what {@code
 * join()} threw: newer JDKs wrap it), whose {@code outcomes()} completes with every node's outcome
 * when the last node has stopped; {@link RunFuture#outcomes()} gives them after any end.
 *
 * <p><b>Threading.</b> The engine and the bodies of non-blocking nodes run on the run's executor
 * ({@link RunOptions#withExecutor}), Adagio's default otherwise. A body should start its work and
 * return a stage at once; blocking work belongs in {@code blocking} nodes.
 */
public final class JavaDag<I, O> {
  private final Dag<I, O> dag;

  JavaDag(Dag<I, O> dag) {
    this.dag = dag;
  }

  /** Runs the graph with {@code input}; the future completes with the output node's value. */
  public RunFuture<O> apply(I input) {
    return dag.invokeAsync(input);
  }

  /** Runs the graph with {@code input}, the engine's work on {@code executor}. */
  public RunFuture<O> apply(I input, Executor executor) {
    return dag.invokeAsync(input, Checks.notNull(executor, "executor"));
  }

  /** Runs the graph with {@code input}; the future completes with every node's outcome. */
  public RunFuture<DagRun<O>> run(I input) {
    return run(input, RunOptions.defaults());
  }

  /**
   * Runs the graph with {@code input} as {@code options} say: targets, sequential mode, failure
   * policy, concurrency limit, timeout, scheduling, the executor for the engine's work.
   */
  public RunFuture<DagRun<O>> run(I input, RunOptions options) {
    return dag.runAsync(input, Checks.notNull(options, "options"));
  }

  /** The definition itself, as the Kotlin DSL and the diagram exporter see it. */
  public Dag<I, O> definition() {
    return dag;
  }

  /** The graph's name. */
  public String name() {
    return dag.getName();
  }

  /** The input node. */
  public Node<I> input() {
    return dag.getInput();
  }

  /** The output node. */
  public Node<O> output() {
    return dag.getOutput();
  }

  /** Every node, in declaration order; the input node first. */
  public List<Node<?>> nodes() {
    return dag.getNodes();
  }

  /** Every edge, data and order. */
  public List<Edge> edges() {
    return dag.getEdges();
  }

  /** The node called {@code name}; throws {@link java.util.NoSuchElementException} if none. */
  public Node<?> node(String name) {
    return dag.node(name);
  }

  /** Every node {@code node} waits for: its data inputs, then its order dependencies. */
  public List<Node<?>> dependencies(Node<?> node) {
    return dag.dependencies(node);
  }

  /** The nodes that wait for {@code node}. */
  public List<Node<?>> dependents(Node<?> node) {
    return dag.dependents(node);
  }

  @Override
  public String toString() {
    return dag.toString();
  }
}
