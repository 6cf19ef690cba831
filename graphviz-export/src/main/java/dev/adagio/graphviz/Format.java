package dev.adagio.graphviz;

/** What {@code dot} renders a diagram to. */
public enum Format {
  SVG("svg"),
  PNG("png"),
  PDF("pdf");

  private final String flag;

  Format(String flag) {
    this.flag = flag;
  }

  /** The name {@code dot} knows this format by ({@code -Tsvg}). */
  public String dotName() {
    return flag;
  }
}
