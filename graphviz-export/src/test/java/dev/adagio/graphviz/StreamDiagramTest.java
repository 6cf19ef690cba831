package dev.adagio.graphviz;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.java.Dags;
import dev.adagio.java.StreamOptions;
import dev.adagio.stream.StreamGraph;
import dev.adagio.stream.StreamNode;
import dev.adagio.stream.StreamRun;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StreamDiagramTest {
  private static StreamGraph s4() {
    return Dags.stream(
            "s4 \"stream\"",
            b -> {
              StreamNode<String> extract =
                  b.source("extract", e -> e.emit("hello").thenCompose(x -> e.emit("world")));
              StreamNode<String> transform =
                  b.stage(
                      "transform",
                      extract,
                      (String w, dev.adagio.stream.JavaEmitter<String> e) ->
                          e.emit(w.toUpperCase()));
              b.sink("load", transform, w -> completedFuture(null), StreamOptions.defaults());
            })
        .definition();
  }

  @Test
  void aStreamGraphIsDrawnWithItsRolesShapedApart() throws Exception {
    Diagram diagram = Diagram.of(s4());
    String dot = diagram.toDot();
    assertTrue(dot.contains("n0 [label=\"extract\", shape=\"invhouse\"];"), dot);
    assertTrue(dot.contains("n1 [label=\"transform\", shape=\"box\"];"), dot);
    assertTrue(dot.contains("n2 [label=\"load\", shape=\"house\"];"), dot);
    assertTrue(dot.contains("n0 -> n1;"), dot);
    assertTrue(
        diagram.toMermaid().contains("  n0>\"extract\"]\n  n1[\"transform\"]\n  n2[(\"load\")]\n"));
    Map<String, List<String>> shown = Svg.nodeTexts(diagram.render(Format.SVG));
    assertEquals(List.of("load"), shown.get("n2"));
  }

  @Test
  void filteredAndRoutedEdgesSaySo_andARunShowsWhatTheyRefused() throws Exception {
    StreamGraph graph =
        Dags.stream(
                "routed",
                b -> {
                  StreamNode<Integer> numbers =
                      b.source(
                          "numbers",
                          e -> e.emit(1).thenCompose(x -> e.emit(2)).thenCompose(x -> e.emit(3)));
                  StreamNode<Void> odd =
                      b.sink(
                          "odd",
                          b.where(numbers, n -> n % 2 == 1),
                          n -> completedFuture(null),
                          StreamOptions.defaults());
                  StreamNode<Integer> copy =
                      b.stage(
                          "copy",
                          numbers,
                          (Integer n, dev.adagio.stream.JavaEmitter<Integer> e) -> e.emit(n));
                  StreamNode<Void> all =
                      b.sink("all", copy, n -> completedFuture(null), StreamOptions.defaults());
                  b.route(copy, n -> n == 2 ? null : all);
                })
            .definition();
    String dot = Diagram.of(graph).toDot();
    assertTrue(dot.contains("n0 -> n1 [label=\"filtered\"];"), dot);
    assertTrue(dot.contains("n2 -> n3 [label=\"routed\"];"), dot);
    assertTrue(dot.contains("n0 -> n2;"), dot);
    StreamRun run = graph.runAsync().get(10, SECONDS);
    String ran = Diagram.of(run).toDot();
    assertTrue(ran.contains("n0 -> n1 [label=\"2 items (filtered, 1 refused)\"];"), ran);
    assertTrue(ran.contains("n2 -> n3 [label=\"2 items (routed, 1 refused)\"];"), ran);
  }

  @Test
  void aStreamRunShowsItemCountsOnEdgesAndStatisticsInLabels() throws Exception {
    StreamGraph graph = s4();
    StreamRun run = graph.runAsync().get(10, SECONDS);
    Diagram diagram = Diagram.of(run);
    String dot = diagram.toDot();
    assertTrue(dot.contains("n0 -> n1 [label=\"2 items\"];"), dot);
    assertTrue(dot.contains("label=\"transform\\nin 2, out 2, errors 0\""), dot);
    assertTrue(diagram.toMermaid().contains("n1 -->|\"2 items\"| n2"), diagram.toMermaid());
    Map<String, List<String>> shown = Svg.nodeTexts(diagram.render(Format.SVG));
    assertEquals(List.of("load", "in 2, out 2, errors 0"), shown.get("n2"));
  }

  @Test
  void aNodeThatHadErrors_isFilledRed_inMermaidAsInDot() throws Exception {
    StreamGraph graph =
        Dags.stream(
                "errors",
                b -> {
                  StreamNode<String> words =
                      b.source("words", e -> e.emit("ok").thenCompose(x -> e.emit("bad")));
                  b.sink(
                      "picky",
                      words,
                      w ->
                          w.equals("bad")
                              ? CompletableFuture.failedFuture(new IllegalStateException("bad"))
                              : completedFuture(null),
                      StreamOptions.defaults().withErrorPolicy(dev.adagio.FailurePolicy.CONTINUE));
                })
            .definition();
    StreamRun run = graph.runAsync().get(10, SECONDS);
    Diagram diagram = Diagram.of(run);
    assertTrue(diagram.toDot().contains("fillcolor=\"#ffcdd2\""), diagram.toDot());
    String mermaid = diagram.toMermaid();
    assertTrue(mermaid.contains("classDef failed fill:#ffcdd2\n  class n1 failed\n"), mermaid);
  }

  @Test
  void clustersAndNodeAttributes_applyToStreamGraphsToo() throws Exception {
    DiagramOptions options =
        DiagramOptions.defaults()
            .withClusters(node -> node.getRole() == DiagramRole.STAGE ? "middle" : null)
            .withNodeAttributes(
                node -> node.getName().equals("load") ? Map.of("color", "blue") : Map.of());
    Diagram diagram = Diagram.of(s4()).with(options);
    String dot = diagram.toDot();
    assertTrue(
        dot.contains(
            "  subgraph cluster_0 {\n    graph [label=\"middle\", style=\"rounded\"];\n"
                + "    n1 [label=\"transform\", shape=\"box\"];\n  }\n"),
        dot);
    assertTrue(dot.contains("n2 [label=\"load\", shape=\"house\", color=\"blue\"];"), dot);
    assertTrue(
        diagram.toMermaid().contains("  subgraph c0[\"middle\"]\n    n1[\"transform\"]\n  end\n"),
        diagram.toMermaid());
    assertTrue(new String(diagram.render(Format.SVG)).contains("class=\"cluster\""));
  }
}
