package dev.adagio.java;

/**
 * The body of a blocking node or a step with one input (or a list of them): like {@link
 * java.util.function.Function}, but it may throw any exception, checked ones included, which fails
 * the node with that exception.
 *
 * @param <A> the type of the input
 * @param <R> the type of the node's value
 */
@FunctionalInterface
public interface CheckedFunction<A, R> {
  /** Does the node's work with {@code a} and returns its value. */
  R apply(A a) throws Exception;
}
