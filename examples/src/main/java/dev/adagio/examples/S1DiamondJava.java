package dev.adagio.examples;

import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * SCENARIOS.md S1 in Java, dagio's seven-node diamond: A→B, B→D, C→D, D→E, C→F, D→F, E→G, F→G.
 *
 * <p>Each node returns a stage that completes after its duration; the edges carry no data, so they
 * are order edges ({@code after}). The run takes 0.8 s and nodes complete in the order A to G.
 */
public final class S1DiamondJava {
  static final Map<String, Long> MILLIS =
      Map.of("A", 100L, "B", 100L, "C", 300L, "D", 100L, "E", 100L, "F", 200L, "G", 200L);

  private S1DiamondJava() {}

  public static JavaDag<Void, String> definition(Consumer<String> onDone) {
    return definition(onDone, Waits.REAL);
  }

  /** S1 whose nodes wait through {@code waits} (virtual time in tests). */
  public static JavaDag<Void, String> definition(Consumer<String> onDone, Waits waits) {
    JavaDagBuilder<Void> b = Dags.builder("s1-diamond-java");
    Node<String> a = task(b, "A", onDone, waits);
    Node<String> bb = b.after(task(b, "B", onDone, waits), a);
    Node<String> c = task(b, "C", onDone, waits);
    Node<String> d = b.after(task(b, "D", onDone, waits), bb, c);
    Node<String> e = b.after(task(b, "E", onDone, waits), d);
    Node<String> f = b.after(task(b, "F", onDone, waits), c, d);
    return b.build(b.after(task(b, "G", onDone, waits), e, f));
  }

  private static Node<String> task(
      JavaDagBuilder<Void> b, String name, Consumer<String> onDone, Waits waits) {
    return b.node(
        name,
        () ->
            CompletableFuture.supplyAsync(
                () -> {
                  onDone.accept(name);
                  return name;
                },
                waits.after(MILLIS.get(name))));
  }
}
