package dev.adagio.examples;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import dev.adagio.java.NodeOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * CpuBound's twin in Java: eight {@code step}s declared with {@link NodeOptions#dispatched()}, so
 * each slice is handed to a thread of Adagio's CPU executor instead of running on the engine's
 * thread, one after the other.
 */
public final class CpuBoundJava {
  private CpuBoundJava() {}

  public static JavaDag<Void, Integer> graph() {
    JavaDagBuilder<Void> b = Dags.builder("primes-java");
    JavaDagBuilder<Void> cpu = b.with(NodeOptions.defaults().dispatched());
    int slice = CpuBound.LIMIT / CpuBound.SLICES;
    List<Node<Integer>> slices = new ArrayList<>();
    for (int k = 0; k < CpuBound.SLICES; k++) {
      int from = k * slice;
      slices.add(cpu.step("slice " + k, () -> CpuBound.INSTANCE.countPrimes(from, from + slice)));
    }
    return b.build(
        b.step("total", slices, counts -> counts.stream().mapToInt(Integer::intValue).sum()));
  }

  public static DagRun<Integer> run() {
    return graph().run(null).join();
  }
}
