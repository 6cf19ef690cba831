package dev.adagio.benchmarks;

import dev.adagio.Dag;
import dev.adagio.benchmarks.CpuContenders.Declared;
import dev.adagio.java.JavaDag;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import kotlin.Unit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B6, CPU-bound nodes: the makespan of {@link CpuWork}'s graph ({@value CpuWork#NODES} nodes of
 * about 1 ms of computation) against {@link #oneThread()}. On 2 cores the best speed-up is 2.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class CpuBenchmark {
  private Dag<Unit, Long> plain;
  private Dag<Unit, Long> withContext;
  private Dag<Unit, Long> dispatched;
  private JavaDag<Void, Long> javaPlain;
  private JavaDag<Void, Long> javaDispatched;
  private ExecutorService pool;

  @Setup
  public void setUp() {
    plain = CpuContenders.adagio(Declared.PLAIN);
    withContext = CpuContenders.adagio(Declared.WITH_CONTEXT);
    dispatched = CpuContenders.adagio(Declared.DISPATCHED);
    javaPlain = CpuWork.adagioJava(false);
    javaDispatched = CpuWork.adagioJava(true);
    pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** The baseline: every node in one loop on one thread. */
  @Benchmark
  public long oneThread() {
    return CpuWork.sequential();
  }

  /** {@code node { crunch() }} from {@code runBlocking(Dispatchers.Default)}. */
  @Benchmark
  public long dslPlainFromDefault() {
    return CpuContenders.runOnDefault(plain);
  }

  /**
   * The old README's remedy, {@code withContext(Dispatchers.Default)} in the body, from Default.
   */
  @Benchmark
  public long dslWithContextFromDefault() {
    return CpuContenders.runOnDefault(withContext);
  }

  /** The old README's remedy from a plain thread. */
  @Benchmark
  public long dslWithContextFromThread() {
    return CpuContenders.runOnThread(withContext);
  }

  /** {@code node { crunch() }.dispatched()} from {@code runBlocking(Dispatchers.Default)}. */
  @Benchmark
  public long dslDispatchedFromDefault() {
    return CpuContenders.runOnDefault(dispatched);
  }

  /** {@code node { crunch() }.dispatched()} from a plain thread. */
  @Benchmark
  public long dslDispatchedFromThread() {
    return CpuContenders.runOnThread(dispatched);
  }

  /** A Java {@code step} per node, {@code dag.apply(null).join()} from a plain thread. */
  @Benchmark
  public long javaPlain() {
    return javaPlain.apply(null).join();
  }

  /** A Java {@code step} per node declared with {@code NodeOptions.dispatched()}. */
  @Benchmark
  public long javaDispatched() {
    return javaDispatched.apply(null).join();
  }

  /** Hand-written coroutines: {@code async} per node on {@code Dispatchers.Default}. */
  @Benchmark
  public long coroutines() {
    return CpuContenders.coroutines();
  }

  /** Hand-written futures: {@code supplyAsync} per node on a pool of one thread per core. */
  @Benchmark
  public long completableFutures() {
    return CpuWork.futures(pool);
  }
}
