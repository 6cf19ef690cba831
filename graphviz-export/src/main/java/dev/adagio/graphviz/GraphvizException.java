package dev.adagio.graphviz;

import java.io.IOException;

/** Rendering with Graphviz's {@code dot} failed: it exited with an error or ran out of time. */
public class GraphvizException extends IOException {
  GraphvizException(String message) {
    super(message);
  }

  GraphvizException(String message, Throwable cause) {
    super(message, cause);
  }
}
