package dev.adagio.graphviz;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.NodeKind;
import dev.adagio.NodeOutcome;
import dev.adagio.observe.RunTrace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One self-contained HTML page per run, for people: the graph as inline SVG (filled by status,
 * recovered and reused nodes marked, the critical path in bold), a timeline of every node that ran
 * on its lanes, and a table of outcomes (status, attempts, start, duration, error). Hovering a node
 * in any of the three lights it up in the other two. No network, no external script or style.
 *
 * <pre>{@code
 * RunReport.write(run, Path.of("docs/checkout-run.html"));
 * }</pre>
 *
 * <p>The graph is rendered as {@link Diagram#render(Format)} renders (the native {@code dot} when
 * installed, the embedded Graphviz otherwise), with {@code options}.
 */
public final class RunReport {
  private RunReport() {}

  /** The report of {@code run} as HTML text. */
  public static String html(DagRun<?> run) throws IOException {
    return html(run, DiagramOptions.defaults());
  }

  /** The report of {@code run} as HTML text, its graph drawn with {@code options}. */
  public static String html(DagRun<?> run, DiagramOptions options) throws IOException {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(options, "options");
    String svg =
        new String(Diagram.of(run).with(options).render(Format.SVG), StandardCharsets.UTF_8);
    return new Page(run, svg).write();
  }

  /** Writes the report of {@code run} to {@code file}, in UTF-8, creating its folder if needed. */
  public static void write(DagRun<?> run, Path file) throws IOException {
    write(run, DiagramOptions.defaults(), file);
  }

