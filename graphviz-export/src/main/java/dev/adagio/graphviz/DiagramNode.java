package dev.adagio.graphviz;

import java.util.Objects;

/**
 * A node as a diagram draws it, of any graph kind (a dag's, a run's, a stream graph's): what {@link
 * DiagramOptions#withClusters} and {@link DiagramOptions#withNodeAttributes} are given, so that one
 * option applies to every kind.
 */
public final class DiagramNode {
  private final String name;
  private final int index;
  private final DiagramRole role;

  DiagramNode(String name, int index, DiagramRole role) {
    this.name = name;
    this.index = index;
    this.role = role;
  }

  /** The node's name. */
  public String getName() {
    return name;
  }

  /**
   * The node's position in its graph's declaration order (its id in the diagram is {@code
   * n<index>}).
   */
  public int getIndex() {
    return index;
  }

  /** What the node does in its graph. */
  public DiagramRole getRole() {
    return role;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DiagramNode node
        && node.index == index
        && node.name.equals(name)
        && node.role == role;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, index, role);
  }

  @Override
  public String toString() {
    return "DiagramNode(" + name + ", " + role + ")";
  }
}
