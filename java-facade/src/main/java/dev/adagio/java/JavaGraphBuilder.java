package dev.adagio.java;

import dev.adagio.BlockingBody;
import dev.adagio.GraphBuilder;
import dev.adagio.GraphInterop;
import dev.adagio.Node;
import dev.adagio.OptionalInput;
import dev.adagio.StageBody;
import dev.adagio.StepBody;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Declares the nodes of one graph from Java: what {@link JavaDagBuilder} and {@link
 * JavaReactiveBuilder} share.
 *
 * <p>{@code node} adds a node whose body returns a {@link CompletionStage}; {@code blocking} adds a
 * node whose body blocks a thread and runs on an executor; {@code step} adds a cheap synchronous
 * node that returns its value directly, computed on the engine's thread (no {@code completedFuture}
 * wrapper; it must not block). Blocking and step bodies may throw checked exceptions, which fail
 * the node. Options (timeout, retries, pool, weight, executor) have one route: declare on {@link
 * #with(NodeOptions)}. Each takes the handles of the nodes whose values it needs and returns the
 * new node's handle. Declaring never runs anything; {@link JavaDagBuilder#build} validates and
 * freezes the graph. Names must be unique and not blank.
 *
 * @param <I> the type of the graph's input
 */
public abstract class JavaGraphBuilder<I> {
  private final GraphBuilder<I> builder;

  /** The options every node declared through this builder takes. */
  final NodeOptions options;

  JavaGraphBuilder(GraphBuilder<I> builder, NodeOptions options) {
    this.builder = builder;
    this.options = options;
  }

  /**
   * A view of this builder whose every declaration takes {@code options} (timeout, retries, pool,
   * weight, and the executor of blocking nodes): {@code b.with(slow).blocking("report", …)}. The
   * view declares into the same graph; this builder keeps its own options.
   */
  public abstract JavaGraphBuilder<I> with(NodeOptions options);

  /** Adds a node with no data input whose body returns a stage of its value. */
  public <R> Node<R> node(String name, Supplier<? extends CompletionStage<R>> body) {
    Checks.body(body, name);
    return stage(name, List.of(), (context, in) -> body.get());
  }

  /** Adds a node that takes {@code a}'s value. */
  @SuppressWarnings("unchecked")
  public <A, R> Node<R> node(
      String name, Node<A> a, Function<? super A, ? extends CompletionStage<R>> body) {
    Checks.body(body, name);
    return stage(name, Checks.inputs(name, a), (context, in) -> body.apply((A) in.get(0)));
  }

  /** Adds a node that takes the values of {@code a} and {@code b}. */
  @SuppressWarnings("unchecked")
  public <A, B, R> Node<R> node(
      String name,
      Node<A> a,
      Node<B> b,
      BiFunction<? super A, ? super B, ? extends CompletionStage<R>> body) {
    Checks.body(body, name);
    return stage(
        name, Checks.inputs(name, a, b), (context, in) -> body.apply((A) in.get(0), (B) in.get(1)));
  }

  /** Adds a node that takes the values of {@code a}, {@code b} and {@code c}. */
  @SuppressWarnings("unchecked")
  public <A, B, C, R> Node<R> node(
      String name,
      Node<A> a,
      Node<B> b,
      Node<C> c,
      TriFunction<? super A, ? super B, ? super C, ? extends CompletionStage<R>> body) {
    Checks.body(body, name);
    return stage(
        name,
        Checks.inputs(name, a, b, c),
        (context, in) -> body.apply((A) in.get(0), (B) in.get(1), (C) in.get(2)));
  }

  /** Adds a node that takes the values of {@code a}, {@code b}, {@code c} and {@code d}. */
  @SuppressWarnings("unchecked")
  public <A, B, C, D, R> Node<R> node(
      String name,
      Node<A> a,
      Node<B> b,
      Node<C> c,
      Node<D> d,
      QuadFunction<? super A, ? super B, ? super C, ? super D, ? extends CompletionStage<R>> body) {
    Checks.body(body, name);
    return stage(
        name,
        Checks.inputs(name, a, b, c, d),
        (context, in) -> body.apply((A) in.get(0), (B) in.get(1), (C) in.get(2), (D) in.get(3)));
  }

  /** Adds a node that takes the values of all {@code inputs}, in the list's order (fan-in). */
  @SuppressWarnings("unchecked")
  public <A, R> Node<R> node(
      String name,
      List<Node<A>> inputs,
      Function<? super List<A>, ? extends CompletionStage<R>> body) {
    Checks.body(body, name);
    return stage(name, Checks.inputs(name, inputs), (context, in) -> body.apply((List<A>) in));
  }

  /**
   * Adds a step with no data input: a cheap synchronous body that returns its value, run on the
   * engine's thread. It must not block (use {@code blocking} for that).
   */
  public <R> Node<R> step(String name, CheckedSupplier<? extends R> body) {
    Checks.body(body, name);
    return step(name, List.of(), (context, in) -> body.get());
  }

  /** Adds a step that takes {@code a}'s value: {@code b.step("tax", price, p -> p * 1.2)}. */
  @SuppressWarnings("unchecked")
  public <A, R> Node<R> step(String name, Node<A> a, CheckedFunction<? super A, ? extends R> body) {
    Checks.body(body, name);
    return step(name, Checks.inputs(name, a), (context, in) -> body.apply((A) in.get(0)));
  }

  /** Adds a step that takes the values of {@code a} and {@code b}. */
  @SuppressWarnings("unchecked")
  public <A, B, R> Node<R> step(
      String name,
      Node<A> a,
      Node<B> b,
      CheckedBiFunction<? super A, ? super B, ? extends R> body) {
    Checks.body(body, name);
    return step(
        name, Checks.inputs(name, a, b), (context, in) -> body.apply((A) in.get(0), (B) in.get(1)));
  }

  /** Adds a step that takes the values of all {@code inputs}, in the list's order. */
  @SuppressWarnings("unchecked")
  public <A, R> Node<R> step(
      String name, List<Node<A>> inputs, CheckedFunction<? super List<A>, ? extends R> body) {
    Checks.body(body, name);
    return step(name, Checks.inputs(name, inputs), (context, in) -> body.apply((List<A>) in));
  }

  /**
   * Adds a blocking node with no data input, run on Adagio's default executor for blocking work (or
   * the executor of the options declared {@link #with}).
   */
  public <R> Node<R> blocking(String name, CheckedSupplier<? extends R> body) {
    Checks.body(body, name);
    return call(name, List.of(), (context, in) -> body.get());
  }

  /** Adds a blocking node that takes {@code a}'s value. */
  @SuppressWarnings("unchecked")
  public <A, R> Node<R> blocking(
      String name, Node<A> a, CheckedFunction<? super A, ? extends R> body) {
    Checks.body(body, name);
    return call(name, Checks.inputs(name, a), (context, in) -> body.apply((A) in.get(0)));
  }

  /** Adds a blocking node that takes the values of {@code a} and {@code b}. */
  @SuppressWarnings("unchecked")
  public <A, B, R> Node<R> blocking(
      String name,
      Node<A> a,
      Node<B> b,
      CheckedBiFunction<? super A, ? super B, ? extends R> body) {
    Checks.body(body, name);
    return call(
        name, Checks.inputs(name, a, b), (context, in) -> body.apply((A) in.get(0), (B) in.get(1)));
  }

  /** Adds a blocking node that takes the values of all {@code inputs}, in the list's order. */
  @SuppressWarnings("unchecked")
  public <A, R> Node<R> blocking(
      String name, List<Node<A>> inputs, CheckedFunction<? super List<A>, ? extends R> body) {
    Checks.body(body, name);
    return call(name, Checks.inputs(name, inputs), (context, in) -> body.apply((List<A>) in));
  }

  /**
   * Adds a map: when {@code list} has its value, one element node per item is added to the run
   * ({@code name[0]}, {@code name[1]}, …), each calling {@code body} with its item and taking the
   * value of the stage it returns; each has its own outcome, attempts and timings. The options
   * declared {@link #with} (timeout, retries, pool) apply to each element; {@link #maxConcurrency}
   * bounds how many run at once. The value is the elements' values in the list's order; an element
   * that fails fails the map with {@link dev.adagio.InnerNodeFailedException} naming it.
   */
  @SuppressWarnings("unchecked")
  public <T, R> Node<List<R>> map(
      String name, Node<List<T>> list, Function<? super T, ? extends CompletionStage<R>> body) {
    return (Node<List<R>>) stageMap(name, list, false, body);
  }

  /**
   * Adds a map whose value is every element's outcome, in the list's order: its consumer runs when
   * the last element ends, whatever each did. See {@link #map}.
   */
  @SuppressWarnings("unchecked")
  public <T, R> Node<List<OptionalInput<R>>> mapOutcomes(
      String name, Node<List<T>> list, Function<? super T, ? extends CompletionStage<R>> body) {
    return (Node<List<OptionalInput<R>>>) stageMap(name, list, true, body);
  }

  /** A map of stage bodies, each element given its item; its value as {@code collect} says. */
  @SuppressWarnings("unchecked")
  private <T, R> Node<?> stageMap(
      String name,
      Node<List<T>> list,
      boolean collect,
      Function<? super T, ? extends CompletionStage<R>> body) {
    Checks.body(body, name);
    Checks.notNull(list, "list");
    return dispatch(
        apply(
            GraphInterop.stageMap(
                builder,
                Checks.name(name),
                list,
                collect,
                (context, in) -> body.apply((T) in.get(0)))));
  }

  /**
   * Adds a map whose elements block a thread: each calls {@code body} with its item on Adagio's
   * default executor for blocking work (or the options' executor). See {@link #map}.
   */
  @SuppressWarnings("unchecked")
  public <T, R> Node<List<R>> mapBlocking(
      String name, Node<List<T>> list, CheckedFunction<? super T, ? extends R> body) {
    Checks.body(body, name);
    Checks.notNull(list, "list");
    return apply(
        GraphInterop.executorMap(
            builder,
            Checks.name(name),
            list,
            options.executor().orElse(null),
            (context, in) -> body.apply((T) in.get(0))));
  }

  /**
   * Bounds how many elements of map {@code map} run at once to {@code limit}.
   *
   * @return {@code map}
   * @throws dev.adagio.DagDefinitionException when {@code map} is not a map or {@code limit} is
   *     below 1
   */
  public <T> Node<T> maxConcurrency(Node<T> map, int limit) {
    return builder.maxConcurrency(Checks.notNull(map, "map"), limit);
  }

  /**
   * Adds {@code graph} as a node of this one: when {@code input} has its value, its nodes are added
   * to the run under {@code name} ({@code checkout/payment}), with their own bodies and options,
   * inside this run's one scope. The node's value is {@code graph}'s output; when one of its nodes
   * fails, the node fails with {@link dev.adagio.InnerNodeFailedException} naming it.
   */
  public <J, O> Node<O> include(String name, JavaDag<J, O> graph, Node<J> input) {
    Checks.notNull(graph, "graph");
    Checks.notNull(input, "input");
    return builder.include(Checks.name(name), graph.definition(), input);
  }

  /**
   * Adds {@code graph}, named after it, as a node of this one; see {@link #include(String, JavaDag,
   * Node)}.
   */
  public <J, O> Node<O> include(JavaDag<J, O> graph, Node<J> input) {
    Checks.notNull(graph, "graph");
    return include(graph.definition().getName(), graph, input);
  }

  /**
   * Makes {@code node} wait until every one of {@code dependencies} has succeeded, without taking
   * their values.
   *
   * @return {@code node}
   * @throws dev.adagio.DagCycleException when an edge would close a cycle; no edge of this call is
   *     added then
   */
  public <T> Node<T> after(Node<T> node, Node<?>... dependencies) {
    Checks.notNull(node, "node");
    Checks.notNull(dependencies, "dependencies");
    for (int k = 0; k < dependencies.length; k++) {
      if (dependencies[k] == null) {
        throw new NullPointerException(
            "Dependency #"
                + (k + 1)
                + " given to after("
                + node.getName()
                + ", …) is null; pass the handle that node(…) or blocking(…) returned.");
      }
    }
    return builder.after(node, dependencies);
  }

  /**
   * {@code node} as an optional input: a consumer given this handle receives a {@link
   * OptionalInput} (the value, or why there is none) and runs even when {@code node} failed or was
   * skipped.
   */
  public <T> Node<OptionalInput<T>> optional(Node<T> node) {
    return builder.optional(Checks.notNull(node, "node"));
  }

  /**
   * Turns {@code node}'s failure (after its retries) into success with the value {@code recover}
   * computes from the error; the run result keeps the error in the node's outcome.
   *
   * @return {@code node}
   */
  public <T> Node<T> fallback(Node<T> node, Function<? super Throwable, ? extends T> recover) {
    Checks.notNull(recover, "recover");
    return Checks.notNull(node, "node").fallback(recover::apply);
  }

  /** Turns {@code node}'s failure (after its retries) into success with {@code value}. */
  public <T> Node<T> fallbackValue(Node<T> node, T value) {
    return Checks.notNull(node, "node").fallbackValue(value);
  }

  private <R> Node<R> stage(String name, List<Node<?>> inputs, StageBody<I, R> body) {
    return dispatch(apply(GraphInterop.stageNode(builder, Checks.name(name), inputs, body)));
  }

  private <R> Node<R> step(String name, List<Node<?>> inputs, StepBody<I, R> body) {
    return dispatch(apply(GraphInterop.stepNode(builder, Checks.name(name), inputs, body)));
  }

  private <R> Node<R> call(String name, List<Node<?>> inputs, BlockingBody<I, R> body) {
    return apply(
        GraphInterop.executorNode(
            builder, Checks.name(name), inputs, options.executor().orElse(null), body));
  }

  private <R> Node<R> apply(Node<R> node) {
    options.timeout().ifPresent(limit -> builder.timeout(node, limit));
    options.retry().ifPresent(retry -> builder.retry(node, retry));
    options.pool().ifPresent(pool -> builder.pool(node, pool));
    options.weight().ifPresent(weight -> builder.weight(node, weight));
    return node;
  }

  /**
   * Dispatches a step or stage node when the options say so; blocking nodes run on their executor.
   */
  private <R> Node<R> dispatch(Node<R> node) {
    if (options.isDispatched()) {
      GraphInterop.dispatchedOn(builder, node, options.dispatchExecutor().orElse(null));
    }
    return node;
  }
}
