package dev.adagio.java;

/** A function of three arguments, for nodes with three inputs. */
@FunctionalInterface
public interface TriFunction<A, B, C, R> {
  /** Applies this function. */
  /** Applies the function to the three arguments. */
  R apply(A a, B b, C c);
}
