package dev.adagio.benchmarks;

import static java.util.concurrent.CompletableFuture.completedFuture;

import com.github.dexecutor.core.DefaultDexecutor;
import com.github.dexecutor.core.DexecutorConfig;
import com.github.dexecutor.core.ExecutionConfig;
import com.github.dexecutor.core.task.ExecutionResult;
import com.github.dexecutor.core.task.ExecutionResults;
import com.github.dexecutor.core.task.Task;
import com.linkedin.parseq.Engine;
import com.linkedin.parseq.promise.Promises;
import com.linkedin.parseq.promise.SettablePromise;
import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * The contenders written in Java: Adagio's Java facade, hand-chained futures (on a pool and
 * inline), Reactor, ParSeq, dexecutor, and the floors.
 */
public final class JavaContenders {
  private JavaContenders() {}

  // ---- Adagio, Java facade: the definition is built once and run many times.

  public static JavaDag<Void, Long> adagioJava(int[][] deps) {
    JavaDagBuilder<Void> b = Dags.builder("bench-java");
    List<Node<Long>> nodes = new ArrayList<>(deps.length);
    for (int i = 0; i < deps.length; i++) {
      List<Node<Long>> inputs = new ArrayList<>(deps[i].length);
      for (int d : deps[i]) {
        inputs.add(nodes.get(d));
      }
      nodes.add(b.node("n" + i, inputs, values -> completedFuture(sum(values))));
    }
    return b.build(nodes.get(deps.length - 1));
  }

  public static JavaDag<Void, Long> adagioJavaDelays(
      int[][] deps, long[] delays, ScheduledExecutorService timer) {
    JavaDagBuilder<Void> b = Dags.builder("bench-java-delays");
    List<Node<Long>> nodes = new ArrayList<>(deps.length);
    for (int i = 0; i < deps.length; i++) {
      List<Node<Long>> inputs = new ArrayList<>(deps[i].length);
      for (int d : deps[i]) {
        inputs.add(nodes.get(d));
      }
      long delay = delays[i];
      nodes.add(b.node("n" + i, inputs, values -> later(timer, delay, sum(values))));
    }
    return b.build(nodes.get(deps.length - 1));
  }

  static long sum(List<Long> values) {
    long sum = 1;
    for (long v : values) {
      sum += v;
    }
    return sum;
  }

  static CompletableFuture<Long> later(ScheduledExecutorService timer, long millis, long value) {
    CompletableFuture<Long> f = new CompletableFuture<>();
    timer.schedule(() -> f.complete(value), millis, TimeUnit.MILLISECONDS);
    return f;
  }

  // ---- Floors, not contenders: no scheduler at all, one thread, nodes in index order.

  /** The same work with values boxed in an {@code Object[]}, as any generic engine keeps them. */
  public static long sequentialBoxed(int[][] deps) {
    Object[] values = new Object[deps.length];
    for (int i = 0; i < deps.length; i++) {
      long sum = 1;
      for (int d : deps[i]) {
        sum += (Long) values[d];
      }
      values[i] = sum;
    }
    return (Long) values[deps.length - 1];
  }

  /** The same work on primitive longs: the memory traffic of the graph itself, nothing more. */
  public static long sequentialPrimitive(int[][] deps) {
    return Shapes.reference(deps);
  }

  /**
   * The floor of any ready-queue scheduler: the graph's dependents and in-degrees prepared once,
   * and per run one loop on one thread over a queue of ready nodes, counters and boxed values, with
   * nothing else (no statuses, times, error handling or cancellation).
   */
  public static final class ReadyQueueFloor {
    private final int[][] deps;
    private final int[] inDegree;
    private final int[] outStart;
    private final int[] outs;

    public ReadyQueueFloor(int[][] deps) {
      this.deps = deps;
      int n = deps.length;
      inDegree = new int[n];
      outStart = new int[n + 1];
      for (int i = 0; i < n; i++) {
        inDegree[i] = deps[i].length;
        for (int d : deps[i]) {
          outStart[d + 1]++;
        }
      }
      for (int i = 0; i < n; i++) {
        outStart[i + 1] += outStart[i];
      }
      outs = new int[outStart[n]];
      int[] fill = Arrays.copyOf(outStart, n);
      for (int i = 0; i < n; i++) {
        for (int d : deps[i]) {
          outs[fill[d]++] = i;
        }
      }
    }

