package dev.adagio.graphviz;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.Dag;
import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.NodeFailedException;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that broke the exporter: very long names, lone surrogates, folders that do not exist yet.
 */
class HostileTextTest {
  @Test
  void aNameOfSixteenThousandCharactersOrMore_rendersVerbatim_onEveryEngine() throws Exception {
    String longName = "n".repeat(16_382) + "\"\\&" + "m".repeat(20_000);
    Dag<?, ?> dag = Graphs.hostile(List.of(longName, "short")).definition();
    String dot = Diagram.of(dag).toDot();
    assertTrue(dot.contains("\" + \""), "a long string is split into DOT's concatenated parts");
    Svg.assertNamesShown(dag);
  }

  @Test
  void aLoneSurrogate_isShownAsItsCode_andRendersAndWrites(@TempDir Path dir) throws Exception {
    String lone = "half \ud800 of a pair, and a whole one \ud83d\ude00";
    Dag<?, ?> dag = Graphs.hostile(List.of(lone)).definition();
    Diagram diagram = Diagram.of(dag).with(Engines.options(Engine.EMBEDDED));
    diagram.writeDot(dir.resolve("lone.dot"));
    diagram.writeMermaid(dir.resolve("lone.mmd"));
    diagram.render(Format.SVG, dir.resolve("lone.svg"));
    Map<String, List<String>> shown = Svg.nodeTexts(Files.readAllBytes(dir.resolve("lone.svg")));
    Node<?> node = dag.getNodes().get(dag.getNodes().size() - 1);
    assertEquals(
        List.of("half \\ud800 of a pair, and a whole one \ud83d\ude00"),
        shown.get("n" + node.getIndex()));
    assertTrue(
        Files.readString(dir.resolve("lone.mmd"), StandardCharsets.UTF_8).contains("\\ud800"));
  }

  @Test
  void writingIntoAFolderThatDoesNotExist_createsIt(@TempDir Path dir) throws Exception {
    Diagram diagram = Diagram.of(Graphs.s1().definition()).with(Engines.options(Engine.EMBEDDED));
    Path deep = dir.resolve("docs/diagrams/new");
    diagram.writeDot(deep.resolve("s1.dot"));
    diagram.writeMermaid(deep.resolve("s1.mmd"));
    diagram.render(Format.SVG, deep.resolve("s1.svg"));
    assertTrue(Files.size(deep.resolve("s1.dot")) > 0);
    assertTrue(Files.size(deep.resolve("s1.mmd")) > 0);
    assertTrue(Files.readString(deep.resolve("s1.svg")).contains("<svg"));
  }

  @Test
  void aTooltipShowsItsBackslashesVerbatim_noneExpandedByDot_onEveryEngine() throws Exception {
    String message = "x \\N \\G \\L \\\\ \\n y";
    JavaDagBuilder<Void> b = Dags.builder("tooltips");
    Node<String> bad =
        b.node(
            "bad",
            () -> CompletableFuture.<String>failedFuture(new IllegalStateException(message)));
    JavaDag<Void, String> dag = b.build(bad);
    DagRun<?> run =
        assertInstanceOf(
                NodeFailedException.class,
                assertThrows(ExecutionException.class, () -> dag.apply(null).get(10, SECONDS))
                    .getCause())
            .getRun();
    for (Engine engine : Engines.available()) {
      String svg =
          new String(
              Diagram.of(run).with(Engines.options(engine)).render(Format.SVG),
              StandardCharsets.UTF_8);
      Matcher title = Pattern.compile("<a xlink:title=\"([^\"]*)\"").matcher(svg);
      assertTrue(title.find(), svg);
      assertEquals(
          "java.lang.IllegalStateException: " + message,
          title.group(1).replace("&amp;", "&"),
          engine.toString());
    }
  }

  /**
   * Issue #32: a name or label holding a directive switched Mermaid's theme from the comment line.
   */
  @Test
  void noNameOrLabelReachesAMermaidCommentOrDirective() {
    JavaDagBuilder<Void> b = Dags.builder("%%{init: {'theme': 'forest'}}%%");
    Node<Integer> only =
        b.node("x %%{init: {'theme': 'base'}}%% y", () -> CompletableFuture.completedFuture(1));
    Dag<?, ?> dag = b.build(only).definition();
    for (String mermaid :
        List.of(
            Diagram.of(dag).toMermaid(),
            Diagram.of(dag)
                .with(DiagramOptions.defaults().withGraphLabel("%%{init: {'theme': 'dark'}}%%"))
                .toMermaid())) {
      for (String line : mermaid.split("\n")) {
        if (line.strip().startsWith("%%")) {
          assertTrue(!line.contains("init") && !line.contains("theme"), line);
        }
      }
      assertTrue(!mermaid.contains("%%{"), mermaid);
    }
  }

  /**
   * Issue #32: native dot refused a diagram holding a 100,000-character name ("Edge length 412572
   * larger than maximum 65535"): a long line is wrapped in the drawing, and whole in the tooltip.
   */
  @Test
  void aNameOfAHundredThousandCharacters_rendersWrapped_onEveryEngine_andWholeInItsTooltip()
      throws Exception {
    String longName = "abcdefghij".repeat(10_000);
    Dag<?, ?> dag = Graphs.hostile(List.of(longName, "short")).definition();
    assertTrue(Diagram.of(dag).toDot().contains("tooltip=\"" + "abcdefghij".repeat(100)));
    // Drawn in lines of at most Escaping.WRAP characters that, joined, are the name.
    assertEquals(longName, String.join("", Svg.expectedDotLines(longName)));
    assertTrue(Svg.expectedDotLines(longName).stream().allMatch(l -> l.length() <= Escaping.WRAP));
    Svg.assertNamesShown(dag);
  }

  /**
   * Issue #32: a tooltip of " pad " showed no-break spaces (Graphviz writes a doubled space so).
   */
  @Test
  void aTooltipShowsItsSpacesAsSpaces_onEveryEngine() throws Exception {
    String name = "  pad  " + "x".repeat(Escaping.WRAP + 10) + " \u00a0 kept";
    Dag<?, ?> dag = Graphs.hostile(List.of(name)).definition();
    for (Engine engine : Engines.available()) {
      String svg =
          new String(
              Diagram.of(dag).with(Engines.options(engine)).render(Format.SVG),
              StandardCharsets.UTF_8);
      Matcher title = Pattern.compile("xlink:title=\"([^\"]*)\"").matcher(svg);
      assertTrue(title.find(), engine + ": no tooltip");
      assertEquals(name, title.group(1), engine + "");
    }
  }
}
