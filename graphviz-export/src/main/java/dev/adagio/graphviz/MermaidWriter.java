package dev.adagio.graphviz;

import dev.adagio.Dag;
import dev.adagio.Edge;
import dev.adagio.EdgeKind;
import dev.adagio.Node;
import dev.adagio.NodeStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a Mermaid {@code flowchart}, for Markdown that renders on code hosts. Deterministic. */
final class MermaidWriter {
  private final Dag<?, ?> dag;
  private final RunView run;
  private final DiagramOptions options;
  private final Appendable out;

  MermaidWriter(Dag<?, ?> dag, RunView run, DiagramOptions options, Appendable out) {
    this.dag = dag;
    this.run = run;
    this.options = options;
    this.out = out;
  }

  void write() throws IOException {
    out.append("%% ").append(Escaping.mermaidComment(options.graphLabel().orElse(dag.getName())));
    if (run != null) {
      out.append(", makespan ").append(RunView.duration(run.run().getMakespanNanos()));
    }
    out.append('\n');
    out.append("flowchart ").append(options.rankDirection().name()).append('\n');
    Layout layout = new Layout(dag, options);
    for (Node<?> node : layout.loose) {
      node("  ", node);
    }
    int cluster = 0;
    for (Map.Entry<String, List<Node<?>>> group : layout.clusters.entrySet()) {
      out.append("  subgraph c")
          .append(Integer.toString(cluster++))
          .append('[')
          .append(Escaping.mermaid(group.getKey()))
          .append("]\n");
      for (Node<?> node : group.getValue()) {
        node("    ", node);
      }
      out.append("  end\n");
    }
    List<Integer> criticalEdges = new ArrayList<>();
    int index = 0;
    for (Edge edge : dag.getEdges()) {
      out.append("  ")
          .append(Layout.id(edge.getFrom()))
          .append(edge.getKind() == EdgeKind.ORDER ? " -.-> " : " --> ")
          .append(Layout.id(edge.getTo()))
          .append('\n');
      if (run != null && run.critical(edge.getFrom(), edge.getTo())) {
        criticalEdges.add(index);
      }
      index++;
    }
    if (run != null) {
      statuses(layout);
      if (!criticalEdges.isEmpty()) {
        out.append("  linkStyle ");
        for (int i = 0; i < criticalEdges.size(); i++) {
          out.append(i == 0 ? "" : ",").append(Integer.toString(criticalEdges.get(i)));
        }
        out.append(" stroke-width:4px\n");
      }
    }
  }

  private void node(String indent, Node<?> node) throws IOException {
    String label =
        run == null || run.summary(node).isEmpty()
            ? node.getName()
            : node.getName() + "\n" + run.summary(node);
    String text = Escaping.mermaid(label);
    out.append(indent).append(Layout.id(node));
    switch (node.getKind()) {
      case INPUT -> out.append("([").append(text).append("])");
      case BLOCKING -> out.append("[[").append(text).append("]]");
      case SOURCE -> out.append('>').append(text).append(']');
      default -> out.append('(').append(text).append(')');
    }
    out.append('\n');
  }

  private void statuses(Layout layout) throws IOException {
    Map<String, List<String>> byLook = new java.util.LinkedHashMap<>();
    List<String> critical = new ArrayList<>();
    List<Node<?>> drawn = new ArrayList<>(layout.loose);
    layout.clusters.values().forEach(drawn::addAll);
    drawn.sort((a, b) -> Integer.compare(a.getIndex(), b.getIndex()));
    for (Node<?> node : drawn) {
      byLook.computeIfAbsent(run.look(node), s -> new ArrayList<>()).add(Layout.id(node));
      if (run.critical(node)) {
        critical.add(Layout.id(node));
      }
    }
    // Looks in the order of NodeStatus (then recovered), so the output stays the same for the same
    // run.
    List<String> looks = new ArrayList<>();
    for (NodeStatus status : NodeStatus.values()) {
      looks.add(status.name().toLowerCase(Locale.ROOT));
    }
    looks.add(RunView.RECOVERED);
    for (String name : looks) {
      List<String> ids = byLook.get(name);
      if (ids == null) {
        continue;
      }
      out.append("  classDef ")
          .append(name)
          .append(" fill:")
          .append(RunView.fill(name))
          .append(name.equals("not_started") ? ",stroke-dasharray:4" : "")
          .append('\n');
      out.append("  class ").append(String.join(",", ids)).append(' ').append(name).append('\n');
    }
    if (!critical.isEmpty()) {
      out.append("  classDef critical stroke-width:3px\n");
      out.append("  class ").append(String.join(",", critical)).append(" critical\n");
    }
  }
}
