package dev.adagio.java;

import dev.adagio.GraphBuilder;
import dev.adagio.Node;
import dev.adagio.reactive.ReactiveBuilder;
import dev.adagio.reactive.SourceMode;
import java.util.concurrent.Flow;
import java.util.function.BiPredicate;

/**
 * Declares a reactive graph from Java (see {@link Dags#reactive}): sources fed by {@link
 * Flow.Publisher}s, and nodes declared as on any {@link JavaGraphBuilder}. A reactive graph has no
 * run input: its sources are its inputs.
 */
public final class JavaReactiveBuilder extends JavaGraphBuilder<Void> {
  private final ReactiveBuilder reactive;

  JavaReactiveBuilder(ReactiveBuilder reactive) {
    this(reactive, NodeOptions.defaults());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private JavaReactiveBuilder(ReactiveBuilder reactive, NodeOptions options) {
    super((GraphBuilder) reactive, options);
    this.reactive = reactive;
  }

  @Override
  public JavaReactiveBuilder with(NodeOptions options) {
    return new JavaReactiveBuilder(reactive, Checks.notNull(options, "options"));
  }

  /**
   * Adds a source node whose value is the latest item of {@code values}, conflated: values that
   * arrive while the graph computes replace each other. The graph first computes when every source
   * has a value, then again each time a source has a new one.
   */
  public <T> Node<T> source(String name, Flow.Publisher<T> values) {
    return source(name, values, SourceMode.CONFLATE);
  }

  /**
   * Adds a source node fed by {@code values}; with {@link SourceMode#QUEUE} every value is
   * computed, in order, one per recomputation.
   */
  public <T> Node<T> source(String name, Flow.Publisher<T> values, SourceMode mode) {
    return reactive.source(
        Checks.notNull(name, "name"),
        Checks.notNull(values, "values"),
        Checks.notNull(mode, "mode"));
  }

  /**
   * Cuts recomputation off at {@code node}: when a recomputation gives it a value equal ({@link
   * Object#equals}) to its previous one, its dependents keep their values instead of recomputing.
   *
   * @return {@code node}
   */
  public <T> Node<T> distinctUntilChanged(Node<T> node) {
    return reactive.distinctUntilChanged(Checks.notNull(node, "node"));
  }

  /**
   * Cuts recomputation off at {@code node} when {@code areEquivalent} says its new value is
   * equivalent to its previous one (called as {@code test(previous, next)}). An equivalence that
   * throws fails the node in that recomputation.
   *
   * @return {@code node}
   */
  public <T> Node<T> distinctUntilChanged(
      Node<T> node, BiPredicate<? super T, ? super T> areEquivalent) {
    Checks.notNull(areEquivalent, "areEquivalent");
    return reactive.distinctUntilChanged(Checks.notNull(node, "node"), areEquivalent);
  }

  <O> JavaReactiveDag<O> buildReactive(Node<O> output) {
    return new JavaReactiveDag<>(reactive.buildReactive(Checks.notNull(output, "output")));
  }
}