    public long run() {
      int n = deps.length;
      int[] counters = inDegree.clone();
      Object[] values = new Object[n];
      int[] queue = new int[n];
      int head = 0;
      int tail = 0;
      for (int i = 0; i < n; i++) {
        if (counters[i] == 0) {
          queue[tail++] = i;
        }
      }
      while (head < tail) {
        int i = queue[head++];
        long sum = 1;
        for (int d : deps[i]) {
          sum += (Long) values[d];
        }
        values[i] = sum;
        for (int e = outStart[i]; e < outStart[i + 1]; e++) {
          if (--counters[outs[e]] == 0) {
            queue[tail++] = outs[e];
          }
        }
      }
      return (Long) values[n - 1];
    }
  }

  // ---- Hand-chained CompletableFutures, completing inline on the caller's thread: no executor,
  // completedFuture/thenApply/thenCombine/allOf.

  @SuppressWarnings("unchecked")
  public static long futuresInline(int[][] deps) {
    CompletableFuture<Long>[] f = new CompletableFuture[deps.length];
    for (int i = 0; i < deps.length; i++) {
      int[] d = deps[i];
      f[i] =
          switch (d.length) {
            case 0 -> completedFuture(1L);
            case 1 -> f[d[0]].thenApply(v -> v + 1);
            case 2 -> f[d[0]].thenCombine(f[d[1]], (a, b) -> a + b + 1);
            default -> {
              CompletableFuture<Long>[] inputs = new CompletableFuture[d.length];
              for (int k = 0; k < d.length; k++) {
                inputs[k] = f[d[k]];
              }
              yield CompletableFuture.allOf(inputs).thenApply(ignored -> sumJoined(inputs));
            }
          };
    }
    CompletableFuture.allOf(f).join();
    return f[deps.length - 1].join();
  }

  private static long sumJoined(CompletableFuture<Long>[] inputs) {
    long sum = 1;
    for (CompletableFuture<Long> input : inputs) {
      sum += input.join();
    }
    return sum;
  }

  // ---- Reactor: a cached Mono per node (so a shared input is computed once), Mono.zip over its
  // inputs, every node subscribed with Mono.when, blocking for the last.

  @SuppressWarnings("unchecked")
  public static long reactor(int[][] deps) {
    Mono<Long>[] m = new Mono[deps.length];
    for (int i = 0; i < deps.length; i++) {
      int[] d = deps[i];
      Mono<Long> node =
          switch (d.length) {
            case 0 -> Mono.fromSupplier(() -> 1L);
            case 1 -> m[d[0]].map(v -> v + 1);
            default -> {
              List<Mono<Long>> inputs = new ArrayList<>(d.length);
              for (int k : d) {
                inputs.add(m[k]);
              }
              yield Mono.zip(
                  inputs,
                  values -> {
                    long sum = 1;
                    for (Object v : values) {
                      sum += (Long) v;
                    }
                    return sum;
                  });
            }
          };
      m[i] = node.cache();
    }
    return Mono.when(Arrays.asList(m)).then(m[deps.length - 1]).block();
  }

  // ---- Hand-chained CompletableFutures: one future per node, chained with
  // thenApply/thenCombine/allOf.

  @SuppressWarnings("unchecked")
  public static long futures(int[][] deps, ExecutorService pool) {
    CompletableFuture<Long>[] f = new CompletableFuture[deps.length];
    for (int i = 0; i < deps.length; i++) {
      int[] d = deps[i];
      f[i] =
          switch (d.length) {
            case 0 -> CompletableFuture.supplyAsync(() -> 1L, pool);
            case 1 -> f[d[0]].thenApplyAsync(v -> v + 1, pool);
            case 2 -> f[d[0]].thenCombineAsync(f[d[1]], (a, b) -> a + b + 1, pool);
            default -> {
              CompletableFuture<Long>[] inputs = new CompletableFuture[d.length];
              for (int k = 0; k < d.length; k++) {
                inputs[k] = f[d[k]];
              }
              yield CompletableFuture.allOf(inputs)
                  .thenApplyAsync(
                      ignored -> {
                        long sum = 1;
                        for (CompletableFuture<Long> input : inputs) {
                          sum += input.join();
                        }
                        return sum;
                      },
                      pool);
            }
          };
    }
    CompletableFuture.allOf(f).join();
    return f[deps.length - 1].join();
  }

  @SuppressWarnings("unchecked")
  public static long futuresDelays(int[][] deps, long[] delays, ScheduledExecutorService timer) {
    CompletableFuture<Long>[] f = new CompletableFuture[deps.length];
    for (int i = 0; i < deps.length; i++) {
      int[] d = deps[i];
      long delay = delays[i];
      CompletableFuture<Long>[] inputs = new CompletableFuture[d.length];
      for (int k = 0; k < d.length; k++) {
        inputs[k] = f[d[k]];
      }
      f[i] =
          CompletableFuture.allOf(inputs)
              .thenCompose(
                  ignored -> {
                    long sum = 1;
                    for (CompletableFuture<Long> input : inputs) {
                      sum += input.join();
                    }
                    return later(timer, delay, sum);
                  });
    }
    CompletableFuture.allOf(f).join();
    return f[deps.length - 1].join();
  }

