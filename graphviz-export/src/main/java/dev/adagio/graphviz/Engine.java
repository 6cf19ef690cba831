package dev.adagio.graphviz;

/** Which Graphviz renders a diagram; see {@link DiagramOptions#withEngine}. */
public enum Engine {
  /**
   * The native {@code dot} when it is on the {@code PATH} or configured, the embedded one
   * otherwise.
   */
  AUTO,

  /** Graphviz's native {@code dot} binary, which must be installed. */
  NATIVE,

  /**
   * Graphviz compiled to WebAssembly, inside the jar, run on the JVM: no install needed. SVG and
   * PNG (rasterised from the SVG); PDF needs the native engine.
   */
  EMBEDDED
}
