package dev.adagio.graphviz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
  @Test
  void rendersSvgAndPngWithEveryEngine_theDefaultToo(@TempDir Path dir) throws Exception {
    List<DiagramOptions> all = new ArrayList<>(List.of(DiagramOptions.defaults()));
    for (Engine engine : Engines.available()) {
      all.add(Engines.options(engine));
    }
    for (DiagramOptions options : all) {
      Diagram diagram = Diagram.of(Graphs.s1().definition()).with(options);
      Path svg = dir.resolve("s1-" + options.engine() + ".svg");
      diagram.render(Format.SVG, svg);
      assertTrue(Files.readString(svg).contains("<svg"), options.engine().toString());
      byte[] png = diagram.render(Format.PNG);
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertTrue(image.getWidth() > 50 && image.getHeight() > 50, options.engine().toString());
    }
  }

  @Test
  void autoChoosesTheNativeDotWhenItIsThere_andTheEmbeddedOneOtherwise() {
    DiagramOptions noDot =
        DiagramOptions.defaults()
            .withDotExecutable(Path.of("no-such-dot-anywhere"))
            .withEngine(Engine.AUTO);
    assertEquals(Engine.EMBEDDED, Graphviz.engineFor(noDot));
    assertEquals(
        Graphviz.onPath("dot") ? Engine.NATIVE : Engine.EMBEDDED,
        Graphviz.engineFor(DiagramOptions.defaults()));
    assertEquals(
        Engine.NATIVE,
        Graphviz.engineFor(DiagramOptions.defaults().withDotExecutable(Path.of("/opt/dot"))));
    assertEquals(
        Engine.EMBEDDED, Graphviz.engineFor(DiagramOptions.defaults().withEngine(Engine.EMBEDDED)));
  }

  @Test
  void theEmbeddedEngine_refusesPdfWithTheFix() {
    GraphvizException e =
        assertThrows(
            GraphvizException.class,
            () ->
                Diagram.of(Graphs.s1().definition())
                    .with(Engines.options(Engine.EMBEDDED))
                    .render(Format.PDF));
    assertTrue(e.getMessage().contains("install Graphviz's dot for PDF"), e.getMessage());
  }

  @Test
  void theEmbeddedEngine_isGraphvizItself() {
    assertTrue(EmbeddedGraphviz.shared().version().matches("\\d+\\.\\d+\\.\\d+"));
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
  void anEngineRejectingItsInput_isReportedWithWhatGraphvizSaid_inTheSameWords() {
    List<String> messages = new ArrayList<>();
    for (Engine engine : Engines.available()) {
      GraphvizException e =
          assertThrows(
              GraphvizException.class,
              () -> Graphviz.render("digraph { n0 -> }", Format.SVG, Engines.options(engine)));
      assertTrue(e.getMessage().startsWith("Graphviz rejected the graph: "), e.getMessage());
      assertTrue(e.getMessage().contains("syntax error"), engine + ": " + e.getMessage());
      messages.add(e.getMessage().replaceAll("\\s+", " "));
    }
    assertEquals(
        1, messages.stream().distinct().count(), "one wording for every engine: " + messages);
  }
}
