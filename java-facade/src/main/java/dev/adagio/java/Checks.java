package dev.adagio.java;

import dev.adagio.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Argument checks of the facade, with messages that state the fact and the fix. */
final class Checks {
  private Checks() {}

  static <T> T notNull(T value, String what) {
    if (value == null) {
      throw new NullPointerException(what + " is null; pass a value");
    }
    return value;
  }

  /**
   * The inputs of node {@code node} as a list, each checked: a null handle is named by position.
   */
  static List<Node<?>> inputs(String node, Node<?>... inputs) {
    return inputs(node, Arrays.asList(inputs));
  }

  /** A copy of the input list of node {@code node}, each element checked. */
  static List<Node<?>> inputs(String node, List<? extends Node<?>> inputs) {
    if (inputs == null) {
      throw new NullPointerException(
          "The input list of node '" + node + "' is null; pass a list of node handles.");
    }
    List<Node<?>> copy = new ArrayList<>(inputs.size());
    for (int k = 0; k < inputs.size(); k++) {
      Node<?> input = inputs.get(k);
      if (input == null) {
        throw new NullPointerException(
            "Input #"
                + (k + 1)
                + " of node '"
                + node
                + "' is null; pass the handle that node(…) or blocking(…) returned for it.");
      }
      copy.add(input);
    }
    return Collections.unmodifiableList(copy);
  }

  /** A node's name, never null: Kotlin's own check would say only that a parameter was null. */
  static String name(String name) {
    if (name == null) {
      throw new NullPointerException(
          "A node name is null; give every node a name that says what it does.");
    }
    return name;
  }

  static <T> T body(T body, String node) {
    if (body == null) {
      throw new NullPointerException(
          "The body of node '" + node + "' is null; pass a function that does the node's work");
    }
    return body;
  }
}
