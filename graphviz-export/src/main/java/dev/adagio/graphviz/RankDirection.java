package dev.adagio.graphviz;

/** The direction in which a diagram's edges point. */
public enum RankDirection {
  /** Top to bottom. */
  TB,
  /** Left to right. */
  LR,
  /** Bottom to top. */
  BT,
  /** Right to left. */
  RL
}
