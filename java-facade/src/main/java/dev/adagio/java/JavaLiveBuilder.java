package dev.adagio.java;

import dev.adagio.Node;
import dev.adagio.live.LiveScope;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Declares the nodes of a live graph from Java (see {@link Dags#live}): each node starts as soon as
 * it is declared and runs when its inputs have values. Node bodies may capture this builder to
 * declare further nodes while they run. Thread-safe.
 */
public final class JavaLiveBuilder {
  private final LiveScope scope;
  private final NodeOptions options;

  JavaLiveBuilder(LiveScope scope) {
    this(scope, NodeOptions.defaults());
  }

  private JavaLiveBuilder(LiveScope scope, NodeOptions options) {
    this.scope = scope;
    this.options = options;
  }

  /**
   * A view of this builder whose every node starts with {@code options} (timeout, retries, pool,
   * the executor of blocking nodes), as {@link JavaDagBuilder#with}: a live node starts as it is
   * declared, so its options come first. The view declares into the same live graph.
   */
  public JavaLiveBuilder with(NodeOptions options) {
    Checks.notNull(options, "options");
    return new JavaLiveBuilder(
        scope.options(
            options.timeout().orElse(null),
            options.retry().orElse(null),
            options.pool().orElse(null),
            List.of(),
            options.isDispatched(),
            options.dispatchExecutor().orElse(null)),
        options);
  }

  /**
   * A view of this builder whose every node waits until each of {@code dependencies} has succeeded,
   * without taking their values (order edges, recorded in the graph).
   */
  public JavaLiveBuilder after(Node<?>... dependencies) {
    Checks.notNull(dependencies, "dependencies");
    List<Node<?>> after = new java.util.ArrayList<>();
    for (int k = 0; k < dependencies.length; k++) {
      after.add(Checks.notNull(dependencies[k], "dependency #" + (k + 1)));
    }
    return new JavaLiveBuilder(
        scope.options(
            options.timeout().orElse(null),
            options.retry().orElse(null),
            options.pool().orElse(null),
            after,
            options.isDispatched(),
            options.dispatchExecutor().orElse(null)),
        options);
  }

  /**
   * Starts a blocking node with no input, on Adagio's default executor for blocking work (or the
   * options' executor); its thread is interrupted when the run is cancelled.
   */
  public <R> Node<R> blocking(String name, CheckedSupplier<? extends R> body) {
    Checks.body(body, name);
    return scope.executorNode(
        Checks.name(name), List.of(), options.executor().orElse(null), (context, in) -> body.get());
  }

  /** Starts a blocking node that runs when {@code a} has a value. */
  @SuppressWarnings("unchecked")
  public <A, R> Node<R> blocking(
      String name, Node<A> a, CheckedFunction<? super A, ? extends R> body) {
    Checks.body(body, name);
    return scope.executorNode(
        Checks.name(name),
        Checks.inputs(name, a),
        options.executor().orElse(null),
        (context, in) -> body.apply((A) in.get(0)));
  }

  /** Starts a blocking node that runs when {@code a} and {@code b} have values. */
  @SuppressWarnings("unchecked")
  public <A, B, R> Node<R> blocking(
      String name,
      Node<A> a,
      Node<B> b,
      CheckedBiFunction<? super A, ? super B, ? extends R> body) {
    Checks.body(body, name);
    return scope.executorNode(
        Checks.name(name),
        Checks.inputs(name, a, b),
        options.executor().orElse(null),
        (context, in) -> body.apply((A) in.get(0), (B) in.get(1)));
  }

  /** Starts a node with no input whose body returns a stage of its value. */
  public <R> Node<R> node(String name, Supplier<? extends CompletionStage<R>> body) {
    Checks.body(body, name);
    return scope.stageNode(Checks.name(name), List.of(), (context, in) -> body.get());
  }

  /** Starts a node that runs when {@code a} has a value. */
  @SuppressWarnings("unchecked")
  public <A, R> Node<R> node(
      String name, Node<A> a, Function<? super A, ? extends CompletionStage<R>> body) {
    Checks.body(body, name);
    return scope.stageNode(
        Checks.name(name), Checks.inputs(name, a), (context, in) -> body.apply((A) in.get(0)));
  }

  /** Starts a node that runs when {@code a} and {@code b} have values. */
  @SuppressWarnings("unchecked")
  public <A, B, R> Node<R> node(
      String name,
      Node<A> a,
      Node<B> b,
      BiFunction<? super A, ? super B, ? extends CompletionStage<R>> body) {
    Checks.body(body, name);
    return scope.stageNode(
        Checks.name(name),
        Checks.inputs(name, a, b),
        (context, in) -> body.apply((A) in.get(0), (B) in.get(1)));
  }

  /** Starts a node that runs when {@code a}, {@code b} and {@code c} have values. */
  @SuppressWarnings("unchecked")
  public <A, B, C, R> Node<R> node(
      String name,
      Node<A> a,
      Node<B> b,
      Node<C> c,
      TriFunction<? super A, ? super B, ? super C, ? extends CompletionStage<R>> body) {
    Checks.body(body, name);
    return scope.stageNode(
        Checks.name(name),
        Checks.inputs(name, a, b, c),
        (context, in) -> body.apply((A) in.get(0), (B) in.get(1), (C) in.get(2)));
  }

  /** Starts a node that runs when every one of {@code inputs} has a value. */
  @SuppressWarnings("unchecked")
  public <A, R> Node<R> node(
      String name,
      List<Node<A>> inputs,
      Function<? super List<A>, ? extends CompletionStage<R>> body) {
    Checks.body(body, name);
    return scope.stageNode(
        Checks.name(name), Checks.inputs(name, inputs), (context, in) -> body.apply((List<A>) in));
  }
}
