package dev.adagio.java;

import dev.adagio.stream.BlockingSourceFunction;
import dev.adagio.stream.JavaEmitter;
import dev.adagio.stream.StreamBuilder;
import dev.adagio.stream.StreamGraph;
import dev.adagio.stream.StreamNode;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Declares a stream graph from Java (see {@link Dags#stream}): sources emit items, stages take one
 * item and emit any number, sinks consume. Asynchronous bodies return a {@link CompletionStage}
 * that completes when they are done; blocking bodies run on an executor.
 */
public final class JavaStreamBuilder {
  private final StreamBuilder builder;
  private final String name;

  JavaStreamBuilder(String name, StreamBuilder builder) {
    this.name = name;
    this.builder = builder;
  }

  /** A source: emits through {@code emitter}; done when the returned stage completes. */
  public <T> StreamNode<T> source(
      String name, Function<JavaEmitter<T>, ? extends CompletionStage<?>> body) {
    Checks.body(body, name);
    return builder.sourceAsync(name, (arguments, emitter) -> body.apply(emitter));
  }

  /** A source that also receives the arguments the run starts it with. */
  public <T> StreamNode<T> source(
      String name, BiFunction<List<Object>, JavaEmitter<T>, ? extends CompletionStage<?>> body) {
    Checks.body(body, name);
    return builder.sourceAsync(
        name,
        (arguments, emitter) ->
            body.apply(List.copyOf(arguments.stream().map(a -> (Object) a).toList()), emitter));
  }

  /**
   * A source whose blocking body runs on Adagio's executor for blocking work: it emits with {@code
   * emit.accept(item)}, item by item (the thread waits while a downstream buffer is full), and is
   * done when it returns; no future to chain. Its thread is interrupted when the run stops.
   */
  public <T> StreamNode<T> blockingSource(String name, BlockingSourceFunction<T> body) {
    return blockingSource(name, body, StreamOptions.defaults());
  }

  /** A blocking source on the options' executor (workers, buffer and error policy do not apply). */
  public <T> StreamNode<T> blockingSource(
      String name, BlockingSourceFunction<T> body, StreamOptions options) {
    Checks.body(body, name);
    return builder.sourceBlocking(name, options.executor().orElse(null), body);
  }

  /** A stage taking {@code input}'s items; returns a stage that completes when the item is done. */
  public <A, R> StreamNode<R> stage(
      String name,
      StreamNode<A> input,
      BiFunction<A, JavaEmitter<R>, ? extends CompletionStage<?>> body) {
    return stage(name, List.of(input), body, StreamOptions.defaults());
  }

  /** A stage taking the items of {@code inputs}, as {@code options} say. */
  public <A, R> StreamNode<R> stage(
      String name,
      List<StreamNode<A>> inputs,
      BiFunction<A, JavaEmitter<R>, ? extends CompletionStage<?>> body,
      StreamOptions options) {
    Checks.body(body, name);
    return builder.stageAsync(
        name,
        inputs,
        options.workers(),
        options.buffer(),
        options.errorPolicy().orElse(null),
        body::apply);
  }

  /** A stage taking {@code input}'s items, as {@code options} say. */
  public <A, R> StreamNode<R> stage(
      String name,
      StreamNode<A> input,
      BiFunction<A, JavaEmitter<R>, ? extends CompletionStage<?>> body,
      StreamOptions options) {
    return stage(name, List.of(input), body, options);
  }

  /** A stage whose blocking body runs on an executor; what it emits is sent when it returns. */
  public <A, R> StreamNode<R> blockingStage(
      String name,
      StreamNode<A> input,
      BiConsumer<A, Consumer<? super R>> body,
      StreamOptions options) {
    return blockingStage(name, List.of(input), body, options);
  }

  /** A blocking stage taking the items of {@code inputs}. */
  public <A, R> StreamNode<R> blockingStage(
      String name,
      List<StreamNode<A>> inputs,
      BiConsumer<A, Consumer<? super R>> body,
      StreamOptions options) {
    Checks.body(body, name);
    return builder.stageBlocking(
        name,
        inputs,
        options.workers(),
        options.buffer(),
        options.errorPolicy().orElse(null),
        options.executor().orElse(null),
        (item, emit) -> body.accept(item, emit::accept));
  }

  /**
   * A sink consuming {@code input}'s items; returns a stage that completes when the item is done.
   */
  public <A> StreamNode<Void> sink(
      String name,
      StreamNode<A> input,
      Function<A, ? extends CompletionStage<?>> body,
      StreamOptions options) {
    return sink(name, List.of(input), body, options);
  }

  /** A sink consuming the items of {@code inputs}. */
  public <A> StreamNode<Void> sink(
      String name,
      List<StreamNode<A>> inputs,
      Function<A, ? extends CompletionStage<?>> body,
      StreamOptions options) {
    Checks.body(body, name);
    return builder.sinkAsync(
        name,
        inputs,
        options.workers(),
        options.buffer(),
        options.errorPolicy().orElse(null),
        body::apply);
  }

  /** A sink consuming {@code input}'s items with the default options. */
  public <A> StreamNode<Void> sink(
      String name, StreamNode<A> input, Function<A, ? extends CompletionStage<?>> body) {
    return sink(name, List.of(input), body, StreamOptions.defaults());
  }

  /** A sink whose blocking body runs on an executor. */
  public <A> StreamNode<Void> blockingSink(
      String name, StreamNode<A> input, Consumer<A> body, StreamOptions options) {
    return blockingSink(name, List.of(input), body, options);
  }

  /** A blocking sink consuming the items of {@code inputs}. */
  public <A> StreamNode<Void> blockingSink(
      String name, List<StreamNode<A>> inputs, Consumer<A> body, StreamOptions options) {
    Checks.body(body, name);
    return builder.sinkBlocking(
        name,
        inputs,
        options.workers(),
        options.buffer(),
        options.errorPolicy().orElse(null),
        options.executor().orElse(null),
        body::accept);
  }

  /** Connects {@code from} to {@code to} after both were declared. */
  public <T> void connect(StreamNode<T> from, StreamNode<?> to) {
    builder.connect(from, to);
  }

  StreamGraph build() {
    return builder.build();
  }

  @Override
  public String toString() {
    return "JavaStreamBuilder(" + name + ")";
  }
}
