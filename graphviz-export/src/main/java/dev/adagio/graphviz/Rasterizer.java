package dev.adagio.graphviz;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.view.FloatSize;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Turns an SVG into a PNG in pure Java (jsvg to {@code ImageIO}), for the embedded engine. */
final class Rasterizer {
  private Rasterizer() {}

  static byte[] png(String svg) throws GraphvizException {
    // Graphviz's SVG names an external DTD; the document needs nothing from it, so nothing is
    // fetched.
    String standalone = svg.replaceFirst("(?s)<!DOCTYPE[^>]*>", "");
    SVGDocument document =
        new SVGLoader()
            .load(
                new ByteArrayInputStream(standalone.getBytes(StandardCharsets.UTF_8)),
                null,
                LoaderContext.createDefault());
    if (document == null) {
      throw new GraphvizException("The embedded Graphviz's SVG could not be read to make a PNG");
    }
    FloatSize size = document.size();
    int width = Math.max(1, (int) Math.ceil(size.width));
    int height = Math.max(1, (int) Math.ceil(size.height));
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      graphics.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      document.render(null, graphics);
    } finally {
      graphics.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
