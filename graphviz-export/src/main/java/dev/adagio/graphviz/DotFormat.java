package dev.adagio.graphviz;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Drawing} as Graphviz DOT. Ids are synthetic ({@code n0}, {@code n1}, …, {@code
 * cluster_0}); every other string is a quoted, escaped value. Output is deterministic: the same
 * graph, run and options give the same text.
 */
final class DotFormat {
  private final Drawing drawing;
  private final DiagramOptions options;
  private final Appendable out;

  DotFormat(Drawing drawing, DiagramOptions options, Appendable out) {
    this.drawing = drawing;
    this.options = options;
    this.out = out;
  }

  void write() throws IOException {
    out.append("digraph ").append(Escaping.dot(drawing.name)).append(" {\n");
    Map<String, String> graph = new LinkedHashMap<>();
    graph.put("rankdir", options.rankDirection().name());
    graph.put(
        "label",
        drawing.makespan == null
            ? drawing.label
            : drawing.label + "\nmakespan " + drawing.makespan);
    graph.put("labelloc", "t");
    graph.put("fontname", "Helvetica");
    statement("  graph", graph);
    statement("  node", Map.of("fontname", "Helvetica"));
    statement("  edge", Map.of("fontname", "Helvetica"));
    for (Drawing.Item item : drawing.loose()) {
      node("  ", item);
    }
    int cluster = 0;
    for (Map.Entry<String, List<Drawing.Item>> group : drawing.clusters().entrySet()) {
      out.append("  subgraph cluster_").append(Integer.toString(cluster++)).append(" {\n");
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("label", group.getKey());
      attributes.put("style", "rounded");
      statement("    graph", attributes);
      for (Drawing.Item item : group.getValue()) {
        node("    ", item);
      }
      out.append("  }\n");
    }
    for (Drawing.Link link : drawing.links) {
      Map<String, String> attributes = new LinkedHashMap<>();
      if (link.order()) {
        attributes.put("style", "dashed");
      }
      if (link.critical()) {
        attributes.put("penwidth", "2.5");
      }
      if (link.label() != null) {
        attributes.put("label", link.label());
      }
      statement("  " + Drawing.id(link.from()) + " -> " + Drawing.id(link.to()), attributes);
    }
    out.append("}\n");
  }

  private void node(String indent, Drawing.Item item) throws IOException {
    Map<String, String> attributes = new LinkedHashMap<>();
    String drawn = Escaping.wrapped(item.label());
    attributes.put("label", drawn);
    DiagramRole role = item.node().getRole();
    attributes.put(
        "shape",
        switch (role) {
          case INPUT -> "ellipse";
          case BLOCKING -> "component";
          case SOURCE -> "invhouse";
          case SINK -> "house";
          case MAP -> "box3d";
          case INCLUDE -> "folder";
          default -> "box";
        });
    String style = role == DiagramRole.TASK ? "rounded" : "";
    if (item.look() != null) {
      style =
          style + (style.isEmpty() ? "" : ",") + (item.notStarted() ? "dashed,filled" : "filled");
      attributes.put("fillcolor", RunView.fill(item.look()));
    }
    if (item.critical()) {
      attributes.put("penwidth", "2.5");
    }
    if (item.tooltip() != null) {
      attributes.put("tooltip", item.tooltip());
    } else if (!drawn.equals(item.label())) {
      // A wrapped label: the tooltip holds the text whole.
      attributes.put("tooltip", item.label());
    }
    if (!style.isEmpty()) {
      attributes.put("style", style);
    }
    attributes.putAll(item.extra());
    statement(indent + item.id(), attributes);
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
