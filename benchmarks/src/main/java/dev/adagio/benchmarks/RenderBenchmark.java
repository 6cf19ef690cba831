package dev.adagio.benchmarks;

import dev.adagio.Node;
import dev.adagio.graphviz.Diagram;
import dev.adagio.graphviz.DiagramOptions;
import dev.adagio.graphviz.Engine;
import dev.adagio.graphviz.Format;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDagBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * Rendering a diagram to SVG: the embedded Graphviz (WebAssembly on Chicory) beside the native
 * {@code dot} (a process per diagram). {@code firstRender} is the time to the first SVG in a fresh
 * JVM (the embedded engine compiles its module then), one shot per fork.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RenderBenchmark {
  @Param({"EMBEDDED", "NATIVE"})
  public String engine;

  private Diagram diagram;

  @Setup
  public void setUp() {
    diagram =
        Diagram.of(chain(30)).with(DiagramOptions.defaults().withEngine(Engine.valueOf(engine)));
  }

  /** A graph of 30 nodes, each after the previous two: the size of a scenario's diagram. */
  static dev.adagio.Dag<Void, Integer> chain(int size) {
    JavaDagBuilder<Void> b = Dags.builder("render");
    List<Node<Integer>> nodes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      List<Node<Integer>> inputs = nodes.subList(Math.max(0, nodes.size() - 2), nodes.size());
      nodes.add(
          b.node(
              "node " + i,
              List.copyOf(inputs),
              xs -> CompletableFuture.completedFuture(xs.size())));
    }
    return b.build(nodes.get(size - 1)).definition();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Fork(1)
  public byte[] svg() throws IOException {
    return diagram.render(Format.SVG);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(5)
  public byte[] firstRender() throws IOException {
    return diagram.render(Format.SVG);
  }
}
