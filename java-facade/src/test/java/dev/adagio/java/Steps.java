package dev.adagio.java;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Test helpers: an event log and stages that complete after a delay, logging their start and end.
 */
final class Steps {
  final List<String> events = Collections.synchronizedList(new ArrayList<>());

  <T> CompletionStage<T> after(String name, long millis, Supplier<T> value) {
    events.add("start " + name);
    return CompletableFuture.supplyAsync(
        () -> {
          events.add("end " + name);
          return value.get();
        },
        CompletableFuture.delayedExecutor(millis, MILLISECONDS));
  }

  List<String> ends() {
    synchronized (events) {
      return events.stream().filter(e -> e.startsWith("end ")).map(e -> e.substring(4)).toList();
    }
  }

  List<String> all() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