  /** Writes the report of {@code run}, its graph drawn with {@code options}, to {@code file}. */
  public static void write(DagRun<?> run, DiagramOptions options, Path file) throws IOException {
    String page = html(run, options);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, page, StandardCharsets.UTF_8);
  }

  private static final class Page {
    private final DagRun<?> run;
    private final RunView view;
    private final String svg;
    private final StringBuilder out = new StringBuilder();

    Page(DagRun<?> run, String svg) {
      this.run = run;
      this.view = new RunView(run);
      // Inline SVG: no XML prolog, no DOCTYPE, no comments before the root.
      int root = svg.indexOf("<svg");
      this.svg = root >= 0 ? svg.substring(root) : svg;
    }

    String write() {
      List<NodeOutcome<?>> outcomes = run.getOutcomes();
      List<Integer> lanes = RunTrace.lanes(run);
      long makespan = Math.max(1, run.getMakespanNanos());
      int laneCount = lanes.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
      String name = run.getDag().getName();

      out.append(
          "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n");
      out.append("<meta charset=\"utf-8\"/>\n<title>Run of ")
          .append(text(name))
          .append("</title>\n");
      out.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
      out.append("<h1>Run of ").append(text(name)).append("</h1>\n");
      out.append("<p class=\"summary\">makespan ")
          .append(text(RunView.duration(run.getMakespanNanos())))
          .append(", ")
          .append(outcomes.size() - 1)
          .append(" nodes")
          .append(counts(outcomes))
          .append("</p>\n");

      out.append("<h2>Graph</h2>\n<div id=\"graph\">\n").append(svg).append("\n</div>\n");

      out.append("<h2>Timeline</h2>\n<div id=\"timeline\">\n");
      for (int lane = 0; lane < laneCount; lane++) {
        out.append("<div class=\"lane\"><span class=\"lane-name\">lane ")
            .append(lane + 1)
            .append("</span><div class=\"track\">");
        for (NodeOutcome<?> outcome : outcomes) {
          Node<?> node = outcome.getNode();
          if (lanes.get(node.getIndex()) != lane) {
            continue;
          }
          double left = 100.0 * outcome.getStartNanos() / makespan;
          double width = Math.max(0.4, 100.0 * outcome.getDurationNanos() / makespan);
          out.append("<div class=\"bar ")
              .append(view.look(node))
              .append("\" data-node=\"")
              .append(Drawing.id(node))
              .append("\" style=\"left:")
              .append(String.format(Locale.ROOT, "%.3f", left))
              .append("%;width:")
              .append(String.format(Locale.ROOT, "%.3f", Math.min(width, 100.0 - left)))
              .append("%;background:")
              .append(RunView.fill(view.look(node)))
              .append("\" title=\"")
              .append(attribute(node.getName() + ": " + view.summary(node)))
              .append("\">")
              .append(text(node.getName()))
              .append("</div>");
        }
        out.append("</div></div>\n");
      }
      out.append("<div class=\"axis\"><span>0 ms</span><span>")
          .append(text(RunView.duration(run.getMakespanNanos())))
          .append("</span></div>\n</div>\n");

      // A run that grew groups its added nodes: each names the map or include that added it.
      boolean grew = false;
      for (NodeOutcome<?> outcome : outcomes) {
        grew |= run.getDag().parentOf(outcome.getNode()) != null;
      }
      out.append("<h2>Outcomes</h2>\n<table id=\"outcomes\">\n<thead><tr>")
          .append("<th>node</th>")
          .append(grew ? "<th>part of</th>" : "")
          .append("<th>status</th><th>attempts</th><th>start</th><th>duration</th>")
          .append("<th>error</th></tr></thead>\n<tbody>\n");
      for (NodeOutcome<?> outcome : outcomes) {
        Node<?> node = outcome.getNode();
        if (node.getKind() == NodeKind.INPUT) {
          continue;
        }
        boolean started = outcome.getStartNanos() >= 0;
        String error = view.errorSummary(node);
        out.append("<tr data-node=\"")
            .append(Drawing.id(node))
            .append("\"><td>")
            .append(text(node.getName()))
            .append(grew ? "</td><td>" + partOf(node) : "")
            .append("</td><td><span class=\"status\" style=\"background:")
            .append(RunView.fill(view.look(node)))
            .append("\">")
            .append(text(view.look(node).replace('_', ' ')))
            .append("</span></td><td>")
            .append(outcome.getAttempts())
            .append("</td><td>")
            .append(started ? text(RunView.duration(outcome.getStartNanos())) : "")
            .append("</td><td>")
            .append(started ? text(RunView.duration(outcome.getDurationNanos())) : "")
            .append("</td><td class=\"error\">")
            .append(error == null ? "" : text(error))
            .append("</td></tr>\n");
      }
      out.append("</tbody>\n</table>\n");

      out.append("<script id=\"nodes\" type=\"application/json\">[");
      boolean first = true;
      for (NodeOutcome<?> outcome : outcomes) {
        if (outcome.getNode().getKind() == NodeKind.INPUT) {
          continue;
        }
        out.append(first ? "" : ",")
            .append("{\"id\":\"")
            .append(Drawing.id(outcome.getNode()))
            .append("\",\"started\":")
            .append(outcome.getStartNanos() >= 0)
            .append('}');
        first = false;
      }
      out.append("]</script>\n<script>\n//<![CDATA[\n").append(SCRIPT).append("//]]>\n</script>\n");
      out.append("</body>\n</html>\n");
      return out.toString();
    }

    /** The map or include that added {@code node} to the run, as table text; empty for others. */
    private String partOf(Node<?> node) {
      Node<?> parent = run.getDag().parentOf(node);
      return parent == null ? "" : text(parent.getName());
    }

    private String counts(List<NodeOutcome<?>> outcomes) {
      java.util.Map<String, Integer> byLook = new java.util.TreeMap<>();
      for (NodeOutcome<?> outcome : outcomes) {
        if (outcome.getNode().getKind() != NodeKind.INPUT) {
          byLook.merge(view.look(outcome.getNode()).replace('_', ' '), 1, Integer::sum);
        }
      }
      StringBuilder text = new StringBuilder();
      byLook.forEach((look, count) -> text.append(", ").append(count).append(' ').append(look));
      return text.toString();
    }
  }

  /** Text for an HTML element: the five XML specials as entities, a lone surrogate as its code. */
  static String text(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean lone =
          Character.isHighSurrogate(c)
                  && (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))
              || Character.isLowSurrogate(c)
                  && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
      if (lone) {
        out.append(String.format("\\u%04x", (int) c));
        continue;
      }
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String attribute(String value) {
    return text(value).replace("\n", "&#10;");
  }

  private static final String STYLE =
      """
      body { font-family: Helvetica, Arial, sans-serif; margin: 2em; color: #222; }
      h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
      .summary { color: #555; }
      #graph svg { max-width: 100%; height: auto; }
      #graph g.node.hl polygon, #graph g.node.hl path, #graph g.node.hl ellipse { stroke: #1565c0; stroke-width: 4; }
      #timeline { position: relative; }
      .lane { display: flex; align-items: center; height: 28px; }
      .lane-name { width: 5em; color: #777; font-size: 0.8em; }
      .track { position: relative; flex: 1; height: 22px; background: #fafafa; border-bottom: 1px solid #eee; }
      .bar { position: absolute; top: 2px; height: 18px; font-size: 0.75em; overflow: hidden;
             white-space: nowrap; border: 1px solid #999; border-radius: 3px; padding-left: 2px; box-sizing: border-box; }
      .bar.hl, tr.hl { outline: 3px solid #1565c0; }
      .axis { display: flex; justify-content: space-between; margin-left: 5em; color: #777; font-size: 0.8em; }
      table { border-collapse: collapse; margin-top: 0.5em; }
      th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; font-size: 0.9em; }
      td.error { font-family: monospace; max-width: 40em; }
      .status { padding: 1px 6px; border-radius: 3px; }
      """;

  private static final String SCRIPT =
      """
      (function () {
        var graphNodes = {};
        document.querySelectorAll('#graph g.node').forEach(function (g) {
          var title = g.querySelector('title');
          if (title) { graphNodes[title.textContent] = g; g.setAttribute('data-node', title.textContent); }
        });
        function mark(id, on) {
          document.querySelectorAll('[data-node="' + id + '"]').forEach(function (e) {
            e.classList.toggle('hl', on);
          });
        }
        document.querySelectorAll('[data-node]').forEach(function (e) {
          e.addEventListener('mouseenter', function () { mark(e.getAttribute('data-node'), true); });
          e.addEventListener('mouseleave', function () { mark(e.getAttribute('data-node'), false); });
        });
        var nodes = JSON.parse(document.getElementById('nodes').textContent);
        var missing = nodes.filter(function (n) {
          var inTable = document.querySelector('#outcomes tr[data-node="' + n.id + '"]');
          var inTimeline = document.querySelector('#timeline [data-node="' + n.id + '"]');
          return !graphNodes[n.id] || !inTable || (n.started && !inTimeline);
        });
        document.body.setAttribute('data-check',
            missing.length === 0 ? 'ok ' + nodes.length : 'missing ' + missing.map(function (n) { return n.id; }).join(','));
      })();
      """;
}
