package dev.adagio.graphviz;

import dev.adagio.Dag;
import dev.adagio.Edge;
import dev.adagio.EdgeKind;
import dev.adagio.Node;
import dev.adagio.NodeKind;
import dev.adagio.NodeStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Graphviz DOT. Ids are synthetic ({@code n0}, {@code n1}, …, {@code cluster_0}); every
 * other string is a quoted, escaped value. Output is deterministic: the same graph, run and options
 * give the same text.
 */
final class DotWriter {
  private final Dag<?, ?> dag;
  private final RunView run;
  private final DiagramOptions options;
  private final Appendable out;

  DotWriter(Dag<?, ?> dag, RunView run, DiagramOptions options, Appendable out) {
    this.dag = dag;
    this.run = run;
    this.options = options;
    this.out = out;
  }

  void write() throws IOException {
    out.append("digraph ").append(Escaping.dot(dag.getName())).append(" {\n");
    Map<String, String> graph = new LinkedHashMap<>();
    graph.put("rankdir", options.rankDirection().name());
    graph.put("label", graphLabel());
    graph.put("labelloc", "t");
    graph.put("fontname", "Helvetica");
    statement("  graph", graph);
    statement("  node", Map.of("fontname", "Helvetica"));
    statement("  edge", Map.of("fontname", "Helvetica"));
    Layout layout = new Layout(dag, options);
    for (Node<?> node : layout.loose) {
      node("  ", node);
    }
    int cluster = 0;
    for (Map.Entry<String, List<Node<?>>> group : layout.clusters.entrySet()) {
      out.append("  subgraph cluster_").append(Integer.toString(cluster++)).append(" {\n");
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("label", group.getKey());
      attributes.put("style", "rounded");
      statement("    graph", attributes);
      for (Node<?> node : group.getValue()) {
        node("    ", node);
      }
      out.append("  }\n");
    }
    for (Edge edge : dag.getEdges()) {
      edge(edge);
    }
    out.append("}\n");
  }

  private String graphLabel() {
    String label = options.graphLabel().orElse(dag.getName());
    return run == null
        ? label
        : label + "\nmakespan " + RunView.duration(run.run().getMakespanNanos());
  }

  private void node(String indent, Node<?> node) throws IOException {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(
        "label",
        run == null || run.summary(node).isEmpty()
            ? node.getName()
            : node.getName() + "\n" + run.summary(node));
    String style = node.getKind() == NodeKind.SUSPEND ? "rounded" : "";
    attributes.put(
        "shape",
        switch (node.getKind()) {
          case INPUT -> "ellipse";
          case BLOCKING -> "component";
          case SOURCE -> "invhouse";
          default -> "box";
        });
    if (run != null) {
      NodeStatus status = run.outcome(node).getStatus();
      style =
          style
              + (style.isEmpty() ? "" : ",")
              + (status == NodeStatus.NOT_STARTED ? "dashed,filled" : "filled");
      attributes.put("fillcolor", RunView.fill(run.look(node)));
      if (run.critical(node)) {
        attributes.put("penwidth", "2.5");
      }
      String error = run.errorSummary(node);
      if (error != null) {
        attributes.put("tooltip", error);
      }
    }
    if (!style.isEmpty()) {
      attributes.put("style", style);
    }
    attributes.putAll(options.attributesOf(node));
    statement(indent + Layout.id(node), attributes);
  }

  private void edge(Edge edge) throws IOException {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (edge.getKind() == EdgeKind.ORDER) {
      attributes.put("style", "dashed");
    }
    if (run != null && run.critical(edge.getFrom(), edge.getTo())) {
      attributes.put("penwidth", "2.5");
    }
    statement("  " + Layout.id(edge.getFrom()) + " -> " + Layout.id(edge.getTo()), attributes);
  }

  private void statement(String head, Map<String, String> attributes) throws IOException {
    out.append(head);
    if (!attributes.isEmpty()) {
      out.append(" [");
      boolean first = true;
      for (Map.Entry<String, String> attribute : attributes.entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        String value = attribute.getValue();
        out.append(attribute.getKey())
            .append('=')
            .append(
                attribute.getKey().equals("tooltip")
                    ? Escaping.dotTooltip(value)
                    : Escaping.dot(value));
      }
      out.append(']');
    }
    out.append(";\n");
  }
}
