package clash;

import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;

/** A user's first graph, in a project whose other dependency brought an old kotlinx-coroutines first. */
public class Main {
  public static void main(String[] args) {
    try {
      var b = Dags.builder("clash");
      Node<String> name = b.step("name", () -> "Ada");
      JavaDag<Void, String> greet = b.build(b.step("greeting", name, n -> "Hello, " + n + "!"));
      System.out.println("ran: " + greet.apply(null).join());
    } catch (Throwable e) {
      System.out.println("failed: " + e);
    }
  }
}
