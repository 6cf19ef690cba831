package dev.adagio.graphviz;

import dev.adagio.Dag;
import dev.adagio.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes a diagram draws, grouped by cluster in first-appearance order; shared by both writers.
 */
final class Layout {
  final List<Node<?>> loose = new ArrayList<>();
  final Map<String, List<Node<?>>> clusters = new LinkedHashMap<>();

  Layout(Dag<?, ?> dag, DiagramOptions options) {
    for (Node<?> node : dag.getNodes()) {
      if (node == dag.getInput() && dag.dependents(node).isEmpty() && !options.unusedInputShown()) {
        continue;
      }
      String cluster = options.clusterOf(node);
      if (cluster == null) {
        loose.add(node);
      } else {
        clusters.computeIfAbsent(cluster, c -> new ArrayList<>()).add(node);
      }
    }
  }

  static String id(Node<?> node) {
    return "n" + node.getIndex();
  }
}
