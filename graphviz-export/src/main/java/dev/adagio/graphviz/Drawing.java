package dev.adagio.graphviz;

import dev.adagio.Dag;
import dev.adagio.Edge;
import dev.adagio.EdgeKind;
import dev.adagio.Node;
import dev.adagio.NodeStatus;
import dev.adagio.stream.EdgeStats;
import dev.adagio.stream.NodeStats;
import dev.adagio.stream.StreamEdge;
import dev.adagio.stream.StreamGraph;
import dev.adagio.stream.StreamNode;
import dev.adagio.stream.StreamRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one drawn model of every graph kind: nodes (role, label, look, critical, tooltip, extra
 * attributes, cluster) and edges (order or data, critical, label), built from a dag (and its run)
 * or a stream graph (and its run), and written by {@link DotFormat} and {@link MermaidFormat}.
 * Options, ids and escaping therefore apply to every kind alike.
 */
final class Drawing {
  /** One node as drawn; {@code look} is null when nothing colours it. */
  record Item(
      DiagramNode node,
      String label,
      String look,
      boolean notStarted,
      boolean critical,
      String tooltip,
      Map<String, String> extra,
      String cluster) {
    String id() {
      return Drawing.id(node.getIndex());
    }
  }

  /** One edge as drawn; {@code label} is null when it has none. */
  record Link(int from, int to, boolean order, boolean critical, String label) {}

  final String name;
  final String label;
  final String makespan;
  final boolean run;
  final List<Item> items;
  final List<Link> links;

  private Drawing(
      String name, String label, String makespan, boolean run, List<Item> items, List<Link> links) {
    this.name = name;
    this.label = label;
    this.makespan = makespan;
    this.run = run;
    this.items = items;
    this.links = links;
  }

  static String id(int index) {
    return "n" + index;
  }

  static String id(Node<?> node) {
    return id(node.getIndex());
  }

  /** The drawn items outside any cluster, in declaration order. */
  List<Item> loose() {
    List<Item> loose = new ArrayList<>();
    for (Item item : items) {
      if (item.cluster() == null) {
        loose.add(item);
      }
    }
    return loose;
  }

  /** The clusters, in order of first appearance, each with its items in declaration order. */
  Map<String, List<Item>> clusters() {
    Map<String, List<Item>> clusters = new LinkedHashMap<>();
    for (Item item : items) {
      if (item.cluster() != null) {
        clusters.computeIfAbsent(item.cluster(), c -> new ArrayList<>()).add(item);
      }
    }
    return clusters;
  }

  static DiagramNode node(Node<?> node) {
    DiagramRole role =
        switch (node.getKind()) {
          case INPUT -> DiagramRole.INPUT;
          case BLOCKING -> DiagramRole.BLOCKING;
          case SOURCE -> DiagramRole.SOURCE;
          case MAP -> DiagramRole.MAP;
          case INCLUDE -> DiagramRole.INCLUDE;
          default -> DiagramRole.TASK;
        };
    return new DiagramNode(node.getName(), node.getIndex(), role);
  }

  /**
   * In a run that grew: the node {@code node} is drawn as, or -1 when it is not drawn. A map's
   * elements are drawn as their map (one stacked node); an included graph's input as its include
   * node; every other node as itself.
   */
  static int drawnAs(Dag<?, ?> dag, Node<?> node) {
    Node<?> parent = dag.parentOf(node);
    if (parent == null) {
      return node.getIndex();
    }
    if (parent.getKind() == dev.adagio.NodeKind.MAP) {
      return -1;
    }
    return node.getKind() == dev.adagio.NodeKind.INPUT ? parent.getIndex() : node.getIndex();
  }

  /** The cluster an included graph's node is drawn in (its include's path), or the options'. */
  private static String clusterOf(Dag<?, ?> dag, Node<?> node, String declared) {
    Node<?> parent = node.getKind() == dev.adagio.NodeKind.INCLUDE ? node : dag.parentOf(node);
    while (parent != null && parent.getKind() != dev.adagio.NodeKind.INCLUDE) {
      parent = dag.parentOf(parent);
    }
    if (parent == null || (node == parent && dag.partsOf(parent).isEmpty())) {
      return declared;
    }
    return parent.getName();
  }

