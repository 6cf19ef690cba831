package dev.adagio.java;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Per-node options, immutable: each {@code with} method returns a new value.
 *
 * <pre>{@code
 * b.blocking("load", path, Files::readString, NodeOptions.defaults().withExecutor(ioPool));
 * }</pre>
 */
public final class NodeOptions {
  private static final NodeOptions DEFAULTS = new NodeOptions(null);

  private final Executor executor;

  private NodeOptions(Executor executor) {
    this.executor = executor;
  }

  /** No option set: blocking nodes run on Adagio's default executor for blocking work. */
  public static NodeOptions defaults() {
    return DEFAULTS;
  }

  /** Options where blocking nodes run on {@code executor}. */
  public NodeOptions withExecutor(Executor executor) {
    return new NodeOptions(Checks.notNull(executor, "executor"));
  }

  /** The executor for a blocking node's body; empty for Adagio's default for blocking work. */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }
}
