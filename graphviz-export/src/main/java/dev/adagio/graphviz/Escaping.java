package dev.adagio.graphviz;

/**
 * The one place where user text becomes DOT or Mermaid text. Every string that reaches a diagram
 * (names, labels, tooltips, attribute values) goes through here.
 */
final class Escaping {
  /** The longest quoted part of a DOT string: dot refuses one of 16,382 characters or more. */
  private static final int PART = 8_000;

  /**
   * The longest line a DOT label draws: a longer one is wrapped. Graphviz refuses a layout whose
   * edges grow past 65,535 points, which a node as wide as a 100,000-character line makes them.
   */
  static final int WRAP = 1_000;

  private Escaping() {}

  /** Whether {@code text.charAt(i)} is half of a surrogate pair without its other half. */
  private static boolean isLoneSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return false;
  }

  /**
   * A DOT quoted string that {@code dot} shows as {@code text}, verbatim.
   *
   * <p>Inside quotes, {@code "} and {@code \} are escaped, so no backslash sequence of DOT ({@code
   * \N}, {@code \l}, …) can form; {@code &} becomes {@code &amp;} because {@code dot} decodes HTML
   * entities in labels; a line break (LF, CR or CRLF) becomes {@code \n}; other control characters,
   * which SVG cannot hold, become a visible {@code \\uXXXX}, and so does half a surrogate pair
   * without its other half (no encoding can hold it). Non-ASCII text is kept as UTF-8. A long text
   * is split into parts joined by DOT's {@code +}, since {@code dot} refuses a quoted string of
   * 16,382 characters or more.
   */
  static String dot(String text) {
    return dot(text, false);
  }

  /**
   * A DOT quoted string for a tooltip, shown as {@code text}: {@code dot} unescapes a tooltip's
   * backslashes twice (and then expands {@code \N}, {@code \G}, {@code \L}), so each is written
   * four times.
   */
  static String dotTooltip(String text) {
    return dot(text, true);
  }

  private static String dot(String text, boolean tooltip) {
    String backslash = tooltip ? "\\\\\\\\" : "\\\\";
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    int partStart = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // dot refuses a quoted string of 16,382 characters or more; DOT joins "a" + "b" into one.
      if (out.length() - partStart >= PART && !Character.isLowSurrogate(c)) {
        out.append("\" + \"");
        partStart = out.length();
      }
      if (isLoneSurrogate(text, i)) {
        out.append(backslash).append(String.format("u%04x", (int) c));
        continue;
      }
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append(backslash);
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
            out.append(backslash).append(String.format("u%04x", (int) c));
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
   * entity codes, and so do {@code %} ({@code %%} starts a directive or a comment anywhere), {@code
   * :} (Mermaid rewrites {@code style…:…#…;} and drops its {@code ;}) and whitespace at either end
   * (Mermaid trims it); a backslash goes in a {@code <span>} of its own ({@code \\n} is a line
   * break to Mermaid); a line break becomes {@code <br>}; other control characters become a visible
   * {@code \\uXXXX}. Checked by Mermaid itself in a browser ({@code MermaidRenderTest}).
   */
  static String mermaid(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    int leading = 0;
    while (leading < text.length()
        && (text.charAt(leading) == ' ' || text.charAt(leading) == '\t')) {
      leading++;
    }
    int trailing = text.length();
    while (trailing > leading
        && (text.charAt(trailing - 1) == ' ' || text.charAt(trailing - 1) == '\t')) {
      trailing--;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isLoneSurrogate(text, i)) {
        out.append(String.format("\\u%04x", (int) c));
        continue;
      }
      boolean edge = i < leading || i >= trailing;
      if (edge && (c == ' ' || c == '\t')) {
        // Mermaid trims a label's surrounding whitespace; as entity codes it stays.
        out.append(c == ' ' ? "#32;" : "#9;");
        continue;
      }
      switch (c) {
        case '"' -> out.append("#quot;");
        case '#' -> out.append("#35;");
        // %% starts Mermaid's directives and comments; a colon its style: and classDef: rewriting,
        // which drops a ';' from the label.
        // Mermaid turns "\n" into a line break even after decoding entity codes: a backslash goes
        // in an element of its own, so no "\n" is left in the text Mermaid rewrites.
        case '\\' -> out.append("<span>#92;</span>");
        case '%' -> out.append("#37;");
        case ':' -> out.append("#58;");
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

  /**
   * {@code text} with each line longer than {@link #WRAP} characters wrapped at that width (never
   * between the halves of a surrogate pair); the same text when no line is that long.
   */
  static String wrapped(String text) {
    if (text.length() <= WRAP) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + text.length() / WRAP);
    int line = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        line = 0;
      } else if (line >= WRAP && !Character.isLowSurrogate(c)) {
        out.append('\n');
        line = 0;
      }
      out.append(c);
      if (c != '\n' && c != '\r') {
        line++;
      }
    }
    return out.toString();
  }
}
