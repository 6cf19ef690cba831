package dev.adagio.java;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adagio.Node;
import org.junit.jupiter.api.Test;

/** The README's Java quick start, as written there. */
class JavaQuickStartTest {
  @Test
  void theReadmesJavaQuickStartRunsAsWritten() throws Exception {
    var b = Dags.builder("greet"); // a JavaDagBuilder<Void>
    Node<String> name = b.step("name", () -> "Ada"); // a cheap synchronous step
    Node<String> greeting = b.blocking("greeting", () -> "Hello"); // a blocking body
    JavaDag<Void, String> greet =
        b.build(b.step("sentence", greeting, name, (g, n) -> g + ", " + n + "!"));
    assertEquals("Hello, Ada!", greet.apply(null).get(10, SECONDS));
    assertEquals(4, greet.nodes().size());
  }
}
