package dev.adagio.java;

import dev.adagio.Dag;
import dev.adagio.DagRun;
import dev.adagio.FailurePolicy;
import dev.adagio.Node;
import dev.adagio.Pool;
import dev.adagio.RunFuture;
import dev.adagio.RunOptions;
import dev.adagio.annotated.AnnotatedDags;
import dev.adagio.live.LiveDags;
import dev.adagio.reactive.ReactiveBuilder;
import dev.adagio.stream.StreamBuilder;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The front door of Adagio for Java.
 *
 * <pre>{@code
 * JavaDagBuilder<OrderId> b = Dags.builder("checkout", OrderId.class);
 * Node<Order> order = b.node("order", b.input(), orders::fetchAsync);
 * Node<Payment> payment = b.blocking("payment", order, payments::charge);
 * Node<Receipt> receipt = b.node("receipt", order, payment,
 *     (o, p) -> CompletableFuture.completedFuture(new Receipt(o, p)));
 * JavaDag<OrderId, Receipt> checkout = b.build(receipt);
 * CompletableFuture<Receipt> r = checkout.apply(new OrderId(7));
 * }</pre>
 */
public final class Dags {
  private Dags() {}

  /**
   * A builder for a graph called {@code name} whose runs take no input (run it with {@code
   * apply(null)}); {@code var b = Dags.builder("greet")} is a {@code JavaDagBuilder<Void>}.
   *
   * @throws dev.adagio.DagDefinitionException when the name is blank
   */
  public static JavaDagBuilder<Void> builder(String name) {
    return new JavaDagBuilder<>(name);
  }

  /**
   * A builder for a graph called {@code name} whose runs take an input of type {@code I}: {@code
   * var b = Dags.builder("checkout", OrderId.class)} is a {@code JavaDagBuilder<OrderId>}.
   *
   * @throws dev.adagio.DagDefinitionException when the name is blank
   */
  public static <I> JavaDagBuilder<I> builder(String name, Class<I> inputType) {
    Checks.notNull(inputType, "inputType");
    return new JavaDagBuilder<>(name);
  }

  /**
   * Runs a live graph (aiodag's model): {@code block} declares nodes, each of which starts at once
   * and runs as soon as its inputs have values, and returns the output node. The future completes
   * with the recorded run when every node has finished, including nodes declared while running;
   * {@code run.getDag()} is the graph that ran, for inspection and diagrams. The first failure
   * cancels the other nodes and completes the future with {@link dev.adagio.NodeFailedException};
   * cancelling the future cancels every node.
   */
  public static <R> RunFuture<DagRun<R>> live(
      String name, Function<JavaLiveBuilder, Node<R>> block) {
    return live(name, RunOptions.defaults(), block);
  }

  /**
   * Runs a live graph with the engine's work on {@code executor}; see {@link #live(String,
   * Function)}.
   */
  public static <R> RunFuture<DagRun<R>> live(
      String name, Executor executor, Function<JavaLiveBuilder, Node<R>> block) {
    return live(name, RunOptions.defaults().withExecutor(executor), block);
  }

  /**
   * Runs a live graph as {@code options} say, as a dag run takes them: run timeout, concurrency
   * limit, pools, critical-path order, sequential mode, {@code CONTINUE}, listeners, interceptors
   * and the executor of the engine's work; see {@link #live(String, Function)}.
   */
  public static <R> RunFuture<DagRun<R>> live(
      String name, RunOptions options, Function<JavaLiveBuilder, Node<R>> block) {
    Checks.notNull(options, "options");
    Checks.notNull(block, "block");
    return LiveDags.liveAsync(name, options, scope -> block.apply(new JavaLiveBuilder(scope)));
  }

  /**
   * Builds a stream graph: {@code block} declares sources, stages and sinks on the builder. Run the
   * result with {@code graph.run()}, which completes with the run and its statistics.
   */
  public static JavaStreamGraph stream(String name, Consumer<JavaStreamBuilder> block) {
    return stream(name, FailurePolicy.FAIL_FAST, block);
  }

  /**
   * Builds a stream graph whose stages and sinks take {@code onError} unless their options give
   * another: {@code FAIL_FAST} (the default) halts the graph on the first error, {@code CONTINUE}
   * counts it and goes on, as async-graph-data-flow does.
   */
  public static JavaStreamGraph stream(
      String name, FailurePolicy onError, Consumer<JavaStreamBuilder> block) {
    Checks.notNull(block, "block");
    JavaStreamBuilder builder =
        new JavaStreamBuilder(name, StreamBuilder.create(name, Checks.notNull(onError, "onError")));
    block.accept(builder);
    return new JavaStreamGraph(builder.build());
  }

  /**
   * Builds the graph declared by {@code target}'s {@link dev.adagio.annotated.DagNode} methods
   * (dagio's model), typed by its output: a method returning {@code CompletionStage<T>} is an
   * asynchronous node, a {@code void} method an order-only node, any other a blocking node run on
   * Adagio's default executor for blocking work. Parameters name their inputs with {@link
   * dev.adagio.annotated.From} or by their own names (compile with {@code -parameters}). The output
   * is the one node nothing depends on; its value must be an {@code outputType}.
   *
   * @throws dev.adagio.DagDefinitionException when the output's value is not an {@code outputType},
   *     or the class declares no valid graph
   */
  public static <O> JavaDag<Void, O> annotated(Object target, Class<O> outputType) {
    return annotated(target, outputType, null, null, Map.of());
  }

  /**
   * Builds the graph declared by {@code target}'s annotated methods, with the output node {@code
   * output} (or the one node nothing depends on, when null), whose value must be an {@code
   * outputType}, blocking methods on {@code executor} (Adagio's default when null), and the pools
   * {@link dev.adagio.annotated.InPool} names.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <O> JavaDag<Void, O> annotated(
      Object target,
      Class<O> outputType,
      String output,
      Executor executor,
      Map<String, Pool> pools) {
    Checks.notNull(target, "target");
    Checks.notNull(outputType, "outputType");
    Dag dag =
        AnnotatedDags.build(
            target, outputType, null, output, executor, Checks.notNull(pools, "pools"));
    return new JavaDag<Void, O>(dag);
  }

  /**
   * Builds a reactive graph (aiocells' flow model): {@code block} declares sources fed by {@link
   * java.util.concurrent.Flow.Publisher}s and nodes that compute from them, and returns the output
   * node. Run it with {@link JavaReactiveDag#forEach} or {@link JavaReactiveDag#results()}: each
   * time a source has a new value, only the nodes downstream of it recompute.
   *
   * @throws dev.adagio.DagDefinitionException when the graph is invalid or has no source
   */
  public static <O> JavaReactiveDag<O> reactive(
      String name, Function<JavaReactiveBuilder, Node<O>> block) {
    Checks.notNull(block, "block");
    JavaReactiveBuilder builder =
        new JavaReactiveBuilder(ReactiveBuilder.create(Checks.notNull(name, "name")));
    return builder.buildReactive(block.apply(builder));
  }

  /** Wraps a graph built elsewhere, such as with the Kotlin DSL, to run it from Java. */
  public static <I, O> JavaDag<I, O> of(Dag<I, O> dag) {
    return new JavaDag<>(Checks.notNull(dag, "dag"));
  }
}
