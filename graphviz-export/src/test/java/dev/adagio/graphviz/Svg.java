package dev.adagio.graphviz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adagio.Dag;
import dev.adagio.Node;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads what an SVG rendered by dot shows: the text lines of each node, by node id. */
final class Svg {
  private Svg() {}

  /**
   * Asserts that every engine available draws each node of {@code dag} (but an unused input) with
   * its name, as a DOT label shows it ({@link #expectedDotLines}).
   */
  static void assertNamesShown(Dag<?, ?> dag) throws Exception {
    for (Engine engine : Engines.available()) {
      Map<String, List<String>> shown =
          nodeTexts(Diagram.of(dag).with(Engines.options(engine)).render(Format.SVG));
      for (Node<?> node : dag.getNodes()) {
        if (node != dag.getInput()) {
          assertEquals(
              expectedDotLines(node.getName()),
              shown.get("n" + node.getIndex()),
              engine + ", name: " + node.getName());
        }
      }
    }
  }

  static Map<String, List<String>> nodeTexts(byte[] svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    Map<String, List<String>> texts = new LinkedHashMap<>();
    NodeList groups = document.getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element group = (Element) groups.item(i);
      if (!"node".equals(group.getAttribute("class"))) {
        continue;
      }
      String id = group.getElementsByTagName("title").item(0).getTextContent();
      List<String> lines = new ArrayList<>();
      NodeList textElements = group.getElementsByTagName("text");
      for (int t = 0; t < textElements.getLength(); t++) {
        // dot draws runs of spaces as a space and no-break spaces
        lines.add(textElements.item(t).getTextContent().replace('\u00a0', ' '));
      }
      texts.put(id, lines);
    }
    return texts;
  }

  /** The lines dot shows for a label: split at line breaks, empty lines dropped. */
  /**
   * The lines a DOT engine shows for {@code label}: {@link #expectedLines}, each line longer than
   * {@link Escaping#WRAP} characters wrapped at that width.
   */
  static List<String> expectedDotLines(String label) {
    List<String> lines = new ArrayList<>();
    for (String line : expectedLines(label)) {
      int at = 0;
      while (line.length() - at > Escaping.WRAP) {
        int end = at + Escaping.WRAP;
        if (Character.isLowSurrogate(line.charAt(end))) {
          end--;
        }
        lines.add(line.substring(at, end));
        at = end;
      }
      lines.add(line.substring(at));
    }
    return lines;
  }

  static List<String> expectedLines(String label) {
    List<String> lines = new ArrayList<>();
    for (String line : label.split("\r\n|\r|\n", -1)) {
      StringBuilder shown = new StringBuilder();
      for (char c : line.toCharArray()) {
        shown.append(
            c < 0x20 && c != '\t' || c == 0x7f
                ? String.format("\\u%04x", (int) c)
                : String.valueOf(c));
      }
      if (!shown.isEmpty()) {
        lines.add(shown.toString());
      }
    }
    return lines;
  }
}
