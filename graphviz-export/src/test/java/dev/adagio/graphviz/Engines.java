package dev.adagio.graphviz;

import java.util.ArrayList;
import java.util.List;

/**
 * The engines a test renders with: the embedded one always, the native {@code dot} too when it is
 * on the {@code PATH} (CI runs the tests once with it installed and once with it hidden).
 */
final class Engines {
  private Engines() {}

  static List<Engine> available() {
    List<Engine> engines = new ArrayList<>(List.of(Engine.EMBEDDED));
    if (Graphviz.onPath("dot")) {
      engines.add(Engine.NATIVE);
    }
    return engines;
  }

  static DiagramOptions options(Engine engine) {
    return DiagramOptions.defaults().withEngine(engine);
  }
}
