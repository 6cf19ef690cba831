package dev.adagio.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.linkedin.parseq.Engine;
import com.linkedin.parseq.EngineBuilder;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Keeps the benchmarks honest and alive in CI: every contender computes the reference result on
 * every shape, and every JMH benchmark runs once, in-process, with tiny settings.
 */
class BenchmarkSmokeTest {
  @ParameterizedTest
  @ValueSource(strings = {"random-500", "chain-2000", "fan-500"})
  void everyContenderComputesTheReferenceResult(String shape) throws Exception {
    int[][] deps = Shapes.of(shape);
    long expected = Shapes.reference(deps);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    Engine engine = new EngineBuilder().setTaskExecutor(pool).setTimerScheduler(timer).build();
    try {
      assertEquals(
          expected, KotlinContenders.run(KotlinContenders.adagio(deps, null)), "Adagio DSL");
      assertEquals(expected, JavaContenders.adagioJava(deps).apply(null).join(), "Adagio Java");
      if (shape.startsWith("fan-")) {
        assertEquals(
            expected,
            KotlinContenders.run(KotlinContenders.adagioMap(deps.length)),
            "Adagio DSL, the fan as a map");
      }
      assertEquals(expected, KotlinContenders.coroutines(deps, null), "coroutines");
      assertEquals(expected, JavaContenders.futures(deps, pool), "CompletableFuture");
      assertEquals(expected, JavaContenders.futuresInline(deps), "CompletableFuture, inline");
      assertEquals(expected, JavaContenders.reactor(deps), "Reactor");
      assertEquals(expected, new JavaContenders.ReadyQueueFloor(deps).run(), "floor, ready queue");
      assertEquals(expected, JavaContenders.parseq(deps, engine), "ParSeq");
      assertEquals(expected, JavaContenders.dexecutor(deps, pool), "dexecutor");
      assertEquals(expected, JavaContenders.sequentialBoxed(deps), "floor, boxed");
      assertEquals(expected, JavaContenders.sequentialPrimitive(deps), "floor, primitive");
    } finally {
      engine.shutdown();
      pool.shutdownNow();
      timer.shutdownNow();
    }
  }

  @Test
  void theDelayGraphsComputeTheReferenceResult() throws Exception {
    int[][] deps = Shapes.random(60, 3);
    long[] delays = Shapes.delaysMillis(60, 3);
    long expected = Shapes.reference(deps);
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    ExecutorService blocking = Executors.newCachedThreadPool();
    Engine engine = new EngineBuilder().setTaskExecutor(pool).setTimerScheduler(timer).build();
    try {
      assertEquals(expected, KotlinContenders.run(KotlinContenders.adagio(deps, delays)));
      assertEquals(
          expected, JavaContenders.adagioJavaDelays(deps, delays, timer).apply(null).join());
      assertEquals(expected, KotlinContenders.coroutines(deps, delays));
      assertEquals(expected, JavaContenders.futuresDelays(deps, delays, timer));
      assertEquals(expected, JavaContenders.parseqDelays(deps, delays, engine, timer));
      assertEquals(expected, JavaContenders.dexecutor(deps, delays, blocking));
    } finally {
      engine.shutdown();
      pool.shutdownNow();
      blocking.shutdownNow();
      timer.shutdownNow();
    }
  }

  @Test
  void bothStreamContendersDeliverEveryEvenItem() {
    for (int workers : new int[] {1, 4}) {
      assertEquals(
          5_000, StreamContenders.runAdagio(StreamContenders.adagioStream(10_000, workers)));
      assertEquals(5_000, StreamContenders.handWritten(10_000, workers));
    }
  }

  @Test
  void everyCpuContenderComputesTheSameSum() throws Exception {
    long expected = CpuWork.sequential();
    CpuBenchmark benchmark = new CpuBenchmark();
    benchmark.setUp();
    try {
      assertEquals(expected, benchmark.dslPlainFromDefault(), "DSL, plain");
      assertEquals(expected, benchmark.dslWithContextFromDefault(), "DSL, withContext");
      assertEquals(expected, benchmark.dslWithContextFromThread(), "DSL, withContext, thread");
      assertEquals(expected, benchmark.dslDispatchedFromDefault(), "DSL, dispatched");
      assertEquals(expected, benchmark.dslDispatchedFromThread(), "DSL, dispatched, thread");
      assertEquals(expected, benchmark.javaPlain(), "Java, plain");
      assertEquals(expected, benchmark.javaDispatched(), "Java, dispatched");
      assertEquals(expected, benchmark.coroutines(), "coroutines");
      assertEquals(expected, benchmark.completableFutures(), "CompletableFuture");
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void everyBlockingContenderCountsEveryNode() throws Exception {
    BlockingBenchmark benchmark = new BlockingBenchmark();
    benchmark.nodes = 8;
    benchmark.setUp();
    try {
      assertEquals(8, benchmark.dslDefault(), "DSL, default");
      assertEquals(8, benchmark.dslOnIo(), "DSL, IO");
      assertEquals(8, benchmark.javaDefault(), "Java, default");
      assertEquals(8, benchmark.coroutinesOnIo(), "coroutines");
      assertEquals(8, benchmark.futuresOnCachedPool(), "CompletableFuture");
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void schedulingReport_criticalPathIsNeverBelowTheLowerBound() {
    for (int seed = 1; seed <= 5; seed++) {
      Makespans m = Reports.makespans(seed, 80, 2);
      assertTrue(
          m.getCriticalPath() >= m.getLowerBound() && m.getFifo() >= m.getLowerBound(),
          m.toString());
    }
  }

  @Test
  void everyJmhBenchmarkRunsOnce() throws Exception {
    Options options =
        new OptionsBuilder()
            .include("dev.adagio.benchmarks.*")
            .param("shape", "random-1000")
            // The native dot may be missing; the embedded Graphviz is always there.
            .param("engine", "EMBEDDED")
            // B7 sleeps 200 ms per node; a few nodes prove each contender runs.
            .param("nodes", "4")
            // B9 maps 100,000 elements; a thousand prove both forms run.
            .param("elements", "1000")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(50))
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    assertEquals(
        47,
        results.size(),
        "8 contenders and 3 floors in B1, 6 contenders in B2, 2 × 2 worker counts in B5, 10 in B6, 5"
            + " in B7, 4 in B8, 2 in B9, 3 cycle checks, 2 renders");
  }
}
