package dev.adagio.benchmarks;

import dev.adagio.Dag;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * B9, a node mapped over a list known at run time, beside the same shape declared node by node: the
 * fan of B1 ({@code fan-N}: a source, N - 2 nodes that take it, a sink) against a source whose list
 * has N - 2 items, a map over it and the sink. Divide by N for ns per element.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g", "-Xss8m"})
public class MapBenchmark {
  @Param({"100000"})
  public int elements;

  private Dag<Unit, Long> fan;
  private Dag<Unit, Long> mapped;

  @Setup
  public void setUp() {
    fan = KotlinContenders.adagio(Shapes.of("fan-" + elements), null);
    mapped = KotlinContenders.adagioMap(elements);
  }

  /** The fan, every node declared: B1's {@code adagioDsl} on {@code fan-N}. */
  @Benchmark
  public long declaredFan() {
    return KotlinContenders.run(fan);
  }

  /** The same work as a map: its elements added to the run when the list is ready. */
  @Benchmark
  public long mappedFan() {
    return KotlinContenders.run(mapped);
  }
}
