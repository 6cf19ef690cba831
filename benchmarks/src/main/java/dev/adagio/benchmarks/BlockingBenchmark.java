package dev.adagio.benchmarks;

import dev.adagio.Dag;
import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import kotlin.Unit;
import kotlinx.coroutines.Dispatchers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B7, blocking nodes: {@link #nodes} nodes (1,000) that each block their thread for {@value
 * BlockingContenders#BLOCKING_MILLIS} ms ({@code Thread.sleep}), and a node that counts them. The
 * best makespan is one sleep; a pool of n threads needs 1000 / n sleeps. Run it on JDK 17 and on
 * JDK 21+, where blocking bodies default to virtual threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class BlockingBenchmark {
  @Param({"1000"})
  public int nodes;

  private Dag<Unit, Integer> dslDefault;
  private Dag<Unit, Integer> dslOnIo;
  private JavaDag<Void, Integer> javaDefault;
  private ExecutorService cachedPool;

  @Setup
  public void setUp() {
    dslDefault = BlockingContenders.adagio(nodes, null);
    dslOnIo = BlockingContenders.adagio(nodes, Dispatchers.getIO());
    javaDefault = javaGraph(nodes);
    cachedPool = Executors.newCachedThreadPool();
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    cachedPool.shutdownNow();
    cachedPool.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static JavaDag<Void, Integer> javaGraph(int nodes) {
    JavaDagBuilder<Void> b = Dags.builder("blocking-java");
    List<Node<Integer>> sleepers = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      sleepers.add(
          b.blocking(
              "b" + i,
              () -> {
                Thread.sleep(BlockingContenders.BLOCKING_MILLIS);
                return 1;
              }));
    }
    return b.build(b.step("count", sleepers, values -> values.stream().mapToInt(v -> v).sum()));
  }

  /** {@code blockingNode { … }}: virtual threads on JDK 21+, {@code Dispatchers.IO} before. */
  @Benchmark
  public int dslDefault() {
    return BlockingContenders.run(dslDefault);
  }

  /** {@code blockingNode(dispatcher = Dispatchers.IO) { … }}: the default before JDK 21. */
  @Benchmark
  public int dslOnIo() {
    return BlockingContenders.run(dslOnIo);
  }

  /** The Java facade's {@code blocking(name, body)} with no executor. */
  @Benchmark
  public int javaDefault() {
    return javaDefault.apply(null).join();
  }

  /** Hand-written coroutines: {@code async { runInterruptible(Dispatchers.IO) { … } } }. */
  @Benchmark
  public int coroutinesOnIo() {
    return BlockingContenders.coroutinesOnIo(nodes);
  }

  /** Hand-written futures: {@code supplyAsync} per sleeper on a cached pool (a thread each). */
  @Benchmark
  public int futuresOnCachedPool() {
    List<CompletableFuture<Integer>> all = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      all.add(CompletableFuture.supplyAsync(BlockingBenchmark::sleepOnce, cachedPool));
    }
    int count = 0;
    for (CompletableFuture<Integer> f : all) {
      count += f.join();
    }
    return count;
  }

  private static int sleepOnce() {
    try {
      Thread.sleep(BlockingContenders.BLOCKING_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return 1;
  }
}
