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
  SINK,
  /**
   * A dag's map node, one element per item of a list (a 3D box, its elements stacked behind it; in
   * a run, its label counts them by status).
   */
  MAP,
  /**
   * A dag node that includes another graph (a folder; in a run, the included graph's nodes are
   * drawn in a cluster with it).
   */
  INCLUDE
}
