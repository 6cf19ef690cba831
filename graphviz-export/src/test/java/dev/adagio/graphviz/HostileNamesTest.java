package dev.adagio.graphviz;

import dev.adagio.Dag;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property-style: graphs of random names made of the characters that break DOT and labels, drawn
 * and rendered by the real dot; every name must come back verbatim. Seeded, so a failure repeats.
 */
class HostileNamesTest {
  private static final String[] PIECES = {
    "\"", "\\", "\\N", "\\G", "\\l", "\\n", "\n", "\r\n", "\r", "\t", "<", ">", "{", "}", "|", "&",
    "&amp;", "&#38;", ";", "#", "`", "[", "]", "=", ",", "'", " ", "  ", "é", "漢", "😀", "\u0001",
    "node", "edge", "graph", "digraph", "subgraph", "strict", "end", "-->", "->", "--", "%%", "a",
        "Z", "9"
  };

  /**
   * Whether a graph takes {@code name}: it shows something. Names of only spaces, control or format
   * characters (zero-width space, byte order mark) are refused when declared (issue #32).
   */
  static boolean visible(String name) {
    return name.codePoints()
        .anyMatch(
            c ->
                !Character.isWhitespace(c)
                    && !Character.isSpaceChar(c)
                    && Character.getType(c) != Character.CONTROL
                    && Character.getType(c) != Character.FORMAT
                    && Character.getType(c) != Character.LINE_SEPARATOR
                    && Character.getType(c) != Character.PARAGRAPH_SEPARATOR);
  }

  static String randomName(Random random) {
    StringBuilder name = new StringBuilder();
    int pieces = 1 + random.nextInt(8);
    for (int i = 0; i < pieces; i++) {
      name.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return name.toString();
  }

  @Test
  void threeHundredRandomHostileNames_renderVerbatim() throws Exception {
    Random random = new Random(20261121);
    int cases = 300 * Integer.getInteger("adagio.stress", 1);
    int checked = 0;
    while (checked < cases) {
      Set<String> names = new LinkedHashSet<>();
      while (names.size() < 25) {
        String name = randomName(random);
        if (visible(name)) {
          names.add(name);
        }
      }
      Dag<?, ?> dag = Graphs.hostile(new ArrayList<>(names)).definition();
      Svg.assertNamesShown(dag);
      checked += dag.getNodes().size() - 1;
    }
  }
}
