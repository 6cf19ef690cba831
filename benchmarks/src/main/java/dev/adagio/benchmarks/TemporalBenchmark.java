package dev.adagio.benchmarks;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import dev.adagio.temporal.AdagioClient;
import dev.adagio.temporal.AdagioWorkers;
import dev.adagio.temporal.TemporalDag;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * B8, what a durable run costs: the same graphs of {@link #nodes} no-op nodes run locally and on
 * Temporal's in-process test server (one worker in this JVM, no network), as a chain (each node
 * waits for the one before) and as a fan-out (every node at once, then one that sums them). The
 * test server is not a production cluster: its figures are the floor of the per-node overhead (an
 * activity and a workflow task per node, each value through JSON), not a prediction for a remote
 * server, where every task adds its network round trips.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class TemporalBenchmark {
  @Param({"100"})
  public int nodes;

  private static final String QUEUE = "benchmark";
  private final AtomicLong ids = new AtomicLong();
  private TestWorkflowEnvironment env;
  private AdagioClient client;
  private JavaDag<Integer, Integer> chain;
  private JavaDag<Integer, Integer> fan;
  private TemporalDag<Integer, Integer> durableChain;
  private TemporalDag<Integer, Integer> durableFan;

  @Setup
  public void setUp() {
    chain = chain(nodes);
    fan = fan(nodes);
    durableChain = TemporalDag.of(chain.definition());
    durableFan = TemporalDag.of(fan.definition());
    env = TestWorkflowEnvironment.newInstance();
    AdagioWorkers.register(env.newWorker(QUEUE), durableChain, durableFan);
    env.start();
    client = new AdagioClient(env.getWorkflowClient(), QUEUE);
  }

  @TearDown
  public void tearDown() {
    env.close();
  }

  static JavaDag<Integer, Integer> chain(int nodes) {
    JavaDagBuilder<Integer> b = Dags.builder("b8-chain", Integer.class);
    Node<Integer> last = b.input();
    for (int i = 0; i < nodes; i++) {
      last = b.step("n" + i, last, x -> x + 1);
    }
    return b.build(last);
  }

  static JavaDag<Integer, Integer> fan(int nodes) {
    JavaDagBuilder<Integer> b = Dags.builder("b8-fan", Integer.class);
    List<Node<Integer>> all = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      int k = i;
      all.add(b.step("n" + i, b.input(), x -> x + k));
    }
    return b.build(b.step("sum", all, xs -> xs.stream().mapToInt(v -> v).sum()));
  }

  /** The chain, run locally. */
  @Benchmark
  public int localChain() throws Exception {
    return chain.apply(0).get();
  }

  /** The chain, as a durable run on the test server. */
  @Benchmark
  public int temporalChain() {
    DagRun<Integer> run = client.start(durableChain, 0, "chain-" + ids.incrementAndGet()).join();
    return run.getOutput();
  }

  /** The fan-out, run locally. */
  @Benchmark
  public int localFan() throws Exception {
    return fan.apply(0).get();
  }

  /** The fan-out, as a durable run on the test server. */
  @Benchmark
  public int temporalFan() {
    DagRun<Integer> run = client.start(durableFan, 0, "fan-" + ids.incrementAndGet()).join();
    return run.getOutput();
  }
}
