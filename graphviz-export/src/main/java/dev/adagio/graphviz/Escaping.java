package dev.adagio.graphviz;

/**
 * The one place where user text becomes DOT or Mermaid text. Every string that reaches a diagram
 * (names, labels, tooltips, attribute values) goes through here.
 */
final class Escaping {
  private Escaping() {}

  /**
   * A DOT quoted string that {@code dot} shows as {@code text}, verbatim.
   *
   * <p>Inside quotes, {@code "} and {@code \} are escaped, so no backslash sequence of DOT ({@code
   * \N}, {@code \l}, …) can form; {@code &} becomes {@code &amp;} because {@code dot} decodes HTML
   * entities in labels; a line break (LF, CR or CRLF) becomes {@code \n}; other control characters,
   * which SVG cannot hold, become a visible {@code \\uXXXX}. Non-ASCII text is kept as UTF-8.
   */
  static String dot(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '&' -> out.append("&amp;");
        case '\n' -> out.append("\\n");
        case '\r' -> {
          out.append("\\n");
          if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
        }
        default -> {
          if (c < 0x20 && c != '\t' || c == 0x7f) {
            out.append(String.format("\\\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * A Mermaid quoted label ({@code "…"}) that Mermaid shows as {@code text}, verbatim.
   *
   * <p>Mermaid decodes {@code #name;} entity codes and reads HTML in labels, so {@code "}, {@code
   * #}, {@code &}, {@code <}, {@code >} and the backtick (which opens markdown strings) become
   * entity codes; a line break becomes {@code <br>}; other control characters become a visible
   * {@code \\uXXXX}.
   */
  static String mermaid(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("#quot;");
        case '#' -> out.append("#35;");
        case '&' -> out.append("#amp;");
        case '<' -> out.append("#lt;");
        case '>' -> out.append("#gt;");
        case '`' -> out.append("#96;");
        case '\n' -> out.append("<br>");
        case '\r' -> {
          out.append("<br>");
          if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
        }
        default -> {
          if (c < 0x20 && c != '\t' || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** A Mermaid comment line's text: a line break would end the comment, so it becomes a space. */
  static String mermaidComment(String text) {
    return text.replaceAll("[\\r\\n]+", " ");
  }
}
