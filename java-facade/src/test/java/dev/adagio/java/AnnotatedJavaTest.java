package dev.adagio.java;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagCycleException;
import dev.adagio.DagDefinitionException;
import dev.adagio.DagRun;
import dev.adagio.NodeFailedException;
import dev.adagio.NodeKind;
import dev.adagio.NodeStatus;
import dev.adagio.RunOptions;
import dev.adagio.annotated.DagNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** SCENARIOS.md S1 and a data graph as annotated Java methods; inputs named by -parameters. */
class AnnotatedJavaTest {
  /** S1: A and B block a thread; the others return stages. Edges are order-only. */
  public static class Diamond {
    final List<String> ends = Collections.synchronizedList(new ArrayList<>());

    private String work(String name, long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      ends.add(name);
      return name;
    }

    private CompletionStage<String> later(String name, long millis) {
      return CompletableFuture.supplyAsync(
          () -> {
            ends.add(name);
            return name;
          },
          CompletableFuture.delayedExecutor(millis, MILLISECONDS));
    }

    @DagNode(name = "A")
    public String a() {
      return work("A", 100);
    }

    @DagNode(name = "B", after = "A")
    public String b() {
      return work("B", 100);
    }

    @DagNode(name = "C")
    public CompletionStage<String> c() {
      return later("C", 300);
    }

    @DagNode(
        name = "D",
        after = {"B", "C"})
    public CompletionStage<String> d() {
      return later("D", 100);
    }

    @DagNode(name = "E", after = "D")
    public CompletionStage<String> e() {
      return later("E", 100);
    }

    @DagNode(
        name = "F",
        after = {"C", "D"})
    public CompletionStage<String> f() {
      return later("F", 200);
    }

    @DagNode(
        name = "G",
        after = {"E", "F"})
    public CompletionStage<String> g() {
      return later("G", 200);
    }
  }

  /** Inputs taken by parameter name (this module compiles with -parameters). */
  public static class Invoice {
    @DagNode
    public int quantity() {
      return 3;
    }

    @DagNode
    public CompletionStage<Integer> unitPrice() {
      return CompletableFuture.completedFuture(25);
    }

    @DagNode
    public int total(int quantity, Integer unitPrice) {
      return quantity * unitPrice;
    }
  }

  public static class Broken {
    @DagNode
    public CompletionStage<Integer> bad() {
      return CompletableFuture.supplyAsync(
          () -> {
            throw new IllegalStateException("bad");
          },
          CompletableFuture.delayedExecutor(20, MILLISECONDS));
    }

    @DagNode
    public CompletionStage<Integer> slow() {
      return new CompletableFuture<>();
    }

    @DagNode
    public int both(int bad, int slow) {
      return bad + slow;
    }
  }

  public static class Loop {
    @DagNode
    public int a(int b) {
      return b;
    }

    @DagNode
    public int b(int a) {
      return a;
    }
  }

  public static class WrongType {
    @DagNode
    public String name() {
      return "x";
    }

    @DagNode
    public int length(int name) {
      return name;
    }
  }

  @Test
  void s1_asAnnotatedJavaMethods_completesAThroughGInOrder() throws Exception {
    Diamond diamond = new Diamond();
    JavaDag<Void, String> dag = Dags.annotated(diamond, String.class);
    assertEquals("G", dag.apply(null).get(10, SECONDS));
    assertEquals(List.of("A", "B", "C", "D", "E", "F", "G"), diamond.ends);
    assertEquals(NodeKind.BLOCKING, dag.node("A").getKind());
    assertEquals(NodeKind.SUSPEND, dag.node("C").getKind());
  }

  @Test
  void aTargetRunsOnlyItsAncestors() throws Exception {
    Diamond diamond = new Diamond();
    JavaDag<Void, String> dag = Dags.annotated(diamond, String.class);
    DagRun<String> run =
        dag.run(null, RunOptions.defaults().withTargets(dag.node("E"))).get(10, SECONDS);
    assertEquals(Set.of("A", "B", "C", "D", "E"), Set.copyOf(diamond.ends));
    assertEquals(NodeStatus.NOT_STARTED, run.status(dag.node("G")));
  }

  @Test
  void parametersTakeTheNodesTheyAreNamedAfter() throws Exception {
    assertEquals(75, Dags.annotated(new Invoice(), Integer.class).apply(null).get(10, SECONDS));
  }

  @Test
  void aFailingMethodCancelsTheRest() {
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> Dags.annotated(new Broken(), Integer.class).apply(null).get(10, SECONDS));
    NodeFailedException failure = assertInstanceOf(NodeFailedException.class, e.getCause());
    assertEquals("bad", failure.getNodeName());
    assertEquals(
        NodeStatus.CANCELLED, failure.getRun().status(failure.getRun().getDag().node("slow")));
  }

  @Test
  void buildTimeErrorsSayWhatToChange() {
    DagCycleException cycle =
        assertThrows(DagCycleException.class, () -> Dags.annotated(new Loop(), Integer.class));
    assertTrue(cycle.getMessage().contains("form a cycle"), cycle.getMessage());
    DagDefinitionException type =
        assertThrows(
            DagDefinitionException.class, () -> Dags.annotated(new WrongType(), Integer.class));
    assertEquals(
        "Parameter 'name' of length is a int, but node 'name' (method name) produces a java.lang.String; change the parameter's type or take another node.",
        type.getMessage());
  }

  /** Static methods are nodes too: one static source, one instance method that takes it. */
  public static class WithStatic {
    @DagNode
    public static int base() {
      return 40;
    }

    @DagNode
    public int total(int base) {
      return base + 2;
    }
  }

  @Test
  void staticMethodsAreNodes() throws Exception {
    assertEquals(42, Dags.annotated(new WithStatic(), Integer.class).apply(null).get(10, SECONDS));
  }
}
