package dev.adagio.graphviz;

import dev.adagio.stream.NodeStats;
import dev.adagio.stream.StreamGraph;
import dev.adagio.stream.StreamNode;
import dev.adagio.stream.StreamRun;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes stream graphs as DOT or Mermaid: sources, stages and sinks shaped apart; for a run, each
 * node's statistics in its label and the number of items on each edge. Same ids and escaping as the
 * other writers.
 */
final class StreamWriter {
  private final StreamGraph graph;
  private final StreamRun run;
  private final DiagramOptions options;

  StreamWriter(StreamGraph graph, StreamRun run, DiagramOptions options) {
    this.graph = graph;
    this.run = run;
    this.options = options;
  }

  private String label(StreamNode<?> node) {
    if (run == null) {
      return node.getName();
    }
    NodeStats s = run.stats(node);
    return node.getName()
        + "\nin "
        + s.getReceived()
        + ", out "
        + s.getEmitted()
        + ", errors "
        + s.getErrors();
  }

  private String edgeLabel(StreamNode<?> from, StreamNode<?> to) {
    long items = run.itemsOnEdge(from, to);
    return items + (items == 1 ? " item" : " items");
  }

  void writeDot(Appendable out) throws IOException {
    out.append("digraph ").append(Escaping.dot(graph.getName())).append(" {\n");
    out.append("  graph [rankdir=").append(Escaping.dot(options.rankDirection().name()));
    out.append(", label=").append(Escaping.dot(options.graphLabel().orElse(graph.getName())));
    out.append(", labelloc=")
        .append(Escaping.dot("t"))
        .append(", fontname=")
        .append(Escaping.dot("Helvetica"))
        .append("];\n");
    out.append("  node [fontname=").append(Escaping.dot("Helvetica")).append("];\n");
    out.append("  edge [fontname=").append(Escaping.dot("Helvetica")).append("];\n");
    for (StreamNode<?> node : graph.getNodes()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("label", label(node));
      attributes.put(
          "shape",
          switch (node.getKind()) {
            case SOURCE -> "invhouse";
            case SINK -> "house";
            default -> "box";
          });
      if (run != null && run.stats(node).getErrors() > 0) {
        attributes.put("style", "filled");
        attributes.put("fillcolor", "#ffcdd2");
      }
      out.append("  n").append(Integer.toString(node.getIndex()));
      attributes(out, attributes);
    }
    for (StreamNode<?> to : graph.getNodes()) {
      for (StreamNode<?> from : graph.inputs(to)) {
        out.append("  n")
            .append(Integer.toString(from.getIndex()))
            .append(" -> n")
            .append(Integer.toString(to.getIndex()));
        attributes(out, run == null ? Map.of() : Map.of("label", edgeLabel(from, to)));
      }
    }
    out.append("}\n");
  }

  private static void attributes(Appendable out, Map<String, String> attributes)
      throws IOException {
    if (!attributes.isEmpty()) {
      out.append(" [");
      boolean first = true;
      for (Map.Entry<String, String> a : attributes.entrySet()) {
        out.append(first ? "" : ", ")
            .append(a.getKey())
            .append('=')
            .append(Escaping.dot(a.getValue()));
        first = false;
      }
      out.append(']');
    }
    out.append(";\n");
  }

  void writeMermaid(Appendable out) throws IOException {
    out.append("%% ")
        .append(Escaping.mermaidComment(options.graphLabel().orElse(graph.getName())))
        .append('\n');
    out.append("flowchart ").append(options.rankDirection().name()).append('\n');
    for (StreamNode<?> node : graph.getNodes()) {
      String text = Escaping.mermaid(label(node));
      out.append("  n").append(Integer.toString(node.getIndex()));
      switch (node.getKind()) {
        case SOURCE -> out.append(">").append(text).append("]");
        case SINK -> out.append("[(").append(text).append(")]");
        default -> out.append("[").append(text).append("]");
      }
      out.append('\n');
    }
    for (StreamNode<?> to : graph.getNodes()) {
      for (StreamNode<?> from : graph.inputs(to)) {
        out.append("  n").append(Integer.toString(from.getIndex()));
        out.append(run == null ? " --> " : " -->|" + Escaping.mermaid(edgeLabel(from, to)) + "| ");
        out.append("n").append(Integer.toString(to.getIndex())).append('\n');
      }
    }
    // As in DOT: a node that had errors is filled red.
    StringBuilder failing = new StringBuilder();
    if (run != null) {
      for (StreamNode<?> node : graph.getNodes()) {
        if (run.stats(node).getErrors() > 0) {
          failing.append(failing.length() == 0 ? "" : ",").append('n').append(node.getIndex());
        }
      }
    }
    if (failing.length() > 0) {
      out.append("  classDef failed fill:#ffcdd2\n");
      out.append("  class ").append(failing).append(" failed\n");
    }
  }
}
