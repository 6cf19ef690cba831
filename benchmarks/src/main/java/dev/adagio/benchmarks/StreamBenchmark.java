package dev.adagio.benchmarks;

import dev.adagio.stream.StreamGraph;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B5, items per second through a 3-stage stream (source, +1, keep evens, sum; buffers of 1,024, on
 * {@code Dispatchers.Default}), with 1 or 4 workers on the middle stage: Adagio's stream graph
 * against the same pipeline written by hand with channels. Throughput is per item.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@OperationsPerInvocation(StreamBenchmark.ITEMS)
public class StreamBenchmark {
  static final int ITEMS = 100_000;

  /** Workers on the middle stage ("plus one"). */
  @Param({"1", "4"})
  public int workers;

  private StreamGraph adagio;

  @Setup
  public void setUp() {
    adagio = StreamContenders.adagioStream(ITEMS, workers);
  }

  @Benchmark
  public long adagioStream() {
    return StreamContenders.runAdagio(adagio);
  }

  @Benchmark
  public long handWrittenChannels() {
    return StreamContenders.handWritten(ITEMS, workers);
  }
}
