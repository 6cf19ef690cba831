package dev.adagio.java;

import dev.adagio.stream.BlockingSourceFunction;
import dev.adagio.stream.JavaEmitter;
import dev.adagio.stream.StreamBuilder;
import dev.adagio.stream.StreamGraph;
import dev.adagio.stream.StreamInput;
import dev.adagio.stream.StreamNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Declares a stream graph from Java (see {@link Dags#stream}): sources emit items, stages take one
 * item and emit any number, sinks consume. Asynchronous bodies return a {@link CompletionStage}
 * that completes when they are done; blocking bodies run on an executor.
 *
 * <p>Every item a node emits goes to every node downstream, unless the edge filters ({@link
 * #where}) or the node routes ({@link #route}). Batch stages and sinks ({@link #batchStage}, {@link
 * #batchSink}) take their items in lists. Wherever an input is asked for, a node or a filtered
 * input will do.
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
    return builder.sourceAsync(Checks.name(name), (arguments, emitter) -> body.apply(emitter));
  }

  /** A source that also receives the arguments the run starts it with. */
  public <T> StreamNode<T> source(
      String name, BiFunction<List<Object>, JavaEmitter<T>, ? extends CompletionStage<?>> body) {
    Checks.body(body, name);
    return builder.sourceAsync(
        Checks.name(name),
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
    return builder.sourceBlocking(Checks.name(name), options.executor().orElse(null), body);
  }

  /** A stage taking {@code input}'s items; returns a stage that completes when the item is done. */
  public <A, R> StreamNode<R> stage(
      String name,
      StreamInput<A> input,
      BiFunction<A, JavaEmitter<R>, ? extends CompletionStage<?>> body) {
    return stage(name, List.of(input), body, StreamOptions.defaults());
  }

  /** A stage taking the items of {@code inputs}, as {@code options} say. */
  public <A, R> StreamNode<R> stage(
      String name,
      List<? extends StreamInput<A>> inputs,
      BiFunction<A, JavaEmitter<R>, ? extends CompletionStage<?>> body,
      StreamOptions options) {
    Checks.body(body, name);
    return builder.stageAsync(
        Checks.name(name),
        inputs,
        options.workers(),
        options.buffer(),
        options.errorPolicy().orElse(null),
        body::apply);
  }

  /** A stage taking {@code input}'s items, as {@code options} say. */
  public <A, R> StreamNode<R> stage(
      String name,
      StreamInput<A> input,
      BiFunction<A, JavaEmitter<R>, ? extends CompletionStage<?>> body,
      StreamOptions options) {
    return stage(name, List.of(input), body, options);
  }

  /** A stage whose blocking body runs on an executor; what it emits is sent when it returns. */
  public <A, R> StreamNode<R> blockingStage(
      String name,
      StreamInput<A> input,
      BiConsumer<A, Consumer<? super R>> body,
      StreamOptions options) {
    return blockingStage(name, List.of(input), body, options);
  }

  /** A blocking stage taking the items of {@code inputs}. */
  public <A, R> StreamNode<R> blockingStage(
      String name,
      List<? extends StreamInput<A>> inputs,
      BiConsumer<A, Consumer<? super R>> body,
      StreamOptions options) {
    Checks.body(body, name);
    return builder.stageBlocking(
        Checks.name(name),
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
      StreamInput<A> input,
      Function<A, ? extends CompletionStage<?>> body,
      StreamOptions options) {
    return sink(name, List.of(input), body, options);
  }

  /** A sink consuming the items of {@code inputs}. */
  public <A> StreamNode<Void> sink(
      String name,
      List<? extends StreamInput<A>> inputs,
      Function<A, ? extends CompletionStage<?>> body,
      StreamOptions options) {
    Checks.body(body, name);
    return builder.sinkAsync(
        Checks.name(name),
        inputs,
        options.workers(),
        options.buffer(),
        options.errorPolicy().orElse(null),
        body::apply);
  }

  /** A sink consuming {@code input}'s items with the default options. */
  public <A> StreamNode<Void> sink(
      String name, StreamInput<A> input, Function<A, ? extends CompletionStage<?>> body) {
    return sink(name, List.of(input), body, StreamOptions.defaults());
  }

  /** A sink whose blocking body runs on an executor. */
  public <A> StreamNode<Void> blockingSink(
      String name, StreamInput<A> input, Consumer<A> body, StreamOptions options) {
    return blockingSink(name, List.of(input), body, options);
  }

  /** A blocking sink consuming the items of {@code inputs}. */
  public <A> StreamNode<Void> blockingSink(
      String name, List<? extends StreamInput<A>> inputs, Consumer<A> body, StreamOptions options) {
    Checks.body(body, name);
    return builder.sinkBlocking(
        Checks.name(name),
        inputs,
        options.workers(),
        options.buffer(),
        options.errorPolicy().orElse(null),
        options.executor().orElse(null),
        body::accept);
  }

  /**
   * Connects {@code from} to {@code to} after both were declared; {@code from} may be a filtered
   * input ({@link #where}).
   */
  public <T> void connect(StreamInput<T> from, StreamNode<?> to) {
    builder.connect(Checks.notNull(from, "from"), Checks.notNull(to, "to"));
  }

  /**
   * {@code node}'s items that pass {@code predicate}, as the input of one edge: {@code
   * b.sink("big", b.where(numbers, n -> n > 9), …)}. The node's other edges are not affected; an
   * item no edge accepts is dropped, and counted as refused in each edge's statistics. What the
   * predicate throws fails the emitting item.
   */
  public <T> StreamInput<T> where(StreamNode<T> node, Predicate<? super T> predicate) {
    return builder.filtered(Checks.notNull(node, "node"), Checks.notNull(predicate, "predicate"));
  }

  /**
   * Routes {@code from}'s items: {@code router} picks, for each item, the one downstream node it
   * goes to, or returns null to drop it; the item then goes over that edge only (if the edge's own
   * filter accepts it). Declare it once the targets exist. A router that throws, or picks a node
   * that does not take items from {@code from}, fails the emitting item.
   */
  public <T> void route(StreamNode<T> from, Function<? super T, ? extends StreamNode<?>> router) {
    builder.routeWith(Checks.notNull(from, "from"), Checks.notNull(router, "router")::apply);
  }

  /**
   * A batch stage: takes {@code inputs}' items in lists of up to {@code size}, handed to its body
   * when full, when {@code linger} has passed since the list's first item, or when its inputs end
   * (so nothing is left behind). {@code Duration.ZERO} takes only what is already waiting; {@code
   * ChronoUnit.FOREVER.getDuration()} waits for full lists or the end. Statistics count items, not
   * lists; a body that fails fails every item of its list.
   */
  public <A, R> StreamNode<R> batchStage(
      String name,
      List<? extends StreamInput<A>> inputs,
      int size,
      Duration linger,
      BiFunction<List<A>, JavaEmitter<R>, ? extends CompletionStage<?>> body,
      StreamOptions options) {
    Checks.body(body, name);
    return builder.batchStageAsync(
        Checks.name(name),
        inputs,
        size,
        Checks.notNull(linger, "linger"),
        options.workers(),
        options.buffer(),
        options.errorPolicy().orElse(null),
        (items, emitter) -> body.apply(unchecked(items), emitter));
  }

  /** A batch stage taking {@code input}'s items; see the list form. */
  public <A, R> StreamNode<R> batchStage(
      String name,
      StreamInput<A> input,
      int size,
      Duration linger,
      BiFunction<List<A>, JavaEmitter<R>, ? extends CompletionStage<?>> body,
      StreamOptions options) {
    return batchStage(name, List.of(input), size, linger, body, options);
  }

  /**
   * A batch sink: consumes {@code inputs}' items in lists of up to {@code size}; see {@link
   * #batchStage}.
   */
  public <A> StreamNode<Void> batchSink(
      String name,
      List<? extends StreamInput<A>> inputs,
      int size,
      Duration linger,
      Function<List<A>, ? extends CompletionStage<?>> body,
      StreamOptions options) {
    Checks.body(body, name);
    return builder.batchSinkAsync(
        Checks.name(name),
        inputs,
        size,
        Checks.notNull(linger, "linger"),
        options.workers(),
        options.buffer(),
        options.errorPolicy().orElse(null),
        items -> body.apply(unchecked(items)));
  }

  /** A batch sink consuming {@code input}'s items; see the list form. */
  public <A> StreamNode<Void> batchSink(
      String name,
      StreamInput<A> input,
      int size,
      Duration linger,
      Function<List<A>, ? extends CompletionStage<?>> body,
      StreamOptions options) {
    return batchSink(name, List.of(input), size, linger, body, options);
  }

  /**
   * A batch sink whose blocking body runs on the options' executor (Adagio's executor for blocking
   * work unless set), interrupted when the run stops: a database writer's shape.
   */
  public <A> StreamNode<Void> blockingBatchSink(
      String name,
      List<? extends StreamInput<A>> inputs,
      int size,
      Duration linger,
      Consumer<List<A>> body,
      StreamOptions options) {
    Checks.body(body, name);
    return builder.batchSinkBlocking(
        Checks.name(name),
        inputs,
        size,
        Checks.notNull(linger, "linger"),
        options.workers(),
        options.buffer(),
        options.errorPolicy().orElse(null),
        options.executor().orElse(null),
        items -> body.accept(unchecked(items)));
  }

  /** A blocking batch sink consuming {@code input}'s items; see the list form. */
  public <A> StreamNode<Void> blockingBatchSink(
      String name,
      StreamInput<A> input,
      int size,
      Duration linger,
      Consumer<List<A>> body,
      StreamOptions options) {
    return blockingBatchSink(name, List.of(input), size, linger, body, options);
  }

  /** A list the engine made (a batch), typed as the body asks: it holds only the inputs' items. */
  @SuppressWarnings("unchecked")
  private static <A> List<A> unchecked(List<? extends A> items) {
    return (List<A>) items;
  }

  StreamGraph build() {
    return builder.build();
  }

  @Override
  public String toString() {
    return "JavaStreamBuilder(" + name + ")";
  }
}
