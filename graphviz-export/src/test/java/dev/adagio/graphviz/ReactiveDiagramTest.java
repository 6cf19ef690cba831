package dev.adagio.graphviz;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaReactiveDag;
import dev.adagio.reactive.Recomputation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.Test;

/** A reactive recomputation's diagram marks recomputed against reused nodes. */
class ReactiveDiagramTest {
  private static String line(String text, String id) {
    return text.lines().filter(l -> l.trim().startsWith(id + " [")).findFirst().orElseThrow();
  }

  private static void awaitSubscriber(SubmissionPublisher<?> source) throws InterruptedException {
    for (int i = 0; i < 10_000 && source.getNumberOfSubscribers() == 0; i++) {
      Thread.sleep(1);
    }
  }

  /** The second recomputation of a spreadsheet in which only source a changed. */
  private static DagRun<?> secondRecomputation() throws Exception {
    try (SubmissionPublisher<Integer> a = new SubmissionPublisher<>();
        SubmissionPublisher<Integer> b = new SubmissionPublisher<>()) {
      JavaReactiveDag<Integer> sheet =
          Dags.reactive(
              "sheet",
              r -> {
                Node<Integer> x = r.source("a", a);
                Node<Integer> y = r.source("b", b);
                Node<Integer> twice = r.node("a*2", x, v -> completedFuture(v * 2));
                Node<Integer> thrice = r.node("b*3", y, v -> completedFuture(v * 3));
                return r.node("sum", twice, thrice, (p, q) -> completedFuture(p + q));
              });
      BlockingQueue<Recomputation<Integer>> results = new LinkedBlockingQueue<>();
      CompletableFuture<Void> done = sheet.forEach(results::add);
      awaitSubscriber(a);
      awaitSubscriber(b);
      a.submit(1);
      b.submit(10);
      results.poll(10, SECONDS);
      a.submit(2);
      Recomputation<Integer> second = results.poll(10, SECONDS);
      done.cancel(true);
      assertEquals(34, second.getOutput());
      return second.getRun();
    }
  }

  @Test
  void reusedNodesAreFilledApartAndLabelledReused_sourcesAreShapedApart() throws Exception {
    Diagram diagram = Diagram.of(secondRecomputation());
    String dot = diagram.toDot();
    // n1 a, n2 b, n3 a*2, n4 b*3, n5 sum
    assertTrue(line(dot, "n1").contains("shape=\"invhouse\""), dot);
    assertTrue(line(dot, "n1").contains("fillcolor=\"#c8e6c9\""), dot);
    for (String reused : List.of("n2", "n4")) {
      assertTrue(line(dot, reused).contains("fillcolor=\"#e3f2fd\""), dot);
      assertTrue(line(dot, reused).contains("\\nreused\""), dot);
    }
    assertTrue(line(dot, "n3").contains("fillcolor=\"#c8e6c9\""), dot);
    assertFalse(line(dot, "n5").contains("reused"), dot);
    assertFalse(dot.contains("n0 ["), "an unused input is left out: " + dot);

    String mermaid = diagram.toMermaid();
    assertTrue(mermaid.contains("n1>\"a"), mermaid);
    assertTrue(mermaid.contains("class n2,n4 reused"), mermaid);
    assertTrue(mermaid.contains("class n1,n3,n5 succeeded"), mermaid);

    Map<String, List<String>> shown = Svg.nodeTexts(diagram.render(Format.SVG));
    assertEquals(List.of("b*3", "reused"), shown.get("n4"));
    assertEquals("sum", shown.get("n5").get(0));
  }
}
