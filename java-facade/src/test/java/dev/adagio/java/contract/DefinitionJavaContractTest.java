package dev.adagio.java.contract;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagDefinitionException;
import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDagBuilder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Definition errors from Java: stated in Java's words, with the value and the fix. */
class DefinitionJavaContractTest {
  @Test
  void aBuiltBuilder_tellsJavaCallersToDeclareBeforeBuild_notAboutTheDagBlock() {
    JavaDagBuilder<Void> b = Dags.builder("g");
    Node<Integer> a = b.node("a", () -> completedFuture(1));
    b.build(a);
    String message =
        assertThrows(DagDefinitionException.class, () -> b.node("b", () -> completedFuture(2)))
            .getMessage();
    assertTrue(message.contains("before calling build()"), message);
    assertFalse(message.contains("dag { }"), message);
  }

  @Test
  void aNullInput_isNamedByNodeAndPosition() {
    JavaDagBuilder<Void> b = Dags.builder("g");
    Node<Integer> a = b.node("a", () -> completedFuture(1));
    String message =
        assertThrows(
                NullPointerException.class,
                () -> b.node("sum", a, (Node<Integer>) null, (x, y) -> completedFuture(x + y)))
            .getMessage();
    assertTrue(message.contains("Input #2 of node 'sum' is null"), message);
  }

  @Test
  void aNullListElement_isNamedByNodeAndPosition() {
    JavaDagBuilder<Void> b = Dags.builder("g");
    Node<Integer> a = b.node("a", () -> completedFuture(1));
    List<Node<Integer>> inputs = Arrays.asList(a, null);
    String message =
        assertThrows(
                NullPointerException.class,
                () -> b.node("all", inputs, xs -> completedFuture(xs.size())))
            .getMessage();
    assertTrue(message.contains("Input #2 of node 'all' is null"), message);
  }

  @Test
  void aNullDependency_isNamedByPosition_andAddsNoEdge() {
    JavaDagBuilder<Void> b = Dags.builder("g");
    Node<Integer> a = b.node("a", () -> completedFuture(1));
    Node<Integer> c = b.node("c", () -> completedFuture(3));
    String message =
        assertThrows(NullPointerException.class, () -> b.after(c, a, null)).getMessage();
    assertTrue(message.contains("Dependency #2"), message);
    assertTrue(b.build(c).dependencies(c).isEmpty());
  }
}
