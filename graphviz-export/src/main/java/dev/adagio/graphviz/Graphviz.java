package dev.adagio.graphviz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders DOT text with the engine the options choose: the native {@code dot} binary, or the
 * embedded Graphviz ({@link EmbeddedGraphviz}). Either reports a graph it rejects in the same
 * words.
 */
final class Graphviz {
  private Graphviz() {}

  static byte[] render(String dot, Format format, DiagramOptions options) throws IOException {
    byte[] drawn =
        engineFor(options) == Engine.NATIVE
            ? renderNative(dot, format, options)
            : renderEmbedded(dot, format);
    return format == Format.SVG ? plainSpacesInTooltips(drawn) : drawn;
  }

  private static final Pattern TOOLTIP = Pattern.compile("xlink:title=\"[^\"]*\"");

  /**
   * An SVG whose tooltips show spaces as spaces: Graphviz writes the second of two spaces as {@code
   * &#160;} (a no-break space), which keeps a label's spacing but puts characters the text never
   * had into a tooltip. A no-break space of the text itself stays: Graphviz writes it as it is.
   */
  static byte[] plainSpacesInTooltips(byte[] svg) {
    String text = new String(svg, StandardCharsets.UTF_8);
    if (!text.contains("&#160;")) {
      return svg;
    }
    Matcher matcher = TOOLTIP.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (matcher.find()) {
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(matcher.group().replace("&#160;", " ")));
    }
    matcher.appendTail(out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The engine that renders with {@code options}: {@code AUTO} resolved against the {@code PATH}.
   */
  static Engine engineFor(DiagramOptions options) {
    if (options.engine() != Engine.AUTO) {
      return options.engine();
    }
    return onPath(options.dotExecutable().toString()) ? Engine.NATIVE : Engine.EMBEDDED;
  }

  /** Whether {@code command} names an executable file, directly or in a {@code PATH} directory. */
  static boolean onPath(String command) {
    Path direct = Path.of(command);
    if (direct.getNameCount() > 1 || direct.isAbsolute()) {
      return Files.isExecutable(direct);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /** How either engine words a graph it rejects. */
  static String rejected(String said) {
    String text = said.strip();
    return "Graphviz rejected the graph: " + (text.isEmpty() ? "(it said nothing)" : text);
  }

  private static byte[] renderEmbedded(String dot, Format format) throws GraphvizException {
    switch (format) {
      case SVG:
        return EmbeddedGraphviz.shared().render(dot, "svg").getBytes(StandardCharsets.UTF_8);
      case PNG:
        return Rasterizer.png(EmbeddedGraphviz.shared().render(dot, "svg"));
      default:
        throw new GraphvizException(
            "The embedded Graphviz renders SVG and PNG, not "
                + format
                + "; install Graphviz's dot for "
                + format
                + " (for example 'apt-get install graphviz'), or render SVG.");
    }
  }

  private static byte[] renderNative(String dot, Format format, DiagramOptions options)
      throws IOException {
    Path dir = Files.createTempDirectory("adagio-dot");
    Path source = dir.resolve("graph.dot");
    Path target = dir.resolve("graph." + format.dotName());
    Path errors = dir.resolve("errors.txt");
    try {
      Files.writeString(source, dot, StandardCharsets.UTF_8);
      String executable = options.dotExecutable().toString();
      Process process;
      try {
        process =
            new ProcessBuilder(
                    List.of(
                        executable,
                        "-T" + format.dotName(),
                        "-o",
                        target.toString(),
                        source.toString()))
                .redirectErrorStream(true)
                .redirectOutput(errors.toFile())
                .start();
      } catch (IOException e) {
        throw new GraphvizNotFoundException(
            "Graphviz's dot could not be started as '"
                + executable
                + "': "
                + e.getMessage()
                + ". Install Graphviz (for example 'apt-get install graphviz' or 'brew install graphviz'),"
                + " point DiagramOptions.withDotExecutable at the dot binary, or render with"
                + " Engine.EMBEDDED (no install needed).",
            e);
      }
      boolean finished;
      try {
        finished = process.waitFor(options.renderTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new GraphvizException("Interrupted while dot was rendering", e);
      }
      if (!finished) {
        process.destroyForcibly();
        throw new GraphvizException(
            "dot did not finish within "
                + options.renderTimeout()
                + "; render a smaller graph or raise DiagramOptions.withRenderTimeout.");
      }
      if (process.exitValue() != 0) {
        // dot names its input file in each message; the file is ours, not the caller's.
        String said = Files.readString(errors, StandardCharsets.UTF_8).replace(source + ": ", "");
        throw new GraphvizException(rejected(said));
      }
      return Files.readAllBytes(target);
    } finally {
      for (Path file : List.of(source, target, errors, dir)) {
        Files.deleteIfExists(file);
      }
    }
  }
}
