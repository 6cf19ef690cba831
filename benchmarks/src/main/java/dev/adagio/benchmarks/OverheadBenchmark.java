package dev.adagio.benchmarks;

import com.linkedin.parseq.Engine;
import com.linkedin.parseq.EngineBuilder;
import dev.adagio.Dag;
import dev.adagio.java.JavaDag;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kotlin.Unit;
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
 * B1, overhead per node: the same no-op graph (each node sums its inputs plus 1) through every
 * contender. Divide the time per operation by the node count for ns per node.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g", "-Xss8m"})
public class OverheadBenchmark {
  @Param({
    "random-1000",
    "random-10000",
    "random-100000",
    "random-1000000",
    "chain-1000000",
    "fan-100000"
  })
  public String shape;

  private int[][] deps;
  private Dag<Unit, Long> adagio;
  private JavaDag<Void, Long> adagioJava;
  private ExecutorService pool;
  private ScheduledExecutorService timer;
  private Engine engine;
  private JavaContenders.ReadyQueueFloor readyQueue;

  @Setup
  public void setUp() {
    deps = Shapes.of(shape);
    adagio = KotlinContenders.adagio(deps, null);
    adagioJava = JavaContenders.adagioJava(deps);
    readyQueue = new JavaContenders.ReadyQueueFloor(deps);
    pool = Executors.newFixedThreadPool(2);
    timer = Executors.newSingleThreadScheduledExecutor();
    engine = new EngineBuilder().setTaskExecutor(pool).setTimerScheduler(timer).build();
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    engine.shutdown();
    pool.shutdownNow();
    timer.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public long adagioDsl() {
    return KotlinContenders.run(adagio);
  }

  @Benchmark
  public long adagioJavaFacade() {
    return adagioJava.apply(null).join();
  }

  @Benchmark
  public long coroutines() {
    return KotlinContenders.coroutines(deps, null);
  }

  @Benchmark
  public long completableFutures() {
    return JavaContenders.futures(deps, pool);
  }

  @Benchmark
  public long completableFuturesInline() {
    return JavaContenders.futuresInline(deps);
  }

  @Benchmark
  public long reactor() {
    return JavaContenders.reactor(deps);
  }

  @Benchmark
  public long parseq() throws InterruptedException {
    return JavaContenders.parseq(deps, engine);
  }

  @Benchmark
  public long dexecutor() {
    return JavaContenders.dexecutor(deps, pool);
  }

  /** Floor: a hand-written ready queue on one thread, values boxed. */
  @Benchmark
  public long floorReadyQueue() {
    return readyQueue.run();
  }

  /** Floor: one thread, index order, values boxed like any generic engine's. */
  @Benchmark
  public long floorSequentialBoxed() {
    return JavaContenders.sequentialBoxed(deps);
  }

  /** Floor: one thread, index order, primitive longs. */
  @Benchmark
  public long floorSequentialPrimitive() {
    return JavaContenders.sequentialPrimitive(deps);
  }
}
