package dev.adagio.java.contract;

import static java.util.concurrent.CompletableFuture.completedFuture;

import dev.adagio.FailurePolicy;
import dev.adagio.Node;
import dev.adagio.RunOptions;
import dev.adagio.annotated.DagNode;
import dev.adagio.annotated.From;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDagBuilder;
import dev.adagio.java.JavaLiveBuilder;
import dev.adagio.java.StreamOptions;
import dev.adagio.stream.StreamNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * Every graph kind as the Java facade builds it, for the contract suite: "work" runs a given stage
 * body once (on one item, for streams) and "next" depends on it.
 */
enum JavaKinds {
  DAG {
    @Override
    CompletableFuture<?> runWork(Supplier<CompletionStage<Integer>> work, Runnable next) {
      JavaDagBuilder<Void> b = Dags.builder("contract");
      Node<Integer> w = b.node("work", work);
      return b.build(b.node("next", w, x -> step(next, x))).run(null, RunOptions.defaults());
    }

    @Override
    CompletableFuture<?> runWide(Supplier<CompletionStage<Integer>> body) {
      JavaDagBuilder<Void> b = Dags.builder("wide");
      List<Node<Integer>> nodes = new ArrayList<>();
      for (int i = 0; i < wideSize(); i++) {
        nodes.add(b.node("n" + i, body));
      }
      return b.build(b.node("sum", nodes, xs -> completedFuture(xs.size())))
          .run(null, RunOptions.defaults());
    }
  },
  LIVE {
    @Override
    CompletableFuture<?> runWork(Supplier<CompletionStage<Integer>> work, Runnable next) {
      return Dags.live(
          "contract",
          (JavaLiveBuilder b) -> {
            Node<Integer> w = b.node("work", work);
            return b.node("next", w, x -> step(next, x));
          });
    }

    @Override
    CompletableFuture<?> runWide(Supplier<CompletionStage<Integer>> body) {
      return Dags.live(
          "wide",
          (JavaLiveBuilder b) -> {
            List<Node<Integer>> nodes = new ArrayList<>();
            for (int i = 0; i < wideSize(); i++) {
              nodes.add(b.node("n" + i, body));
            }
            return b.node("sum", nodes, xs -> completedFuture(xs.size()));
          });
    }
  },
  STREAM {
    @Override
    CompletableFuture<?> runWork(Supplier<CompletionStage<Integer>> work, Runnable next) {
      return Dags.stream(
              "contract",
              b -> {
                StreamNode<Integer> items = b.source("items", emitter -> emitter.emit(1));
                StreamNode<Integer> w =
                    b.<Integer, Integer>stage(
                        "work", items, (x, emitter) -> emitAfter(work, emitter));
                b.sink("next", w, x -> step(next, x), StreamOptions.defaults());
              })
          .run();
    }

    @Override
    CompletableFuture<?> runWide(Supplier<CompletionStage<Integer>> body) {
      return Dags.stream(
              "wide",
              b -> {
                StreamNode<Integer> items =
                    b.source(
                        "items",
                        emitter -> {
                          CompletionStage<?> chain = completedFuture(null);
                          for (int i = 0; i < wideSize(); i++) {
                            int item = i;
                            chain = chain.thenCompose(x -> emitter.emit(item));
                          }
                          return chain;
                        });
                StreamNode<Integer> w =
                    b.<Integer, Integer>stage("work", items, (x, emitter) -> body.get());
                b.sink("sum", w, x -> completedFuture(null), StreamOptions.defaults());
              })
          .run();
    }
  },
  REACTIVE {
    @Override
    CompletableFuture<?> runWork(Supplier<CompletionStage<Integer>> work, Runnable next) {
      return Dags.<Integer>reactive(
              "contract",
              r -> {
                Node<Integer> one = r.source("one", just(1));
                Node<Integer> w = r.node("work", one, x -> work.get());
                return r.node("next", w, x -> step(next, x));
              })
          .forEach(RunOptions.defaults(), FailurePolicy.FAIL_FAST, recomputation -> {});
    }

    @Override
    CompletableFuture<?> runWide(Supplier<CompletionStage<Integer>> body) {
      return Dags.<Integer>reactive(
              "wide",
              r -> {
                Node<Integer> one = r.source("one", just(1));
                List<Node<Integer>> nodes = new ArrayList<>();
                for (int i = 0; i < wideSize(); i++) {
                  nodes.add(r.node("n" + i, one, x -> body.get()));
                }
                return r.node("sum", nodes, xs -> completedFuture(xs.size()));
              })
          .forEach(RunOptions.defaults(), FailurePolicy.FAIL_FAST, recomputation -> {});
    }
  },
  ANNOTATED {
    @Override
    CompletableFuture<?> runWork(Supplier<CompletionStage<Integer>> work, Runnable next) {
      return Dags.annotated(new WorkMethods(work, next), Integer.class)
          .run(null, RunOptions.defaults());
    }

    @Override
    CompletableFuture<?> runWide(Supplier<CompletionStage<Integer>> body) {
      return Dags.annotated(new WideMethods(body), Integer.class).run(null, RunOptions.defaults());
    }

    @Override
    int wideSize() {
      return 6;
    }
  };

