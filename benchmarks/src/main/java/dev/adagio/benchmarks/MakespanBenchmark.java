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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B2, makespan against the critical path: a 1,000-node random DAG whose nodes each wait 1 to 5 ms.
 * No schedule beats the critical path ({@link #CRITICAL_PATH_MILLIS}); the ratio of a contender's
 * time to it is what it adds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class MakespanBenchmark {
  static final int[][] DEPS = Shapes.random(1000, 7);
  static final long[] DELAYS = Shapes.delaysMillis(1000, 7);
  public static final long CRITICAL_PATH_MILLIS = Shapes.criticalPathMillis(DEPS, DELAYS);

  private Dag<Unit, Long> adagio;
  private JavaDag<Void, Long> adagioJava;
  private ExecutorService pool;
  private ExecutorService blockingPool;
  private ScheduledExecutorService timer;
  private Engine engine;

  @Setup
  public void setUp() {
    pool = Executors.newFixedThreadPool(2);
    blockingPool = Executors.newCachedThreadPool();
    timer = Executors.newScheduledThreadPool(1);
    engine = new EngineBuilder().setTaskExecutor(pool).setTimerScheduler(timer).build();
    adagio = KotlinContenders.adagio(DEPS, DELAYS);
    adagioJava = JavaContenders.adagioJavaDelays(DEPS, DELAYS, timer);
  }

  @TearDown
  public void tearDown() {
    engine.shutdown();
    pool.shutdownNow();
    blockingPool.shutdownNow();
    timer.shutdownNow();
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
    return KotlinContenders.coroutines(DEPS, DELAYS);
  }

  @Benchmark
  public long completableFutures() {
    return JavaContenders.futuresDelays(DEPS, DELAYS, timer);
  }

  @Benchmark
  public long parseq() throws InterruptedException {
    return JavaContenders.parseqDelays(DEPS, DELAYS, engine, timer);
  }

  /** dexecutor runs blocking tasks, so each waiting node holds a thread of an unbounded pool. */
  @Benchmark
  public long dexecutor() {
    return JavaContenders.dexecutor(DEPS, DELAYS, blockingPool);
  }
}
