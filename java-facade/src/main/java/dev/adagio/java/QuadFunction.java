package dev.adagio.java;

/** A function of four arguments, for nodes with four inputs. */
@FunctionalInterface
public interface QuadFunction<A, B, C, D, R> {
  /** Applies this function. */
  /** Applies the function to the four arguments. */
  R apply(A a, B b, C c, D d);
}
