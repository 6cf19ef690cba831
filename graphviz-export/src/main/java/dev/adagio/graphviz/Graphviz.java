package dev.adagio.graphviz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code dot} binary on DOT text. */
final class Graphviz {
  private Graphviz() {}

  static byte[] render(String dot, Format format, DiagramOptions options) throws IOException {
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
                + " or point DiagramOptions.withDotExecutable at the dot binary.",
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
        throw new GraphvizException(
            "dot exited with status "
                + process.exitValue()
                + ": "
                + Files.readString(errors, StandardCharsets.UTF_8).strip());
      }
      return Files.readAllBytes(target);
    } finally {
      for (Path file : List.of(source, target, errors, dir)) {
        Files.deleteIfExists(file);
      }
    }
  }
}
