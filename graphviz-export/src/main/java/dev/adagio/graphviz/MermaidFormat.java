package dev.adagio.graphviz;

import dev.adagio.NodeStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Drawing} as a Mermaid {@code flowchart}, for Markdown that renders on code hosts.
 * Deterministic.
 */
final class MermaidFormat {
  private final Drawing drawing;
  private final DiagramOptions options;
  private final Appendable out;

  MermaidFormat(Drawing drawing, DiagramOptions options, Appendable out) {
    this.drawing = drawing;
    this.options = options;
    this.out = out;
  }

  void write() throws IOException {
    // No user text on a comment line: Mermaid reads a directive (%%{init: …}%%) anywhere in the
    // text,
    // comments included, so a name there could switch the theme or the security level.
    out.append("%% drawn by Adagio");
    if (drawing.makespan != null) {
      out.append(", makespan ").append(drawing.makespan);
    }
    out.append('\n');
    out.append("flowchart ").append(options.rankDirection().name()).append('\n');
    for (Drawing.Item item : drawing.loose()) {
      node("  ", item);
    }
    int cluster = 0;
    for (Map.Entry<String, List<Drawing.Item>> group : drawing.clusters().entrySet()) {
      out.append("  subgraph c")
          .append(Integer.toString(cluster++))
          .append('[')
          .append(Escaping.mermaid(group.getKey()))
          .append("]\n");
      for (Drawing.Item item : group.getValue()) {
        node("    ", item);
      }
      out.append("  end\n");
    }
    List<Integer> criticalLinks = new ArrayList<>();
    for (int index = 0; index < drawing.links.size(); index++) {
      Drawing.Link link = drawing.links.get(index);
      out.append("  ").append(Drawing.id(link.from()));
      if (link.label() != null) {
        out.append(" -->|").append(Escaping.mermaid(link.label())).append("| ");
      } else {
        out.append(link.order() ? " -.-> " : " --> ");
      }
      out.append(Drawing.id(link.to())).append('\n');
      if (link.critical()) {
        criticalLinks.add(index);
      }
    }
    if (drawing.run) {
      looks();
      if (!criticalLinks.isEmpty()) {
        out.append("  linkStyle ");
        for (int i = 0; i < criticalLinks.size(); i++) {
          out.append(i == 0 ? "" : ",").append(Integer.toString(criticalLinks.get(i)));
        }
        out.append(" stroke-width:4px\n");
      }
    }
  }

  private void node(String indent, Drawing.Item item) throws IOException {
    String text = Escaping.mermaid(item.label());
    out.append(indent).append(item.id());
    switch (item.node().getRole()) {
      case INPUT -> out.append("([").append(text).append("])");
      case BLOCKING -> out.append("[[").append(text).append("]]");
      case SOURCE -> out.append('>').append(text).append(']');
      case STAGE -> out.append('[').append(text).append(']');
      case SINK -> out.append("[(").append(text).append(")]");
      case MAP -> out.append("[/").append(text).append("/]");
      case INCLUDE -> out.append("{{").append(text).append("}}");
      default -> out.append('(').append(text).append(')');
    }
    out.append('\n');
  }

  /** A class per look (status, or recovered) with its nodes, then the critical path's. */
  private void looks() throws IOException {
    Map<String, List<String>> byLook = new LinkedHashMap<>();
    List<String> critical = new ArrayList<>();
    for (Drawing.Item item : drawing.items) {
      if (item.look() != null) {
        byLook.computeIfAbsent(item.look(), s -> new ArrayList<>()).add(item.id());
      }
      if (item.critical()) {
        critical.add(item.id());
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
