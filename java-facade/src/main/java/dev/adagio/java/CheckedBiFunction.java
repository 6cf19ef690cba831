package dev.adagio.java;

/**
 * The body of a blocking node or a step with two inputs: like {@link
 * java.util.function.BiFunction}, but it may throw any exception, checked ones included, which
 * fails the node with that exception.
 *
 * @param <A> the type of the first input
 * @param <B> the type of the second input
 * @param <R> the type of the node's value
 */
@FunctionalInterface
public interface CheckedBiFunction<A, B, R> {
  /** Does the node's work with {@code a} and {@code b} on the executor's thread. */
  R apply(A a, B b) throws Exception;
}
