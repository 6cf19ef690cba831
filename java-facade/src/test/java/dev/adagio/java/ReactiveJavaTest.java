package dev.adagio.java;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.FailurePolicy;
import dev.adagio.Node;
import dev.adagio.NodeFailedException;
import dev.adagio.NodeStatus;
import dev.adagio.RunOptions;
import dev.adagio.reactive.Recomputation;
import dev.adagio.reactive.SourceFailedException;
import dev.adagio.reactive.SourceMode;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reactive graphs from Java: {@code Flow.Publisher} sources, results by callback or publisher. */
class ReactiveJavaTest {
  private static List<String> names(List<Node<?>> nodes) {
    return nodes.stream().map(Node::getName).toList();
  }

  /** Waits until the graph has subscribed to {@code source}, so no submitted value is dropped. */
  private static void awaitSubscriber(SubmissionPublisher<?> source) throws InterruptedException {
    awaitSubscribers(source, 1);
  }

  /** Waits (up to 10 s) until {@code source} has {@code count} subscribers; fails otherwise. */
  private static void awaitSubscribers(SubmissionPublisher<?> source, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (source.getNumberOfSubscribers() != count && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(count, source.getNumberOfSubscribers(), "subscribers of the source");
  }

  @Test
  void spreadsheet_recomputesOnlyWhatChanged() throws Exception {
    try (SubmissionPublisher<Integer> a = new SubmissionPublisher<>();
        SubmissionPublisher<Integer> b = new SubmissionPublisher<>()) {
      JavaReactiveDag<String> sheet =
          Dags.reactive(
              "sheet-java",
              r -> {
                Node<Integer> x = r.source("a", a);
                Node<Integer> y = r.source("b", b, SourceMode.QUEUE);
                Node<Integer> twice = r.node("a*2", x, v -> completedFuture(v * 2));
                Node<Integer> thrice = r.blocking("b*3", y, v -> v * 3);
                Node<Integer> sum = r.node("a+b", x, y, (v, w) -> completedFuture(v + w));
                return r.node(
                    "print",
                    twice,
                    thrice,
                    sum,
                    (p, q, s) -> completedFuture("a*2=" + p + " b*3=" + q + " a+b=" + s));
              });
      BlockingQueue<Recomputation<String>> results = new LinkedBlockingQueue<>();
      CompletableFuture<Void> done = sheet.forEach(results::add);
      awaitSubscriber(a);
      awaitSubscriber(b);

      a.submit(1);
      b.submit(10);
      Recomputation<String> first = results.poll(10, SECONDS);
      assertEquals("a*2=2 b*3=30 a+b=11", first.getOutput());
      assertEquals(List.of("a", "b", "a*2", "b*3", "a+b", "print"), names(first.getRecomputed()));

      a.submit(2);
      Recomputation<String> second = results.poll(10, SECONDS);
      assertEquals("a*2=4 b*3=30 a+b=12", second.getOutput());
      assertEquals(List.of("a", "a*2", "a+b", "print"), names(second.getRecomputed()));
      assertEquals(List.of("b", "b*3"), names(second.getReused()));
      assertEquals(NodeStatus.REUSED, second.getRun().status(sheet.node("b*3")));
      assertEquals(30, second.get(sheet.node("b*3")));

      b.submit(20);
      Recomputation<String> third = results.poll(10, SECONDS);
      assertEquals("a*2=4 b*3=60 a+b=22", third.getOutput());
      assertEquals(List.of("b", "b*3", "a+b", "print"), names(third.getRecomputed()));

      a.close();
      b.close();
      done.get(10, SECONDS);
      assertEquals(
          List.of(1L, 2L, 3L), List.of(first.getNumber(), second.getNumber(), third.getNumber()));
      assertTrue(results.isEmpty());
    }
  }

  @Test
  void cutOff_andFailuresReportedWithoutEndingTheGraph() throws Exception {
    try (SubmissionPublisher<Integer> x = new SubmissionPublisher<>()) {
      JavaReactiveDag<String> graph =
          Dags.reactive(
              "cut-off-java",
              r -> {
                Node<Integer> source = r.source("x", x, SourceMode.QUEUE);
                Node<Integer> sign =
                    r.distinctUntilChanged(
                        r.node(
                            "sign",
                            source,
                            v -> {
                              if (v == 0) {
                                throw new IllegalArgumentException("zero has no sign");
                              }
                              return completedFuture(Integer.signum(v));
                            }));
                return r.node("label", sign, s -> completedFuture(s > 0 ? "+" : "-"));
              });
      BlockingQueue<Recomputation<String>> results = new LinkedBlockingQueue<>();
      CompletableFuture<Void> done = graph.forEach(results::add);
      awaitSubscriber(x);
      for (int v : new int[] {5, 7, 0, -2}) {
        x.submit(v);
      }
      x.close();
      done.get(10, SECONDS);
      List<Recomputation<String>> all = List.copyOf(results);
      assertEquals(4, all.size());
      assertEquals(List.of("x", "sign", "label"), names(all.get(0).getRecomputed()));
      assertEquals(List.of("x", "sign"), names(all.get(1).getRecomputed())); // cut off
      assertEquals("+", all.get(1).getOutput());
      NodeFailedException failure =
          assertInstanceOf(NodeFailedException.class, all.get(2).getError());
      assertEquals("sign", failure.getNodeName());
      assertTrue(all.get(3).isSuccess());
      assertEquals("-", all.get(3).getOutput());
    }
  }

  @Test
  void stopOnFailure_endsTheGraphWithTheError() throws Exception {
    try (SubmissionPublisher<Integer> x = new SubmissionPublisher<>()) {
      JavaReactiveDag<Integer> graph =
          Dags.reactive(
              "stop-java",
              r ->
                  r.node(
                      "inverse",
                      r.source("x", x, SourceMode.QUEUE),
                      v -> completedFuture(100 / v)));
      BlockingQueue<Recomputation<Integer>> results = new LinkedBlockingQueue<>();
      CompletableFuture<Void> done =
          graph.forEach(RunOptions.defaults(), FailurePolicy.FAIL_FAST, results::add);
      awaitSubscriber(x);
      x.submit(4);
      x.submit(0);
      x.submit(5);
      ExecutionException error =
          assertThrows(ExecutionException.class, () -> done.get(10, SECONDS));
      NodeFailedException failure = assertInstanceOf(NodeFailedException.class, error.getCause());
      assertInstanceOf(ArithmeticException.class, failure.getCause());
      assertEquals(2, results.size());
    }
  }

  @Test
  void cancellingTheFuture_cancelsSourcesAndInterruptsRunningNodes() throws Exception {
    try (SubmissionPublisher<Integer> x = new SubmissionPublisher<>()) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch interrupted = new CountDownLatch(1);
      JavaReactiveDag<Integer> graph =
          Dags.reactive(
              "cancel-java",
              r ->
                  r.blocking(
                      "sleepy",
                      r.source("x", x),
                      v -> {
                        started.countDown();
                        try {
                          Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                          interrupted.countDown();
                        }
                        return v;
                      }));
      CompletableFuture<Void> done = graph.forEach(item -> {});
      awaitSubscriber(x);
      x.submit(1);
      assertTrue(started.await(10, SECONDS));
      done.cancel(true);
      assertTrue(interrupted.await(10, SECONDS), "the running node was not interrupted");
      awaitSubscribers(x, 0); // the source subscription is cancelled
      assertThrows(CancellationException.class, done::join);
    }
  }

