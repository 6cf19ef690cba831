package dev.adagio.java;

import dev.adagio.Node;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * How to run a graph, immutable: each {@code with} method returns a new value.
 *
 * <pre>{@code
 * dag.run(input, RunOptions.defaults().withTargets(report).withExecutor(pool));
 * }</pre>
 */
public final class RunOptions {
  private static final RunOptions DEFAULTS = new RunOptions(List.of(), false, null);

  private final List<Node<?>> targets;
  private final boolean sequential;
  private final Executor executor;

  private RunOptions(List<Node<?>> targets, boolean sequential, Executor executor) {
    this.targets = targets;
    this.sequential = sequential;
    this.executor = executor;
  }

  /** Run every node, concurrently, with the engine on Adagio's default executor. */
  public static RunOptions defaults() {
    return DEFAULTS;
  }

  /** Run only {@code targets} and their ancestors; the other nodes stay {@code NOT_STARTED}. */
  public RunOptions withTargets(Node<?>... targets) {
    for (Node<?> target : targets) {
      Checks.notNull(target, "a target");
    }
    return new RunOptions(List.of(targets), sequential, executor);
  }

  /** Run one node at a time, in topological order (for debugging). */
  public RunOptions withSequential(boolean sequential) {
    return new RunOptions(targets, sequential, executor);
  }

  /** Run the engine's own work, and the bodies of non-blocking nodes, on {@code executor}. */
  public RunOptions withExecutor(Executor executor) {
    return new RunOptions(targets, sequential, Checks.notNull(executor, "executor"));
  }

  /** The targets; empty for every node. */
  public List<Node<?>> targets() {
    return targets;
  }

  /** Whether nodes run one at a time. */
  public boolean sequential() {
    return sequential;
  }

  /** The executor for the engine's work; empty for Adagio's default. */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }
}
