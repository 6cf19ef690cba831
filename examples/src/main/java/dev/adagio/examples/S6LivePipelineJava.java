package dev.adagio.examples;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.java.Dags;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** SCENARIOS.md S6 in Java, in live mode: nodes start as they are declared. */
public final class S6LivePipelineJava {
  private S6LivePipelineJava() {}

  static CompletionStage<String> fetch(String id, long millis) {
    return CompletableFuture.supplyAsync(
        () -> id + "x", CompletableFuture.delayedExecutor(millis, MILLISECONDS));
  }

  static CompletionStage<String> strip(String s) {
    return completedFuture(s.replaceAll("\\d", ""));
  }

  public static CompletableFuture<DagRun<List<String>>> run() {
    return Dags.live(
        "s6-live-pipeline-java",
        b -> {
          Node<String> a1 = b.node("fetch a1", () -> fetch("a1", 10));
          Node<String> a2 = b.node("fetch a2", () -> fetch("a2", 20));
          Node<String> b1 = b.node("fetch b1", () -> fetch("b1", 30));
          Node<String> b2 = b.node("fetch b2", () -> fetch("b2", 40));
          Node<String> c1 = b.node("fetch c1", () -> fetch("c1", 55));
          Node<String> c2 = b.node("fetch c2", () -> fetch("c2", 60));
          Node<String> ca = b.node("concat a", a1, a2, (x, y) -> completedFuture(x + y));
          Node<String> cb = b.node("concat b", b1, b2, (x, y) -> completedFuture(x + y));
          Node<String> cc = b.node("concat c", c1, c2, (x, y) -> completedFuture(x + y));
          Node<String> cab = b.node("concat ab", ca, cb, (x, y) -> completedFuture(x + y));
          Node<String> sa = b.node("strip a", ca, S6LivePipelineJava::strip);
          Node<String> sab = b.node("strip ab", cab, S6LivePipelineJava::strip);
          Node<String> sc = b.node("strip c", cc, S6LivePipelineJava::strip);
          return b.node("upload", sa, sab, sc, (x, y, z) -> completedFuture(List.of(x, y, z)));
        });
  }
}
