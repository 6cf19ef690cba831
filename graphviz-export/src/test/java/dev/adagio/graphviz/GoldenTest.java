package dev.adagio.graphviz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adagio.Dag;
import dev.adagio.Node;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Definitions drawn as DOT and Mermaid match the golden files, and the real dot parses every golden
 * DOT file and shows each name verbatim. Rewrite the files with {@code -Dadagio.golden.update=true}
 * after a deliberate change, and review the diff.
 */
class GoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  private static Dag<?, ?> graph(String name) {
    return switch (name) {
      case "s1" -> Graphs.s1().definition();
      case "s2" -> Graphs.s2().definition();
      case "hostile" -> Graphs.hostile(Graphs.HOSTILE).definition();
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static void assertGolden(String file, String actual) throws Exception {
    Path path = GOLDEN.resolve(file);
    if (Boolean.getBoolean("adagio.golden.update")) {
      Files.writeString(path, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(path, StandardCharsets.UTF_8), actual, "golden file " + file);
  }

  @ParameterizedTest
  @ValueSource(strings = {"s1", "s2", "hostile"})
  void dotMatchesTheGoldenFile(String name) throws Exception {
    assertGolden(name + ".dot", Diagram.of(graph(name)).toDot());
  }

  @ParameterizedTest
  @ValueSource(strings = {"s1", "s2", "hostile"})
  void mermaidMatchesTheGoldenFile(String name) throws Exception {
    assertGolden(name + ".mmd", Diagram.of(graph(name)).toMermaid());
  }

  @ParameterizedTest
  @ValueSource(strings = {"s1", "s2", "hostile"})
  void everyEngineParsesTheGoldenFile_andShowsEveryNameVerbatim_theSameWay(String name)
      throws Exception {
    Dag<?, ?> dag = graph(name);
    String dot = Files.readString(GOLDEN.resolve(name + ".dot"), StandardCharsets.UTF_8);
    Map<String, List<String>> first = null;
    for (Engine engine : Engines.available()) {
      byte[] svg = Graphviz.render(dot, Format.SVG, Engines.options(engine));
      Map<String, List<String>> shown = Svg.nodeTexts(svg);
      for (Node<?> node : dag.getNodes()) {
        if (node == dag.getInput() && dag.dependents(node).isEmpty()) {
          continue;
        }
        assertEquals(
            Svg.expectedDotLines(node.getName()),
            shown.get("n" + node.getIndex()),
            engine + ", node " + node.getIndex());
      }
      if (first == null) {
        first = shown;
      } else {
        assertEquals(first, shown, "both engines show the same text");
      }
    }
  }
}
