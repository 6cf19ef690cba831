package dev.adagio.java;

import dev.adagio.DagBuilder;
import dev.adagio.Node;

/**
 * Declares the nodes of one graph from Java and builds it; obtain one from {@link Dags#builder}.
 * Declaring never runs anything; {@link #build} validates and freezes the graph.
 *
 * @param <I> the type of the graph's input ({@code Void} for none)
 */
public final class JavaDagBuilder<I> extends JavaGraphBuilder<I> {
  private final DagBuilder<I> builder;

  JavaDagBuilder(String name) {
    this(DagBuilder.create(Checks.notNull(name, "name")), NodeOptions.defaults());
  }

  private JavaDagBuilder(DagBuilder<I> builder, NodeOptions options) {
    super(builder, options);
    this.builder = builder;
  }

  @Override
  public JavaDagBuilder<I> with(NodeOptions options) {
    return new JavaDagBuilder<>(builder, Checks.notNull(options, "options"));
  }

  /** The input node: its value is the argument each run is started with. */
  public Node<I> input() {
    return builder.getInput();
  }

  /**
   * Validates and freezes the graph, with {@code output} as its output node. The builder accepts no
   * node afterwards.
   */
  public <O> JavaDag<I, O> build(Node<O> output) {
    return new JavaDag<>(builder.build(Checks.notNull(output, "output")));
  }
}
