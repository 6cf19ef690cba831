package dev.adagio.graphviz;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.NodeFailedException;
import dev.adagio.NodeStatus;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class RunDiagramTest {
  private static String line(String dot, String id) {
    return dot.lines().filter(l -> l.trim().startsWith(id + " [")).findFirst().orElseThrow();
  }

  private static DagRun<?> failedRun() {
    JavaDagBuilder<Void> b = Dags.builder("failing");
    Node<String> ok = b.node("ok", () -> CompletableFuture.completedFuture("fine"));
    Node<String> bad =
        b.node(
            "bad",
            ok,
            x ->
                CompletableFuture.supplyAsync(
                    () -> {
                      throw new IllegalStateException("boom \"quoted\"");
                    },
                    CompletableFuture.delayedExecutor(20, MILLISECONDS)));
    b.node("hanging", () -> new CompletableFuture<String>());
    JavaDag<Void, String> dag =
        b.build(b.node("after-bad", bad, x -> CompletableFuture.completedFuture(x)));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> dag.apply(null).get(10, SECONDS));
    return assertInstanceOf(NodeFailedException.class, e.getCause()).getRun();
  }

  @Test
  void aRecoveredNode_isDrawnApart_inDotAndMermaid() throws Exception {
    JavaDagBuilder<Void> b = Dags.builder("degraded");
    Node<Integer> quote =
        b.fallbackValue(
            b.node(
                "quote",
                () -> CompletableFuture.<Integer>failedFuture(new IllegalStateException("down"))),
            100);
    DagRun<Integer> run =
        b.build(b.node("total", quote, q -> CompletableFuture.completedFuture(q + 1)))
            .run(null)
            .get(10, SECONDS);
    assertTrue(run.outcome(quote).isRecovered());
    String node = line(Diagram.of(run).toDot(), "n1");
    assertTrue(node.contains("fillcolor=\"#fff59d\"") && node.contains("recovered"), node);
    assertTrue(node.contains("tooltip=\"java.lang.IllegalStateException: down\""), node);
    String mermaid = Diagram.of(run).toMermaid();
    assertTrue(mermaid.contains("classDef recovered fill:#fff59d"), mermaid);
    assertTrue(mermaid.contains("class n1 recovered"), mermaid);
  }

  @Test
  void aFailedRun_fillsEachNodeByStatus_andShowsTheErrorAsTooltip() throws Exception {
    String dot = Diagram.of(failedRun()).toDot();
    assertTrue(line(dot, "n1").contains("fillcolor=\"#c8e6c9\""), dot);
    String bad = line(dot, "n2");
    assertTrue(bad.contains("fillcolor=\"#ffcdd2\"") && bad.contains(", failed\""), bad);
    assertTrue(
        bad.contains("tooltip=\"java.lang.IllegalStateException: boom \\\"quoted\\\"\""), bad);
    String hanging = line(dot, "n3");
    assertTrue(hanging.contains("fillcolor=\"#ffe0b2\"") && hanging.contains("cancelled"), hanging);
    String after = line(dot, "n4");
    assertTrue(
        after.contains("fillcolor=\"#ffffff\"")
            && after.contains("dashed")
            && after.contains("not started"),
        after);
    assertTrue(dot.contains("makespan "), dot);
  }

  @Test
  void aCancelledRun_showsCancelledAndNotStartedNodes() throws Exception {
    JavaDagBuilder<Void> b = Dags.builder("cancelled");
    Node<String> quick = b.node("quick", () -> CompletableFuture.completedFuture("q"));
    Node<String> slow = b.node("slow", () -> new CompletableFuture<String>());
    JavaDag<Void, String> dag =
        b.build(b.node("last", quick, slow, (x, y) -> CompletableFuture.completedFuture(x + y)));
    DagRun<?> run = CancelledRuns.cancelAfter(dag.definition(), null, 50);

    Diagram diagram = Diagram.of(run);
    String dot = diagram.toDot();
    assertTrue(line(dot, "n1").contains("#c8e6c9"), dot);
    assertTrue(line(dot, "n2").contains("#ffe0b2") && line(dot, "n2").contains("cancelled"), dot);
    assertTrue(line(dot, "n3").contains("not started"), dot);
    String mermaid = diagram.toMermaid();
    assertTrue(mermaid.contains("class n1 succeeded"), mermaid);
    assertTrue(mermaid.contains("class n2 cancelled"), mermaid);
    assertTrue(mermaid.contains("class n3 not_started"), mermaid);
    Map<String, List<String>> shown = Svg.nodeTexts(diagram.render(Format.SVG));
    assertEquals("slow", shown.get("n2").get(0));
    assertTrue(shown.get("n2").get(1).endsWith("cancelled"), shown.toString());
  }

  @Test
  void inAFailedRun_theCriticalPathLeadsToTheFailure_notThroughANodeItCancelled() {
    DagRun<?> run = failedRun();
    assertEquals(NodeStatus.CANCELLED, run.status(run.getDag().node("hanging")));
    String dot = Diagram.of(run).toDot();
    assertTrue(line(dot, "n1").contains("penwidth"), dot);
    assertTrue(line(dot, "n2").contains("penwidth"), dot);
    assertFalse(line(dot, "n3").contains("penwidth"), dot);
    assertTrue(dot.contains("n1 -> n2 [penwidth=\"2.5\"];"), dot);
  }

  @Test
  void theCriticalPath_isTheLongestChainOfActualDurations_drawnBold() throws Exception {
    JavaDagBuilder<Void> b = Dags.builder("critical");
    Node<String> quick = b.node("quick", () -> CompletableFuture.completedFuture("q"));
    Node<String> slow =
        b.node(
            "slow",
            () ->
                CompletableFuture.supplyAsync(
                    () -> "s", CompletableFuture.delayedExecutor(150, MILLISECONDS)));
    JavaDag<Void, String> dag =
        b.build(b.node("join", quick, slow, (x, y) -> CompletableFuture.completedFuture(x + y)));
    DagRun<String> run = dag.run(null).get(10, SECONDS);

    String dot = Diagram.of(run).toDot();
    assertFalse(line(dot, "n1").contains("penwidth"), dot);
    assertTrue(line(dot, "n2").contains("penwidth=\"2.5\""), dot);
    assertTrue(line(dot, "n3").contains("penwidth=\"2.5\""), dot);
    assertTrue(dot.contains("n2 -> n3 [penwidth=\"2.5\"];"), dot);
    assertTrue(dot.contains("n1 -> n3;"), dot);
    String mermaid = Diagram.of(run).toMermaid();
    assertTrue(mermaid.contains("linkStyle 1 stroke-width:4px"), mermaid);
    assertTrue(mermaid.contains("class n2,n3 critical"), mermaid);
  }

  @Test
  void labelsShowDurationsAndTheRealDotRendersTheRun() throws Exception {
    DagRun<Integer> run = Graphs.s2().run(0).get(10, SECONDS);
    Diagram diagram = Diagram.of(run);
    Map<String, List<String>> shown = Svg.nodeTexts(diagram.render(Format.SVG));
    assertEquals("End", shown.get("n6").get(0));
    assertTrue(shown.get("n6").get(1).endsWith(" ms"), shown.toString());
    assertTrue(diagram.toMermaid().contains("class n0,n1,n2,n3,n4,n5,n6 succeeded"));
  }

  @Test
  void durationsAreFormattedForPeople() {
    assertEquals("0.25 ms", RunView.duration(250_000));
    assertEquals("120 ms", RunView.duration(120_000_000));
    assertEquals("9999 ms", RunView.duration(9_999_000_000L));
    assertEquals("12.5 s", RunView.duration(12_500_000_000L));
  }
}
