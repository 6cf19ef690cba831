package dev.adagio.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Issue #32: a null node name is refused with a message that says what to do, in every builder. */
class HostileInputJavaTest {
  private static final String MESSAGE =
      "A node name is null; give every node a name that says what it does.";

  @Test
  void aNullNodeName_isRefusedWithAMessage_inEveryBuilder() {
    JavaDagBuilder<Void> dag = Dags.builder("g");
    assertEquals(
        MESSAGE,
        assertThrows(
                NullPointerException.class,
                () -> dag.node(null, () -> CompletableFuture.completedFuture(1)))
            .getMessage());
    assertEquals(
        MESSAGE,
        assertThrows(NullPointerException.class, () -> dag.step(null, () -> 1)).getMessage());
    assertEquals(
        MESSAGE,
        assertThrows(NullPointerException.class, () -> dag.blocking(null, () -> 1)).getMessage());
    assertEquals(
        MESSAGE,
        assertThrows(
                NullPointerException.class,
                () ->
                    Dags.stream(
                        "s",
                        stream ->
                            stream.<Integer>source(
                                null, emitter -> CompletableFuture.completedFuture(null))))
            .getMessage());
  }
}
