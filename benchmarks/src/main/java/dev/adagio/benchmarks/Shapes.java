package dev.adagio.benchmarks;

import java.util.Arrays;
import java.util.Random;

/**
 * The graphs every contender runs, seeded so that each run of a benchmark sees the same graph. A
 * shape is an array {@code deps}: {@code deps[i]} lists the inputs of node {@code i}, all earlier
 * nodes, without repeats. A node's work is the sum of its inputs plus 1, in {@code long} arithmetic
 * (overflow wraps the same way for everyone), and a run's result is the last node's value.
 */
public final class Shapes {
  private Shapes() {}

  /** {@code random-N} (average in-degree 3), {@code chain-N}, or {@code fan-N} (fan-out/fan-in). */
  public static int[][] of(String spec) {
    int dash = spec.indexOf('-');
    String kind = spec.substring(0, dash);
    int n = Integer.parseInt(spec.substring(dash + 1));
    return switch (kind) {
      case "random" -> random(n, 42);
      case "chain" -> chain(n);
      case "fan" -> fan(n);
      default ->
          throw new IllegalArgumentException(
              "Unknown shape '" + spec + "'; use random-N, chain-N or fan-N.");
    };
  }

  /**
   * Node i takes k inputs, k uniform in 0..min(i, 6) (3 on average), picked among all earlier
   * nodes.
   */
  public static int[][] random(int n, long seed) {
    Random random = new Random(seed);
    int[][] deps = new int[n][];
    for (int i = 0; i < n; i++) {
      int k = random.nextInt(Math.min(i, 6) + 1);
      deps[i] = random.ints(0, Math.max(i, 1)).distinct().limit(k).sorted().toArray();
    }
    return deps;
  }

  public static int[][] chain(int n) {
    int[][] deps = new int[n][];
    deps[0] = new int[0];
    for (int i = 1; i < n; i++) {
      deps[i] = new int[] {i - 1};
    }
    return deps;
  }

  /** A source, {@code n - 2} nodes that take it, and a sink that takes them all. */
  public static int[][] fan(int n) {
    int[][] deps = new int[n][];
    deps[0] = new int[0];
    for (int i = 1; i < n - 1; i++) {
      deps[i] = new int[] {0};
    }
    int[] all = new int[n - 2];
    Arrays.setAll(all, i -> i + 1);
    deps[n - 1] = all;
    return deps;
  }

  /** The result every contender must give: the last node's value, computed in order. */
  public static long reference(int[][] deps) {
    long[] values = new long[deps.length];
    for (int i = 0; i < deps.length; i++) {
      long sum = 1;
      for (int d : deps[i]) {
        sum += values[d];
      }
      values[i] = sum;
    }
    return values[deps.length - 1];
  }

  /** A delay of 1 to 5 ms per node, seeded. */
  public static long[] delaysMillis(int n, long seed) {
    Random random = new Random(seed);
    long[] delays = new long[n];
    Arrays.setAll(delays, i -> 1 + random.nextInt(5));
    return delays;
  }

  /** The longest path of delays: no schedule can finish sooner. */
  public static long criticalPathMillis(int[][] deps, long[] delays) {
    long[] finish = new long[deps.length];
    long longest = 0;
    for (int i = 0; i < deps.length; i++) {
      long start = 0;
      for (int d : deps[i]) {
        start = Math.max(start, finish[d]);
      }
      finish[i] = start + delays[i];
      longest = Math.max(longest, finish[i]);
    }
    return longest;
  }
}
