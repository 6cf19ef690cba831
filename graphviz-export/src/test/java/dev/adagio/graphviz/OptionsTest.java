package dev.adagio.graphviz;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.Dag;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDagBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
  private final Dag<?, ?> s1 = Graphs.s1().definition();

  @Test
  void rankDirectionAndGraphLabel() {
    String dot =
        Diagram.of(s1)
            .with(
                DiagramOptions.defaults()
                    .withRankDirection(RankDirection.LR)
                    .withGraphLabel("The \"diamond\""))
            .toDot();
    assertTrue(dot.contains("graph [rankdir=\"LR\", label=\"The \\\"diamond\\\"\""), dot);
    assertTrue(
        Diagram.of(s1)
            .with(DiagramOptions.defaults().withRankDirection(RankDirection.LR))
            .toMermaid()
            .contains("flowchart LR"));
  }

  @Test
  void clustersGroupNodesInLabelledSubgraphs() throws Exception {
    DiagramOptions options =
        DiagramOptions.defaults()
            .withClusters(
                node -> List.of("A", "B").contains(node.getName()) ? "first \"pair\"" : null);
    Diagram diagram = Diagram.of(s1).with(options);
    String dot = diagram.toDot();
    assertTrue(
        dot.contains(
            "  subgraph cluster_0 {\n    graph [label=\"first \\\"pair\\\"\", style=\"rounded\"];\n"
                + "    n1 [label=\"A\", shape=\"box\", style=\"rounded\"];\n"
                + "    n2 [label=\"B\", shape=\"box\", style=\"rounded\"];\n  }\n"),
        dot);
    assertTrue(
        diagram
            .toMermaid()
            .contains(
                "  subgraph c0[\"first #quot;pair#quot;\"]\n    n1(\"A\")\n    n2(\"B\")\n  end\n"));
    assertTrue(new String(diagram.render(Format.SVG)).contains("class=\"cluster\""));
  }

  @Test
  void nodeAttributesAreAddedLastAndEscaped() {
    String dot =
        Diagram.of(s1)
            .with(
                DiagramOptions.defaults()
                    .withNodeAttributes(
                        node -> node.getName().equals("C") ? Map.of("color", "red\"") : Map.of()))
            .toDot();
    assertTrue(
        dot.contains("n3 [label=\"C\", shape=\"box\", style=\"rounded\", color=\"red\\\"\"];"),
        dot);
  }

  @Test
  void anAttributeNameThatIsNotAnIdentifier_isRefused() {
    DiagramOptions options =
        DiagramOptions.defaults().withNodeAttributes(node -> Map.of("bad name", "x"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Diagram.of(s1).with(options).toDot());
    assertTrue(
        e.getMessage()
            .contains("Node attribute name 'bad name' for node 'A' is not a DOT identifier"));
  }

  @Test
  void anUnusedInputIsLeftOutUnlessAsked() {
    assertFalse(Diagram.of(s1).toDot().contains("n0 ["));
    assertTrue(
        Diagram.of(s1)
            .with(DiagramOptions.defaults().withUnusedInputShown(true))
            .toDot()
            .contains("n0 [label=\"input\", shape=\"ellipse\"];"));
  }

  @Test
  void blockingAndInputNodesAreShapedApart() {
    JavaDagBuilder<Integer> b = Dags.builder("shapes", Integer.class);
    var io = b.blocking("io", b.input(), x -> x);
    String dot =
        Diagram.of(b.build(b.node("async", io, x -> completedFuture(x))).definition()).toDot();
    assertTrue(dot.contains("n0 [label=\"input\", shape=\"ellipse\"];"), dot);
    assertTrue(dot.contains("n1 [label=\"io\", shape=\"component\"];"), dot);
    assertTrue(dot.contains("n2 [label=\"async\", shape=\"box\", style=\"rounded\"];"), dot);
  }

  @Test
  void aNonPositiveRenderTimeout_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DiagramOptions.defaults().withRenderTimeout(Duration.ZERO));
    assertEquals(
        "The render timeout must be positive, but was PT0S; pass a positive Duration.",
        e.getMessage());
  }
}
