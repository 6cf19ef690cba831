package dev.adagio.java;

import dev.adagio.Pool;
import dev.adagio.Retry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

/**
 * Per-node options, immutable: each {@code with} method returns a new value. The same controls as
 * the Kotlin DSL's modifiers, with the same defaults.
 *
 * <pre>{@code
 * NodeOptions options = NodeOptions.defaults()
 *     .withTimeout(Duration.ofSeconds(2))
 *     .withRetry(Retry.exponential(3))
 *     .withPool(database);
 * b.node("charge", order, payments::chargeAsync, options);
 * }</pre>
 */
public final class NodeOptions {
  private static final NodeOptions DEFAULTS =
      new NodeOptions(null, null, null, null, 0, false, null);

  private final Executor executor;
  private final Duration timeout;
  private final Retry retry;
  private final Pool pool;
  private final long weight;
  private final boolean dispatched;
  private final Executor dispatchExecutor;

  private NodeOptions(
      Executor executor,
      Duration timeout,
      Retry retry,
      Pool pool,
      long weight,
      boolean dispatched,
      Executor dispatchExecutor) {
    this.executor = executor;
    this.timeout = timeout;
    this.retry = retry;
    this.pool = pool;
    this.weight = weight;
    this.dispatched = dispatched;
    this.dispatchExecutor = dispatchExecutor;
  }

  /**
   * No option set: no timeout, no retry, no pool, weight 1, Adagio's executor for blocking work.
   */
  public static NodeOptions defaults() {
    return DEFAULTS;
  }

  /** Blocking nodes run on {@code executor}. */
  public NodeOptions withExecutor(Executor executor) {
    return new NodeOptions(
        Checks.notNull(executor, "executor"),
        timeout,
        retry,
        pool,
        weight,
        dispatched,
        dispatchExecutor);
  }

  /**
   * Each attempt may take at most {@code timeout}; a slower one is cancelled (its stage cancelled,
   * its blocking thread interrupted) and fails with {@link dev.adagio.NodeTimeoutException}.
   */
  public NodeOptions withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return new NodeOptions(executor, timeout, retry, pool, weight, dispatched, dispatchExecutor);
  }

  /** Failed attempts are tried again as {@code retry} says. */
  public NodeOptions withRetry(Retry retry) {
    return new NodeOptions(
        executor,
        timeout,
        Checks.notNull(retry, "retry"),
        pool,
        weight,
        dispatched,
        dispatchExecutor);
  }

  /** The node runs only while it holds a permit of {@code pool}, shared across runs. */
  public NodeOptions withPool(Pool pool) {
    return new NodeOptions(
        executor,
        timeout,
        retry,
        Checks.notNull(pool, "pool"),
        weight,
        dispatched,
        dispatchExecutor);
  }

  /** The node's estimated cost for critical-path priority (default 1). */
  public NodeOptions withWeight(long weight) {
    return new NodeOptions(executor, timeout, retry, pool, weight, dispatched, dispatchExecutor);
  }

  /**
   * The node's body is handed to a thread of Adagio's CPU executor ({@code Dispatchers.Default},
   * one thread per core) instead of running on the engine's thread: the switch for CPU-bound {@code
   * step} and {@code node} bodies, which otherwise run one at a time. Costs a hand-off per node
   * (about a microsecond); keep it for bodies that compute for longer. {@code blocking} nodes
   * declared with these options keep running on their executor.
   */
  public NodeOptions dispatched() {
    return new NodeOptions(executor, timeout, retry, pool, weight, true, null);
  }

  /** As {@link #dispatched()}, on {@code executor}. */
  public NodeOptions dispatchedOn(Executor executor) {
    return new NodeOptions(
        this.executor, timeout, retry, pool, weight, true, Checks.notNull(executor, "executor"));
  }

  /** Whether the node's body is dispatched (see {@link #dispatched()}). */
  public boolean isDispatched() {
    return dispatched;
  }

  /** The executor of a dispatched body, if one was set (else Adagio's CPU executor). */
  public Optional<Executor> dispatchExecutor() {
    return Optional.ofNullable(dispatchExecutor);
  }

  /** The executor for a blocking body, if one was set. */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }

  /** The timeout per attempt, if one was set. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** The retry policy, if one was set. */
  public Optional<Retry> retry() {
    return Optional.ofNullable(retry);
  }

  /** The pool, if one was set. */
  public Optional<Pool> pool() {
    return Optional.ofNullable(pool);
  }

  /** The weight, if one was set. */
  public OptionalLong weight() {
    return weight == 0 ? OptionalLong.empty() : OptionalLong.of(weight);
  }
}
