package dev.adagio.java;

/** Argument checks of the facade, with messages that state the fact and the fix. */
final class Checks {
  private Checks() {}

  static <T> T notNull(T value, String what) {
    if (value == null) {
      throw new NullPointerException(what + " is null; pass a value");
    }
    return value;
  }

  static <T> T body(T body, String node) {
    if (body == null) {
      throw new NullPointerException(
          "The body of node '" + node + "' is null; pass a function that does the node's work");
    }
    return body;
  }
}
