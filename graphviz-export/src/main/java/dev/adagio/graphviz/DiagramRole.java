package dev.adagio.graphviz;

/** What a {@link DiagramNode} does in its graph, which decides its shape. */
public enum DiagramRole {
  /** A dag's input node (an ellipse). */
  INPUT,
  /** A dag node with a suspending or stage body (a rounded box). */
  TASK,
  /** A dag node with a blocking body (a component). */
  BLOCKING,
  /** A reactive graph's source, or a stream graph's (an inverted house). */
  SOURCE,
  /** A stream graph's stage (a box). */
  STAGE,
  /** A stream graph's sink (a house). */
  SINK
}
