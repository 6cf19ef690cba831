package dev.adagio.examples;

import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * SCENARIOS.md S3 in Java, from aiocells: order edges without data. Three nodes print and sleep in
 * order; start → {sleep 1 s, sleep 2 s} → stop takes 2 s concurrently and 3 s sequentially ({@code
 * RunOptions.withSequential(true)}).
 */
public final class S3OrderOnlyJava {
  private S3OrderOnlyJava() {}

  public static JavaDag<Void, Void> sleeper(Consumer<String> say) {
    return sleeper(say, Waits.REAL);
  }

  /** announce → sleep 2 s → wake, waiting through {@code waits} (virtual time in tests). */
  public static JavaDag<Void, Void> sleeper(Consumer<String> say, Waits waits) {
    JavaDagBuilder<Void> b = Dags.builder("s3-sleeper-java");
    Node<Void> announce = b.blocking("announce", () -> say(say, "Sleeping..."));
    Node<Void> sleep = b.after(b.node("sleep", () -> sleep(2000, waits)), announce);
    return b.build(b.after(b.blocking("wake", () -> say(say, "Woke up!")), sleep));
  }

  public static JavaDag<Void, Void> startSleepStop() {
    return startSleepStop(Waits.REAL);
  }

  /**
   * start → (sleep 1 s, sleep 2 s) → stop, waiting through {@code waits} (virtual time in tests).
   */
  public static JavaDag<Void, Void> startSleepStop(Waits waits) {
    JavaDagBuilder<Void> b = Dags.builder("s3-start-sleep-stop-java");
    Node<Void> start = b.node("start", () -> CompletableFuture.completedFuture(null));
    Node<Void> one = b.after(b.node("sleep 1", () -> sleep(1000, waits)), start);
    Node<Void> two = b.after(b.node("sleep 2", () -> sleep(2000, waits)), start);
    return b.build(
        b.after(b.node("stop", () -> CompletableFuture.completedFuture(null)), one, two));
  }

  private static Void say(Consumer<String> say, String line) {
    say.accept(line);
    return null;
  }

  private static CompletableFuture<Void> sleep(long millis, Waits waits) {
    return CompletableFuture.runAsync(() -> {}, waits.after(millis));
  }
}