  // ---- ParSeq 4.0.1: one task per node, Task.par over its inputs, mapped; one plan per run.

  @SuppressWarnings("unchecked")
  public static long parseq(int[][] deps, Engine engine) throws InterruptedException {
    com.linkedin.parseq.Task<Long>[] t = new com.linkedin.parseq.Task[deps.length];
    for (int i = 0; i < deps.length; i++) {
      t[i] = parseqNode(deps[i], t, "n" + i, -1, null);
    }
    return runParseq(t, engine);
  }

  @SuppressWarnings("unchecked")
  public static long parseqDelays(
      int[][] deps, long[] delays, Engine engine, ScheduledExecutorService timer)
      throws InterruptedException {
    com.linkedin.parseq.Task<Long>[] t = new com.linkedin.parseq.Task[deps.length];
    for (int i = 0; i < deps.length; i++) {
      t[i] = parseqNode(deps[i], t, "n" + i, delays[i], timer);
    }
    return runParseq(t, engine);
  }

  private static com.linkedin.parseq.Task<Long> parseqNode(
      int[] d,
      com.linkedin.parseq.Task<Long>[] t,
      String name,
      long delay,
      ScheduledExecutorService timer) {
    com.linkedin.parseq.Task<Long> sum;
    if (d.length == 0) {
      sum = com.linkedin.parseq.Task.callable(name, () -> 1L);
    } else {
      List<com.linkedin.parseq.Task<Long>> inputs = new ArrayList<>(d.length);
      for (int k : d) {
        inputs.add(t[k]);
      }
      sum = com.linkedin.parseq.Task.par(inputs).map(name, JavaContenders::sum);
    }
    if (delay < 0) {
      return sum;
    }
    return sum.flatMap(
        name + " delay",
        value ->
            com.linkedin.parseq.Task.async(
                () -> {
                  SettablePromise<Long> promise = Promises.settable();
                  timer.schedule(() -> promise.done(value), delay, TimeUnit.MILLISECONDS);
                  return promise;
                }));
  }

  private static long runParseq(com.linkedin.parseq.Task<Long>[] t, Engine engine)
      throws InterruptedException {
    com.linkedin.parseq.Task<List<Long>> all = com.linkedin.parseq.Task.par(List.of(t));
    engine.run(all);
    all.await();
    if (all.isFailed()) {
      throw new IllegalStateException("ParSeq failed", all.getError());
    }
    return t[t.length - 1].get();
  }

  // ---- dexecutor 2.1.2: one task per node, dependencies added edge by edge, parent results
  // summed.

  public static long dexecutor(int[][] deps, ExecutorService pool) {
    return dexecutor(deps, null, pool);
  }

  /**
   * dexecutor did not finish one 100,000-node run in over three minutes; larger shapes are skipped.
   */
  public static final int DEXECUTOR_MAX_NODES = 20_000;

  public static long dexecutor(int[][] deps, long[] delays, ExecutorService pool) {
    if (deps.length > DEXECUTOR_MAX_NODES) {
      throw new UnsupportedOperationException(
          "dexecutor is skipped above "
              + DEXECUTOR_MAX_NODES
              + " nodes: one run of 100,000 nodes did not finish in 3 minutes");
    }
    DexecutorConfig<Integer, Long> config =
        new DexecutorConfig<>(pool, id -> new SumTask(delays == null ? 0 : delays[id]));
    DefaultDexecutor<Integer, Long> executor = new DefaultDexecutor<>(config);
    for (int i = 0; i < deps.length; i++) {
      if (deps[i].length == 0) {
        executor.addIndependent(i);
      }
      for (int d : deps[i]) {
        executor.addDependency(d, i);
      }
    }
    ExecutionResults<Integer, Long> results = executor.execute(ExecutionConfig.TERMINATING);
    for (ExecutionResult<Integer, Long> result : results.getAll()) {
      if (result.getId() == deps.length - 1) {
        return result.getResult();
      }
    }
    throw new IllegalStateException("dexecutor returned no result for the last node");
  }

  static final class SumTask extends Task<Integer, Long> {
    private final long delay;

    SumTask(long delay) {
      this.delay = delay;
    }

    @Override
    public Long execute() {
      long sum = 1;
      for (ExecutionResult<Integer, Long> parent : getParentResults().getAll()) {
        sum += parent.getResult();
      }
      if (delay > 0) {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return sum;
    }
  }
}
