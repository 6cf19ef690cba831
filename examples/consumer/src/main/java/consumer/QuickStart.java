package consumer;

import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;

/** The README's Java quick start, as written there. */
public class QuickStart {
  public static void main(String[] args) {
    var b = Dags.builder("greet"); // a JavaDagBuilder<Void>
    Node<String> name = b.step("name", () -> "Ada"); // a cheap synchronous step
    Node<String> greeting = b.blocking("greeting", () -> "Hello"); // a blocking body, on an executor
    JavaDag<Void, String> greet =
        b.build(b.step("sentence", greeting, name, (g, n) -> g + ", " + n + "!"));
    System.out.println(greet.apply(null).join()); // Hello, Ada!
  }
}