  /** Runs "work" then "next"; the future fails as the kind reports a node's failure. */
  abstract CompletableFuture<?> runWork(Supplier<CompletionStage<Integer>> work, Runnable next);

  /** Runs {@link #wideSize} nodes (items, for streams), each calling {@code body} once. */
  abstract CompletableFuture<?> runWide(Supplier<CompletionStage<Integer>> body);

  /** How many bodies {@link #runWide} runs. */
  int wideSize() {
    return 500;
  }

  private static CompletionStage<Integer> step(Runnable next, Integer x) {
    next.run();
    return completedFuture(x);
  }

  /**
   * Emits the value of {@code work}'s stage once it succeeded; a failed stage is returned as it is
   * (composing it with {@code thenCompose} would wrap its error in a {@code CompletionException},
   * whose constructor calls the error's {@code toString}).
   */
  private static CompletionStage<?> emitAfter(
      Supplier<CompletionStage<Integer>> work, dev.adagio.stream.JavaEmitter<Integer> emitter) {
    CompletableFuture<Integer> done = work.get().toCompletableFuture();
    if (done.isDone() && !done.isCompletedExceptionally()) {
      return emitter.emit(done.join());
    }
    return done;
  }

  /** A publisher of one value, then completion. */
  static <T> Flow.Publisher<T> just(T value) {
    return subscriber ->
        subscriber.onSubscribe(
            new Flow.Subscription() {
              private boolean done;

              @Override
              public synchronized void request(long n) {
                if (!done && n > 0) {
                  done = true;
                  subscriber.onNext(value);
                  subscriber.onComplete();
                }
              }

              @Override
              public void cancel() {
                done = true;
              }
            });
  }

  /** "work" and "next" as annotated methods. */
  public static final class WorkMethods {
    private final Supplier<CompletionStage<Integer>> work;
    private final Runnable next;

    WorkMethods(Supplier<CompletionStage<Integer>> work, Runnable next) {
      this.work = work;
      this.next = next;
    }

    /** Runs the contract's body. */
    @DagNode
    public CompletionStage<Integer> work() {
      return work.get();
    }

    /** Depends on {@code work}. */
    @DagNode
    public CompletionStage<Integer> next(@From("work") Integer work) {
      return step(next, work);
    }
  }

  /** Six annotated nodes calling the body: four independent ones, then two after them. */
  public static final class WideMethods {
    private final Supplier<CompletionStage<Integer>> body;

    WideMethods(Supplier<CompletionStage<Integer>> body) {
      this.body = body;
    }

    /** One of four independent nodes. */
    @DagNode
    public CompletionStage<Integer> a() {
      return body.get();
    }

    /** One of four independent nodes. */
    @DagNode
    public CompletionStage<Integer> b() {
      return body.get();
    }

    /** One of four independent nodes. */
    @DagNode
    public CompletionStage<Integer> c() {
      return body.get();
    }

    /** One of four independent nodes. */
    @DagNode
    public CompletionStage<Integer> d() {
      return body.get();
    }

    /** After a and b. */
    @DagNode
    public CompletionStage<Integer> e(@From("a") Integer a, @From("b") Integer b) {
      return body.get();
    }

    /** After c, d and e. */
    @DagNode
    public CompletionStage<Integer> f(
        @From("c") Integer c, @From("d") Integer d, @From("e") Integer e) {
      return body.get();
    }
  }
}
