package dev.adagio.java;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagCycleException;
import dev.adagio.DagDefinitionException;
import dev.adagio.EdgeKind;
import dev.adagio.Node;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DefinitionJavaTest {
  @Test
  void duplicateName_isRefusedNamingGraphAndNode() {
    JavaDagBuilder<Void> b = Dags.builder("dups");
    b.node("fetch", () -> completedFuture(1));
    DagDefinitionException e =
        assertThrows(DagDefinitionException.class, () -> b.node("fetch", () -> completedFuture(2)));
    assertTrue(e.getMessage().contains("Graph 'dups' already has a node named 'fetch'"));
  }

  @Test
  void blankName_isRefused() {
    JavaDagBuilder<Void> b = Dags.builder("blank");
    DagDefinitionException e =
        assertThrows(DagDefinitionException.class, () -> b.blocking(" ", () -> 1));
    assertTrue(e.getMessage().contains("is empty, blank or invisible"));
  }

  @Test
  void foreignHandle_isRefusedNamingBothGraphs() {
    JavaDagBuilder<Void> first = Dags.builder("first");
    Node<Integer> a = first.node("a", () -> completedFuture(1));
    JavaDagBuilder<Void> second = Dags.builder("second");
    DagDefinitionException e =
        assertThrows(
            DagDefinitionException.class, () -> second.node("b", a, x -> completedFuture(x)));
    assertTrue(e.getMessage().contains("Node 'a' belongs to graph 'first', not to graph 'second'"));
  }

  @Test
  void cycle_isReportedWithItsPath_andTheGraphIsUnchanged() {
    JavaDagBuilder<Void> b = Dags.builder("loop");
    Node<Integer> a = b.node("a", () -> completedFuture(1));
    Node<Integer> c = b.node("c", a, x -> completedFuture(x + 1));
    DagCycleException e = assertThrows(DagCycleException.class, () -> b.after(a, c));
    assertEquals(List.of("a", "c", "a"), e.getPath());
    JavaDag<Void, Integer> dag = b.build(c);
    assertEquals(1, dag.edges().size());
    assertEquals(EdgeKind.DATA, dag.edges().get(0).getKind());
  }

  @Test
  void nullBody_isRefusedNamingTheNode() {
    JavaDagBuilder<Void> b = Dags.builder("null-body");
    Function<Void, CompletionStage<Integer>> none = null;
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> b.node("empty", b.input(), none));
    assertTrue(e.getMessage().contains("The body of node 'empty' is null"));
  }

  @Test
  void aGraphCanBeInspectedWithoutRunning() {
    JavaDagBuilder<Integer> b = Dags.builder("shape", Integer.class);
    Node<Integer> a = b.node("a", b.input(), n -> completedFuture(n + 1));
    Node<Integer> log = b.blocking("log", () -> 0);
    JavaDag<Integer, Integer> dag =
        b.build(b.after(b.node("sum", a, a, (x, y) -> completedFuture(x + y)), log));
    assertEquals("shape", dag.name());
    assertEquals(
        List.of("input", "a", "log", "sum"), dag.nodes().stream().map(Node::getName).toList());
    assertEquals(
        List.of("a", "a", "log"),
        dag.dependencies(dag.output()).stream().map(Node::getName).toList());
    assertEquals(List.of("sum", "sum"), dag.dependents(a).stream().map(Node::getName).toList());
  }
}
