package dev.adagio.graphviz;

import dev.adagio.Dag;
import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.NodeKind;
import dev.adagio.NodeOutcome;
import dev.adagio.NodeStatus;
import java.util.List;

/** What a diagram of a run shows beyond the definition: statuses, times, the critical path. */
final class RunView {
  private final DagRun<?> run;
  private final List<NodeOutcome<?>> outcomes;
  private final boolean[] critical;
  private final int[] criticalPredecessor;

  RunView(DagRun<?> run) {
    this.run = run;
    this.outcomes = run.getOutcomes();
    int size = outcomes.size();
    this.critical = new boolean[size];
    this.criticalPredecessor = new int[size];
    markCriticalPath(run.getDag());
  }

  DagRun<?> run() {
    return run;
  }

  NodeOutcome<?> outcome(Node<?> node) {
    return outcomes.get(node.getIndex());
  }

  boolean critical(Node<?> node) {
    return critical[node.getIndex()];
  }

  /** Whether the edge from {@code from} to {@code to} lies on the critical path. */
  boolean critical(Node<?> from, Node<?> to) {
    return critical[to.getIndex()] && criticalPredecessor[to.getIndex()] == from.getIndex();
  }

  /**
   * Marks the longest chain of actual durations: through dependencies, among nodes that started,
   * the path whose durations add up to the most, ending, in a failed run, at the first failure.
   * Ties go to the first dependency listed.
   */
  private void markCriticalPath(Dag<?, ?> dag) {
    int size = outcomes.size();
    long[] longest = new long[size];
    java.util.Arrays.fill(criticalPredecessor, -1);
    int end = -1;
    for (Node<?> node : dag.getTopologicalOrder()) {
      int i = node.getIndex();
      NodeOutcome<?> outcome = outcomes.get(i);
      if (outcome.getStartNanos() < 0) {
        longest[i] = -1;
        continue;
      }
      long best = 0;
      for (Node<?> dependency : dag.dependencies(node)) {
        int d = dependency.getIndex();
        if (longest[d] >= 0 && (criticalPredecessor[i] < 0 || longest[d] > best)) {
          best = longest[d];
          criticalPredecessor[i] = d;
        }
      }
      longest[i] = best + Math.max(0, outcome.getDurationNanos());
      if (end < 0 || longest[i] > longest[end]) {
        end = i;
      }
    }
    // A failed run: the path that matters is the one to the failure that stopped it (the first
    // failure to end), not the longest, which may run through a node cancelled because of it.
    int firstFailure = -1;
    for (int i = 0; i < size; i++) {
      NodeOutcome<?> outcome = outcomes.get(i);
      if (outcome.getStatus() == NodeStatus.FAILED
          && longest[i] >= 0
          && (firstFailure < 0
              || outcome.getEndNanos() < outcomes.get(firstFailure).getEndNanos())) {
        firstFailure = i;
      }
    }
    if (firstFailure >= 0) {
      end = firstFailure;
    }
    for (int i = end; i >= 0; i = criticalPredecessor[i]) {
      critical[i] = true;
    }
  }

  /**
   * The second line of a node's label: duration and attempts, and the status unless it succeeded.
   * Empty for the input node, whose value is given, not computed.
   */
  String summary(Node<?> node) {
    if (node.getKind() == NodeKind.INPUT) {
      return "";
    }
    NodeOutcome<?> outcome = outcome(node);
    StringBuilder text = new StringBuilder();
    if (outcome.getStartNanos() >= 0) {
      text.append(duration(outcome.getDurationNanos()));
      if (outcome.getAttempts() > 1) {
        text.append(", ").append(outcome.getAttempts()).append(" attempts");
      }
    }
    if (outcome.getStatus() != NodeStatus.SUCCEEDED || outcome.isRecovered()) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(look(node).replace('_', ' '));
    }
    if (node.getKind() == NodeKind.MAP) {
      text.append(text.length() > 0 ? "\n" : "").append(elements(node));
    }
    return text.toString();
  }

  /** A map's elements counted by status: {@code 20 elements: 18 succeeded, 2 failed}. */
  String elements(Node<?> map) {
    List<Node<?>> parts = run.getDag().partsOf(map);
    java.util.Map<NodeStatus, Integer> counts = new java.util.EnumMap<>(NodeStatus.class);
    for (Node<?> part : parts) {
      counts.merge(run.status(part), 1, Integer::sum);
    }
    StringBuilder text =
        new StringBuilder()
            .append(parts.size())
            .append(parts.size() == 1 ? " element" : " elements");
    String sep = ": ";
    for (java.util.Map.Entry<NodeStatus, Integer> count : counts.entrySet()) {
      text.append(sep)
          .append(count.getValue())
          .append(' ')
          .append(count.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      sep = ", ";
    }
    return text.toString();
  }

  /**
   * How {@code node} is drawn: its status in lower case, or {@code recovered} for a node that
   * succeeded through its fallback (a degraded result must not look healthy).
   */
  String look(Node<?> node) {
    NodeOutcome<?> outcome = outcome(node);
    return outcome.isRecovered()
        ? RECOVERED
        : outcome.getStatus().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The look of a node that succeeded through its fallback. */
  static final String RECOVERED = "recovered";

  /** Fill colours by look, shared by DOT and Mermaid so both read the same. */
  static String fill(String look) {
    return RECOVERED.equals(look)
        ? "#fff59d"
        : fill(NodeStatus.valueOf(look.toUpperCase(java.util.Locale.ROOT)));
  }

  /** The failed node's error, short enough for a tooltip; null when it has none. */
  String errorSummary(Node<?> node) {
    Throwable error = outcome(node).getError();
    if (error == null) {
      return null;
    }
    String message;
    try {
      message = error.getMessage();
    } catch (RuntimeException e) {
      // A hostile getMessage must not break a diagram.
      message = null;
    }
    String text = error.getClass().getName() + (message == null ? "" : ": " + message);
    return text.length() > 300 ? text.substring(0, 299) + "…" : text;
  }

  static String duration(long nanos) {
    if (nanos < 1_000_000) {
      return String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    if (nanos < 10_000_000_000L) {
      return String.format(java.util.Locale.ROOT, "%d ms", Math.round(nanos / 1e6));
    }
    return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  /** Fill colours by status, shared by DOT and Mermaid so both read the same. */
  static String fill(NodeStatus status) {
    return switch (status) {
      case SUCCEEDED -> "#c8e6c9";
      case FAILED -> "#ffcdd2";
      case CANCELLED -> "#ffe0b2";
      case SKIPPED -> "#e0e0e0";
      case NOT_STARTED -> "#ffffff";
      case REUSED -> "#e3f2fd";
    };
  }
}
