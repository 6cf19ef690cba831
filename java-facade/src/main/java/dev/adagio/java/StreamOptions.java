package dev.adagio.java;

import dev.adagio.FailurePolicy;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Options of one stream stage or sink, immutable: workers (items processed at once, default 1),
 * buffer (items that may wait, default 64; emitters wait while it is full), error policy (default
 * the graph's, which is FAIL_FAST unless the graph was built with another), and the executor of
 * blocking bodies.
 */
public final class StreamOptions {
  private static final StreamOptions DEFAULTS = new StreamOptions(1, 64, null, null);

  private final int workers;
  private final int buffer;
  private final FailurePolicy onError;
  private final Executor executor;

  private StreamOptions(int workers, int buffer, FailurePolicy onError, Executor executor) {
    this.workers = workers;
    this.buffer = buffer;
    this.onError = onError;
    this.executor = executor;
  }

  /**
   * One worker, a buffer of 64, the graph's error policy (halt, unless the graph was built with
   * another), Adagio's default executor.
   */
  public static StreamOptions defaults() {
    return DEFAULTS;
  }

  /** These options with {@code workers} items processed at once (at least 1). */
  public StreamOptions withWorkers(int workers) {
    return new StreamOptions(workers, buffer, onError, executor);
  }

  /** These options with {@code buffer} items waiting for a worker before upstream nodes wait. */
  public StreamOptions withBuffer(int buffer) {
    return new StreamOptions(workers, buffer, onError, executor);
  }

  /** These options with {@code onError}: halt the graph, or count the error and go on. */
  public StreamOptions withErrorPolicy(FailurePolicy onError) {
    return new StreamOptions(workers, buffer, Checks.notNull(onError, "onError"), executor);
  }

  /** These options with blocking bodies run on {@code executor}. */
  public StreamOptions withExecutor(Executor executor) {
    return new StreamOptions(workers, buffer, onError, Checks.notNull(executor, "executor"));
  }

  /** The number of workers. */
  public int workers() {
    return workers;
  }

  /** The buffer size. */
  public int buffer() {
    return buffer;
  }

  /** The error policy. */
  public Optional<FailurePolicy> errorPolicy() {
    return Optional.ofNullable(onError);
  }

  /** The executor for blocking bodies, if one was set. */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }
}
