package dev.adagio.java;

import dev.adagio.FailurePolicy;
import dev.adagio.Node;
import dev.adagio.RunOptions;
import dev.adagio.reactive.ReactiveDag;
import dev.adagio.reactive.Recomputation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A reactive graph, run from Java: each time a source has a new value, the nodes downstream of it
 * recompute and every other node keeps its value (reported as {@code REUSED}). Build one with
 * {@link Dags#reactive}; see {@link ReactiveDag} for the semantics (incremental, glitch-free,
 * equality cut-off, failures).
 *
 * @param <O> the type of the output node's value
 */
public final class JavaReactiveDag<O> {
  private final ReactiveDag<O> reactive;

  JavaReactiveDag(ReactiveDag<O> reactive) {
    this.reactive = reactive;
  }

  /**
   * The recomputations as a publisher: each subscription runs the graph on Adagio's default
   * executor, honouring demand (a subscriber that requests slowly holds the graph back, and
   * conflated sources keep only their latest value meanwhile). A failed recomputation is published
   * like any other, with its {@link Recomputation#getError() error}. Cancelling the subscription
   * cancels every source subscription and every running node.
   */
  public Flow.Publisher<Recomputation<O>> results() {
    return reactive.publisher(RunOptions.defaults(), FailurePolicy.CONTINUE);
  }

  /**
   * The recomputations as a publisher, each run as {@code options} say (executor, failure policy,
   * concurrency limit, timeout, listeners), ending with the failed recomputation's error when
   * {@code onFailure} is {@link FailurePolicy#FAIL_FAST}.
   */
  public Flow.Publisher<Recomputation<O>> results(RunOptions options, FailurePolicy onFailure) {
    return reactive.publisher(
        Checks.notNull(options, "options"), Checks.notNull(onFailure, "onFailure"));
  }

  /**
   * Runs the graph and hands each recomputation to {@code consumer}, one at a time: the graph waits
   * for the consumer before it computes again. The future completes when every source has completed
   * and every value has been computed; exceptionally when a source fails ({@link
   * dev.adagio.reactive.SourceFailedException}) or the consumer throws. Cancelling the future stops
   * the graph: every source subscription and every running node is cancelled.
   */
  public CompletableFuture<Void> forEach(Consumer<? super Recomputation<O>> consumer) {
    return forEach(RunOptions.defaults(), FailurePolicy.CONTINUE, consumer);
  }

  /**
   * Runs the graph as {@code options} and {@code onFailure} say; see {@link #forEach(Consumer)}.
   */
  public CompletableFuture<Void> forEach(
      RunOptions options, FailurePolicy onFailure, Consumer<? super Recomputation<O>> consumer) {
    Checks.notNull(consumer, "consumer");
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicReference<Flow.Subscription> held = new AtomicReference<>();
    done.whenComplete(
        (ignored, error) -> {
          Flow.Subscription subscription = held.get();
          if (error != null && subscription != null) {
            subscription.cancel();
          }
        });
    results(options, onFailure)
        .subscribe(
            new Flow.Subscriber<Recomputation<O>>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                held.set(subscription);
                if (done.isDone()) {
                  subscription.cancel();
                } else {
                  subscription.request(1);
                }
              }

              @Override
              public void onNext(Recomputation<O> item) {
                try {
                  consumer.accept(item);
                } catch (Throwable e) {
                  done.completeExceptionally(e);
                  return;
                }
                held.get().request(1);
              }

              @Override
              public void onError(Throwable error) {
                done.completeExceptionally(error);
              }

              @Override
              public void onComplete() {
                done.complete(null);
              }
            });
    return done;
  }

  /** The graph's definition, for inspection and diagrams. */
  public ReactiveDag<O> definition() {
    return reactive;
  }

  /** The graph's name. */
  public String name() {
    return reactive.getName();
  }

  /** The source nodes, in declaration order. */
  public List<Node<?>> sources() {
    return reactive.getSourceNodes();
  }

  /** The node called {@code name}; throws {@link java.util.NoSuchElementException} when none. */
  public Node<?> node(String name) {
    return reactive.dag().node(name);
  }

  @Override
  public String toString() {
    return reactive.toString();
  }
}
