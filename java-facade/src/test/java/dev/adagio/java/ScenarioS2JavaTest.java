package dev.adagio.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adagio.DagRun;
import dev.adagio.Node;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SCENARIOS.md S2 through the Java facade, in real time. */
class ScenarioS2JavaTest {
  private final Steps steps = new Steps();

  private CompletionStage<Integer> inc(String name, int n, long millis) {
    return steps.after(name, millis, () -> n + 1);
  }

  private CompletionStage<Integer> add(String name, int a, int b, long millis) {
    return steps.after(name, millis, () -> a + b);
  }

  private JavaDag<Integer, Integer> s2() {
    JavaDagBuilder<Integer> b = Dags.builder("s2", Integer.class);
    Node<Integer> fastA = b.node("FastA", b.input(), n -> inc("FastA", n, 100));
    Node<Integer> slowB = b.node("SlowB", fastA, n -> inc("SlowB", n, 1000));
    Node<Integer> slowA = b.node("SlowA", b.input(), n -> inc("SlowA", n, 500));
    Node<Integer> fastB = b.node("FastB", b.input(), n -> inc("FastB", n, 200));
    Node<Integer> fastC = b.node("FastC", slowA, fastB, (x, y) -> add("FastC", x, y, 100));
    return b.build(b.node("End", fastC, slowB, (x, y) -> add("End", x, y, 100)));
  }

  @Test
  void inputZero_givesEndFourAndFastAOne() throws Exception {
    JavaDag<Integer, Integer> dag = s2();
    DagRun<Integer> run = dag.run(0).get(10, TimeUnit.SECONDS);
    assertEquals(4, run.getOutput());
    assertEquals(1, run.get(dag.node("FastA")));
  }

  @Test
  void eventsHappenInTheDocumentedOrder() throws Exception {
    s2().apply(0).get(10, TimeUnit.SECONDS);
    assertEquals(
        List.of(
            "start FastA",
            "start SlowA",
            "start FastB",
            "end FastA",
            "start SlowB",
            "end FastB",
            "end SlowA",
            "start FastC",
            "end FastC",
            "end SlowB",
            "start End",
            "end End"),
        steps.all());
  }

  @Test
  void oneDefinition_runTwiceInTurn_givesIndependentResults() throws Exception {
    JavaDag<Integer, Integer> dag = s2();
    assertEquals(4, dag.apply(0).get(10, TimeUnit.SECONDS));
    assertEquals(3001, dag.apply(999).get(10, TimeUnit.SECONDS));
  }

  @Test
  void oneDefinition_runTwiceConcurrently_givesIndependentResults() throws Exception {
    JavaDag<Integer, Integer> dag = s2();
    CompletableFuture<Integer> zero = dag.apply(0);
    CompletableFuture<Integer> other = dag.apply(999);
    assertEquals(4, zero.get(10, TimeUnit.SECONDS));
    assertEquals(3001, other.get(10, TimeUnit.SECONDS));
  }
}