  @Test
  void failingSource_andAThrowingConsumer_completeTheFutureExceptionally() throws Exception {
    try (SubmissionPublisher<Integer> x = new SubmissionPublisher<>()) {
      JavaReactiveDag<Integer> graph =
          Dags.reactive(
              "source-java", r -> r.node("id", r.source("x", x), v -> completedFuture(v)));
      CompletableFuture<Void> done = graph.forEach(item -> {});
      awaitSubscriber(x);
      x.closeExceptionally(new IllegalStateException("feed lost"));
      ExecutionException error =
          assertThrows(ExecutionException.class, () -> done.get(10, SECONDS));
      SourceFailedException failure =
          assertInstanceOf(SourceFailedException.class, error.getCause());
      assertEquals("x", failure.getSourceName());
      assertEquals("feed lost", failure.getCause().getMessage());
    }
    try (SubmissionPublisher<Integer> x = new SubmissionPublisher<>()) {
      JavaReactiveDag<Integer> graph =
          Dags.reactive(
              "consumer-java", r -> r.node("id", r.source("x", x), v -> completedFuture(v)));
      CompletableFuture<Void> done =
          graph.forEach(
              item -> {
                throw new IllegalStateException("consumer broke");
              });
      awaitSubscriber(x);
      x.submit(1);
      ExecutionException error =
          assertThrows(ExecutionException.class, () -> done.get(10, SECONDS));
      assertEquals("consumer broke", error.getCause().getMessage());
      awaitSubscribers(x, 0); // the graph stops when its consumer throws
    }
  }

  @Test
  void definition_canBeInspected_andBadArgumentsAreRefused() {
    JavaReactiveDag<Integer> graph =
        Dags.reactive(
            "inspect-java",
            r ->
                r.node(
                    "id",
                    r.source("x", new SubmissionPublisher<Integer>()),
                    v -> completedFuture(v)));
    assertEquals("inspect-java", graph.name());
    assertEquals(List.of("x"), names(graph.sources()));
    assertFalse(graph.toString().isEmpty());
    assertThrows(
        NullPointerException.class, () -> Dags.reactive("null-java", r -> r.source("x", null)));
    assertThrows(
        dev.adagio.DagDefinitionException.class,
        () -> Dags.reactive("no-source", r -> r.node("one", () -> completedFuture(1))));
  }
}
