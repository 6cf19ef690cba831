package dev.adagio.graphviz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagRun;
import org.junit.jupiter.api.Test;

/** Runs that grew: a map drawn as one stacked node with its counts, an include as a cluster. */
class GrownDiagramTest {
  @Test
  void aMapIsOneStackedNodeCountingItsElementsByStatus() throws Exception {
    DagRun<?> run = GrownRuns.mapRun();
    String dot = Diagram.of(run).toDot();
    String map = Drawing.id(run.getDag().node("fetched"));
    assertTrue(dot.contains("  " + map + " [label=\"fetched\\n"), dot);
    assertTrue(dot.contains("5 elements: 4 succeeded, 1 failed"), dot);
    assertTrue(dot.contains("shape=\"box3d\""), dot);
    assertFalse(dot.contains("fetched[3]"), dot);
    String mermaid = Diagram.of(run).toMermaid();
    assertTrue(mermaid.contains(map + "[/\"fetched"), mermaid);
    assertFalse(mermaid.contains("fetched[3]"), mermaid);
    // The embedded Graphviz lays it out.
    String svg =
        new String(Diagram.of(run).render(Format.SVG), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(svg.contains("5 elements: 4 succeeded, 1 failed"), svg);
    String report = RunReport.html(run);
    assertTrue(report.contains("<th>part of</th>"), report);
    assertTrue(report.contains("<td>fetched[3]</td><td>fetched</td>"), report);
    // The declared graph draws the map alone, without counts.
    String declared = Diagram.of(GrownRuns.mapGraph()).toDot();
    assertTrue(declared.contains("[label=\"fetched\", shape=\"box3d\"]"), declared);
  }

  @Test
  void anIncludedGraphIsACluster() throws Exception {
    DagRun<?> run = GrownRuns.includeRun();
    String dot = Diagram.of(run).toDot();
    assertTrue(dot.contains("subgraph cluster_"), dot);
    assertTrue(dot.contains("checkout/payment"), dot);
    assertFalse(dot.contains("checkout/input"), dot);
    String include = Drawing.id(run.getDag().node("checkout"));
    String order = Drawing.id(run.getDag().node("checkout/order"));
    assertTrue(dot.contains("  " + include + " -> " + order), dot);
    String mermaid = Diagram.of(run).toMermaid();
    assertTrue(mermaid.contains("subgraph c0[\"checkout\"]"), mermaid);
    assertTrue(mermaid.contains(include + "{{\"checkout"), mermaid);
    assertEquals(
        "checkout", run.getDag().parentOf(run.getDag().node("checkout/payment")).getName());
  }
}
