package dev.adagio.examples;

import static java.util.concurrent.CompletableFuture.completedFuture;

import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaReactiveDag;
import dev.adagio.reactive.Recomputation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * aiocells' flow demo in Java: two timers, as {@link Flow.Publisher}s, feed a little spreadsheet
 * and a printer; each tick recomputes only the cells downstream of the timer that ticked.
 */
public final class ReactiveSheetJava {
  private ReactiveSheetJava() {}

  /**
   * A cold timer: each subscriber gets {@code values}, the first after {@code startMs}, then one
   * every {@code periodMs}, then completion. (A {@link SubmissionPublisher} alone drops what it
   * publishes before anyone subscribes; starting the clock on subscription avoids that.)
   */
  static Flow.Publisher<Integer> timer(long startMs, long periodMs, List<Integer> values) {
    return subscriber -> {
      SubmissionPublisher<Integer> ticks = new SubmissionPublisher<>();
      ticks.subscribe(subscriber);
      ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
      for (int k = 0; k < values.size(); k++) {
        int value = values.get(k);
        clock.schedule(() -> ticks.submit(value), startMs + k * periodMs, TimeUnit.MILLISECONDS);
      }
      clock.schedule(
          () -> {
            ticks.close();
            clock.shutdown();
          },
          startMs + (values.size() - 1) * periodMs + 1,
          TimeUnit.MILLISECONDS);
    };
  }

  public static JavaReactiveDag<String> sheet(long periodMs, Consumer<String> print) {
    return Dags.reactive(
        "s7-sheet-java",
        r -> {
          Node<Integer> a = r.source("a", timer(0, periodMs, List.of(1, 2, 3)));
          Node<Integer> b = r.source("b", timer(periodMs / 2, periodMs, List.of(10, 20)));
          Node<Integer> aTwice = r.node("a*2", a, x -> completedFuture(x * 2));
          Node<Integer> bThrice = r.blocking("b*3", b, y -> y * 3);
          Node<Integer> total = r.node("a+b", a, b, (x, y) -> completedFuture(x + y));
          Node<String> parity =
              r.distinctUntilChanged(
                  r.node("parity", total, t -> completedFuture(t % 2 == 0 ? "even" : "odd")));
          Node<String> report = r.node("report", parity, p -> completedFuture("a+b is " + p));
          return r.node(
              "print",
              aTwice,
              bThrice,
              total,
              report,
              (x, y, t, line) -> {
                String text = "a*2=" + x + " b*3=" + y + " a+b=" + t + " (" + line + ")";
                print.accept(text);
                return completedFuture(text);
              });
        });
  }

  /** Runs the sheet until both timers are done; completes with every recomputation. */
  public static CompletableFuture<List<Recomputation<String>>> run(
      long periodMs, Consumer<String> print) {
    List<Recomputation<String>> all = Collections.synchronizedList(new ArrayList<>());
    return sheet(periodMs, print).forEach(all::add).thenApply(done -> List.copyOf(all));
  }
}
