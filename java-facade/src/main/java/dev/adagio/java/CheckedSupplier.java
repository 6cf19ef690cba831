package dev.adagio.java;

/**
 * The body of a blocking node or a step with no input: like {@link java.util.function.Supplier},
 * but it may throw any exception, checked ones included, which fails the node with that exception.
 *
 * @param <R> the type of the node's value
 */
@FunctionalInterface
public interface CheckedSupplier<R> {
  /** Does the node's work and returns its value. */
  R get() throws Exception;
}
