package dev.adagio.graphviz;

import dev.adagio.Dag;
import dev.adagio.DagRun;
import dev.adagio.stream.StreamGraph;
import dev.adagio.stream.StreamRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A diagram of a graph definition or of a finished run: the front door of this module.
 *
 * <pre>{@code
 * Diagram.of(dag).writeDot(Path.of("docs/checkout.dot"));
 * Diagram.of(run).render(Format.SVG, Path.of("docs/checkout-run.svg"));   // any JVM, no install
 * String markdown = Diagram.of(dag).toMermaid();
 * }</pre>
 *
 * <p>A definition is drawn with synthetic ids and each node's name as its label: order edges
 * dashed, the input node an ellipse, blocking nodes as components. A run adds a fill per status
 * (succeeded green, failed red, cancelled orange, skipped grey, not started white and dashed), each
 * node's duration and attempts, the failed node's error as a tooltip, and its critical path (the
 * longest chain of actual durations) in bold. Output is deterministic.
 */
public final class Diagram {
  private final Dag<?, ?> dag;
  private final RunView run;
  private final StreamGraph stream;
  private final StreamRun streamRun;
  private final DiagramOptions options;

  private Diagram(
      Dag<?, ?> dag, RunView run, StreamGraph stream, StreamRun streamRun, DiagramOptions options) {
    this.dag = dag;
    this.run = run;
    this.stream = stream;
    this.streamRun = streamRun;
    this.options = options;
  }

  /** A diagram of the definition {@code dag}. */
  public static Diagram of(Dag<?, ?> dag) {
    return new Diagram(
        Objects.requireNonNull(dag, "dag"), null, null, null, DiagramOptions.defaults());
  }

  /** A diagram of the finished (or failed, or cancelled) {@code run}. */
  public static Diagram of(DagRun<?> run) {
    Objects.requireNonNull(run, "run");
    return new Diagram(run.getDag(), new RunView(run), null, null, DiagramOptions.defaults());
  }

  /** A diagram of a stream graph: sources, stages and sinks. */
  public static Diagram of(StreamGraph graph) {
    return new Diagram(
        null, null, Objects.requireNonNull(graph, "graph"), null, DiagramOptions.defaults());
  }

  /** A diagram of a stream run: each node's statistics, and the items that went along each edge. */
  public static Diagram of(StreamRun run) {
    Objects.requireNonNull(run, "run");
    return new Diagram(null, null, run.getGraph(), run, DiagramOptions.defaults());
  }

  /** The same diagram drawn as {@code options} say. */
  public Diagram with(DiagramOptions options) {
    return new Diagram(dag, run, stream, streamRun, Objects.requireNonNull(options, "options"));
  }

  /** Writes the diagram as Graphviz DOT to {@code out}. */
  public void writeDot(Appendable out) throws IOException {
    new DotFormat(drawing(), options, out).write();
  }

  /** The drawn model of this diagram, whatever the kind of graph. */
  private Drawing drawing() {
    return stream != null ? Drawing.of(stream, streamRun, options) : Drawing.of(dag, run, options);
  }

  /** The diagram as Graphviz DOT. */
  public String toDot() {
    StringBuilder out = new StringBuilder();
    try {
      writeDot(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes the diagram as Graphviz DOT to {@code file}, in UTF-8, creating its folder if needed.
   */
  public void writeDot(Path file) throws IOException {
    createParent(file);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeDot(out);
    }
  }

  /** Writes the diagram as a Mermaid flowchart to {@code out}. */
  public void writeMermaid(Appendable out) throws IOException {
    new MermaidFormat(drawing(), options, out).write();
  }

  /** The diagram as a Mermaid flowchart. */
  public String toMermaid() {
    StringBuilder out = new StringBuilder();
    try {
      writeMermaid(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes the diagram as a Mermaid flowchart to {@code file}, in UTF-8, creating its folder if
   * needed.
   */
  public void writeMermaid(Path file) throws IOException {
    createParent(file);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeMermaid(out);
    }
  }

  /**
   * Renders the diagram with the Graphviz the options choose ({@link DiagramOptions#withEngine}):
   * the native {@code dot} when it is installed, the embedded one otherwise.
   *
   * @throws GraphvizNotFoundException when the native engine is asked for and {@code dot} cannot be
   *     started
   * @throws GraphvizException when Graphviz rejects the graph, the native {@code dot} exceeds the
   *     render timeout, or the embedded engine is asked for a PDF
   */
  public byte[] render(Format format) throws IOException {
    return Graphviz.render(toDot(), Objects.requireNonNull(format, "format"), options);
  }

  /**
   * Renders the diagram into {@code file}, creating its folder if needed; see {@link
   * #render(Format)}.
   */
  public void render(Format format, Path file) throws IOException {
    byte[] bytes = render(format);
    createParent(file);
    Files.write(file, bytes);
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