  static DiagramNode node(StreamNode<?> node) {
    DiagramRole role =
        switch (node.getKind()) {
          case SOURCE -> DiagramRole.SOURCE;
          case SINK -> DiagramRole.SINK;
          default -> DiagramRole.STAGE;
        };
    return new DiagramNode(node.getName(), node.getIndex(), role);
  }

  /** A dag's definition, or with {@code run} its run. */
  static Drawing of(Dag<?, ?> dag, RunView run, DiagramOptions options) {
    List<Item> items = new ArrayList<>();
    for (Node<?> node : dag.getNodes()) {
      if (node == dag.getInput() && dag.dependents(node).isEmpty() && !options.unusedInputShown()) {
        continue;
      }
      if (drawnAs(dag, node) != node.getIndex()) {
        continue;
      }
      DiagramNode drawn = node(node);
      String summary = run == null ? "" : run.summary(node);
      items.add(
          new Item(
              drawn,
              summary.isEmpty() ? node.getName() : node.getName() + "\n" + summary,
              run == null ? null : run.look(node),
              run != null && run.outcome(node).getStatus() == NodeStatus.NOT_STARTED,
              run != null && run.critical(node),
              run == null ? null : run.errorSummary(node),
              options.attributesOf(drawn),
              clusterOf(dag, node, options.clusterOf(drawn))));
    }
    List<Link> links = new ArrayList<>();
    for (Edge edge : dag.getEdges()) {
      int from = drawnAs(dag, edge.getFrom());
      int to = drawnAs(dag, edge.getTo());
      if (from < 0 || to < 0 || from == to) {
        continue;
      }
      links.add(
          new Link(
              from,
              to,
              edge.getKind() == EdgeKind.ORDER,
              run != null && run.critical(edge.getFrom(), edge.getTo()),
              null));
    }
    String label = options.graphLabel().orElse(dag.getName());
    String makespan = run == null ? null : RunView.duration(run.run().getMakespanNanos());
    return new Drawing(dag.getName(), label, makespan, run != null, items, links);
  }

  /** A stream graph, or with {@code run} its run: statistics in labels, items on edges. */
  static Drawing of(StreamGraph graph, StreamRun run, DiagramOptions options) {
    List<Item> items = new ArrayList<>();
    for (StreamNode<?> node : graph.getNodes()) {
      DiagramNode drawn = node(node);
      String label = node.getName();
      String look = null;
      if (run != null) {
        NodeStats s = run.stats(node);
        label += "\nin " + s.getTaken() + ", out " + s.getEmitted() + ", errors " + s.getFailed();
        look = s.getFailed() > 0 ? "failed" : null;
      }
      items.add(
          new Item(
              drawn,
              label,
              look,
              false,
              false,
              null,
              options.attributesOf(drawn),
              options.clusterOf(drawn)));
    }
    List<Link> links = new ArrayList<>();
    for (StreamEdge edge : graph.getEdges()) {
      // A filtered or routed edge says so; with a run, it also says what it refused.
      String how =
          edge.getFiltered()
              ? (edge.getRouted() ? "routed, filtered" : "filtered")
              : edge.getRouted() ? "routed" : null;
      String label = how;
      if (run != null) {
        EdgeStats stats = run.edgeStats(edge.getFrom(), edge.getTo());
        long carried = stats.getCarried();
        label = carried + (carried == 1 ? " item" : " items");
        if (how != null) label += " (" + how + ", " + stats.getRefused() + " refused)";
      }
      links.add(new Link(edge.getFrom().getIndex(), edge.getTo().getIndex(), false, false, label));
    }
    String label = options.graphLabel().orElse(graph.getName());
    return new Drawing(graph.getName(), label, null, run != null, items, links);
  }
}
