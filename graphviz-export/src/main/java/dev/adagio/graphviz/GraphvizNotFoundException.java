package dev.adagio.graphviz;

/** Graphviz's {@code dot} binary could not be started: Graphviz is not installed, or not there. */
public final class GraphvizNotFoundException extends GraphvizException {
  GraphvizNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
