package dev.adagio.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A seed bug of the Python libraries, timed: building a chain of N nodes and adding one order edge
 * that would close a cycle. The check must be linear: ten times the nodes, about ten times the
 * time. (Includes building the chain, which is linear too.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class CycleCheckBenchmark {
  @Param({"1000", "10000", "100000"})
  public int size;

  @Benchmark
  public int chainWithOneBackEdge() {
    return CycleCheck.refuseBackEdge(size);
  }
}
