package dev.adagio.benchmarks;

import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import dev.adagio.java.NodeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The CPU-bound graph of B6: {@link #NODES} independent nodes of pure computation (about 1 ms each
 * on the benchmark machine) and a sink that sums their results. Every contender computes {@link
 * #sequential()}.
 */
public final class CpuWork {
  private CpuWork() {}

  public static final int NODES = 200;

  /** Rounds of xorshift per node: about 1 ms on the 2-core benchmark machine (JDK 17). */
  public static final int ROUNDS = 550_000;

  /** One node's work: {@link #ROUNDS} rounds of xorshift from a seed, which the JIT cannot skip. */
  public static long crunch(long seed) {
    long x = seed + 1;
    for (int k = 0; k < ROUNDS; k++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }

  /** The whole graph on one thread: the baseline of every speed-up. */
  public static long sequential() {
    long sum = 0;
    for (int i = 0; i < NODES; i++) {
      sum += crunch(i);
    }
    return sum;
  }

  /** Hand-written: one {@code supplyAsync} per node on {@code pool}, summed after {@code allOf}. */
  @SuppressWarnings("unchecked")
  public static long futures(ExecutorService pool) {
    CompletableFuture<Long>[] parts = new CompletableFuture[NODES];
    for (int i = 0; i < NODES; i++) {
      long seed = i;
      parts[i] = CompletableFuture.supplyAsync(() -> crunch(seed), pool);
    }
    CompletableFuture.allOf(parts).join();
    long sum = 0;
    for (CompletableFuture<Long> part : parts) {
      sum += part.join();
    }
    return sum;
  }

  /** Adagio's Java facade: a {@code step} per node, {@link NodeOptions#dispatched()} or not. */
  public static JavaDag<Void, Long> adagioJava(boolean dispatched) {
    JavaDagBuilder<Void> b = Dags.builder("cpu-java");
    JavaDagBuilder<Void> declare = dispatched ? b.with(NodeOptions.defaults().dispatched()) : b;
    List<Node<Long>> parts = new ArrayList<>(NODES);
    for (int i = 0; i < NODES; i++) {
      long seed = i;
      parts.add(declare.step("c" + i, () -> crunch(seed)));
    }
    return b.build(
        b.step(
            "sum",
            parts,
            values -> {
              long sum = 0;
              for (long v : values) {
                sum += v;
              }
              return sum;
            }));
  }
}
