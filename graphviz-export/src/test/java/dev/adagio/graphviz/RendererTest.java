package dev.adagio.graphviz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
  @Test
  void rendersSvgAndPngWithTheRealDot(@TempDir Path dir) throws Exception {
    Diagram diagram = Diagram.of(Graphs.s1().definition());
    Path svg = dir.resolve("s1.svg");
    diagram.render(Format.SVG, svg);
    assertTrue(Files.readString(svg).contains("<svg"));
    byte[] png = diagram.render(Format.PNG);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
  }

  @Test
  void aMissingDotBinary_isReportedByNameWithTheFix() {
    Path missing = Path.of("/nonexistent/graphviz/dot");
    GraphvizNotFoundException e =
        assertThrows(
            GraphvizNotFoundException.class,
            () ->
                Diagram.of(Graphs.s1().definition())
                    .with(DiagramOptions.defaults().withDotExecutable(missing))
                    .render(Format.SVG));
    assertTrue(e.getMessage().contains("'/nonexistent/graphviz/dot'"), e.getMessage());
    assertTrue(e.getMessage().contains("Install Graphviz"), e.getMessage());
  }

  @Test
  void aDotThatTakesTooLong_isStoppedAtTheTimeout(@TempDir Path dir) throws Exception {
    Path slow = dir.resolve("slow-dot");
    Files.writeString(slow, "#!/bin/sh\nsleep 30\n");
    Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwx------"));
    DiagramOptions options =
        DiagramOptions.defaults().withDotExecutable(slow).withRenderTimeout(Duration.ofMillis(300));
    GraphvizException e =
        assertThrows(
            GraphvizException.class,
            () -> Diagram.of(Graphs.s1().definition()).with(options).render(Format.SVG));
    assertTrue(e.getMessage().contains("did not finish within PT0.3S"), e.getMessage());
  }

  @Test
  void dotRejectingItsInput_isReportedWithWhatDotSaid() {
    GraphvizException e =
        assertThrows(
            GraphvizException.class,
            () -> Graphviz.render("digraph { n0 -> }", Format.SVG, DiagramOptions.defaults()));
    assertTrue(e.getMessage().startsWith("dot exited with status"), e.getMessage());
    assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
  }
}
