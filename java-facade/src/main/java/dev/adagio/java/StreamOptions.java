package dev.adagio.java;

import dev.adagio.stream.StreamErrorPolicy;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Options of one stream stage or sink, immutable: workers (items processed at once, default 1),
 * buffer (items that may wait, default 64; emitters wait while it is full), error policy (default
 * HALT), and the executor of blocking bodies.
 */
public final class StreamOptions {
  private static final StreamOptions DEFAULTS =
      new StreamOptions(1, 64, StreamErrorPolicy.HALT, null);

  private final int workers;
  private final int buffer;
  private final StreamErrorPolicy onError;
  private final Executor executor;

  private StreamOptions(int workers, int buffer, StreamErrorPolicy onError, Executor executor) {
    this.workers = workers;
    this.buffer = buffer;
    this.onError = onError;
    this.executor = executor;
  }

  public static StreamOptions defaults() {
    return DEFAULTS;
  }

  public StreamOptions withWorkers(int workers) {
    return new StreamOptions(workers, buffer, onError, executor);
  }

  public StreamOptions withBuffer(int buffer) {
    return new StreamOptions(workers, buffer, onError, executor);
  }

  public StreamOptions withErrorPolicy(StreamErrorPolicy onError) {
    return new StreamOptions(workers, buffer, Checks.notNull(onError, "onError"), executor);
  }

  public StreamOptions withExecutor(Executor executor) {
    return new StreamOptions(workers, buffer, onError, Checks.notNull(executor, "executor"));
  }

  public int workers() {
    return workers;
  }

  public int buffer() {
    return buffer;
  }

  public StreamErrorPolicy errorPolicy() {
    return onError;
  }

  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }
}
