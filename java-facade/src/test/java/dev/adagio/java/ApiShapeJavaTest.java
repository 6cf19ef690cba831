package dev.adagio.java;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adagio.DagDefinitionException;
import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.NodeFailedException;
import dev.adagio.NodeStatus;
import dev.adagio.NodeTimeoutException;
import dev.adagio.annotated.DagNode;
import dev.adagio.annotated.Fallback;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Java API's shape: inference, steps, one options route, typed annotated graphs. */
class ApiShapeJavaTest {
  @Test
  void varInfersTheBuildersInputType() throws Exception {
    var greet = Dags.builder("greet");
    Node<Void> none = greet.input();
    var hello = greet.step("hello", () -> "Hello");
    JavaDag<Void, String> dag = greet.build(hello);
    assertEquals("Hello", dag.apply(null).get(10, SECONDS));
    assertEquals("input", none.getName());

    var priced = Dags.builder("priced", Integer.class);
    Node<Integer> input = priced.input();
    JavaDag<Integer, Integer> doubled = priced.build(priced.step("double", input, x -> x * 2));
    assertEquals(42, doubled.apply(21).get(10, SECONDS));
  }

  @Test
  void stepsNeedNoCompletedFuture_andMayThrowCheckedExceptions() throws Exception {
    var b = Dags.builder("steps", Integer.class);
    Node<Integer> one = b.step("one", b.input(), x -> x + 1);
    Node<Integer> two = b.step("two", b.input(), one, (x, y) -> x + y);
    Node<Integer> sum = b.step("sum", List.of(one, two), xs -> xs.get(0) + xs.get(1));
    Node<String> io =
        b.step(
            "io",
            sum,
            s -> {
              if (s > 100) {
                throw new IOException("too big: " + s);
              }
              return "sum " + s;
            });
    JavaDag<Integer, String> dag = b.build(io);
    assertEquals("sum 8", dag.apply(2).get(10, SECONDS));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> dag.apply(60).get(10, SECONDS));
    NodeFailedException failure = assertInstanceOf(NodeFailedException.class, e.getCause());
    assertEquals("io", failure.getNodeName());
    assertInstanceOf(IOException.class, failure.getCause());
  }

  private static CompletableFuture<String> later(String value, long millis) {
    return CompletableFuture.supplyAsync(
        () -> value, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
  }

  @Test
  void optionsHaveOneRoute_aViewThatDeclaresWithThem() throws Exception {
    var b = Dags.builder("options");
    NodeOptions fast = NodeOptions.defaults().withTimeout(Duration.ofMillis(50));
    Node<String> slow = b.with(fast).node("slow", () -> later("slow", 5_000));
    Node<String> plain = b.node("plain", () -> later("plain", 200));
    JavaDag<Void, String> dag =
        b.build(b.node("both", slow, plain, (x, y) -> completedFuture(x + y)));
    DagRun<?> run =
        assertInstanceOf(
                NodeFailedException.class,
                assertThrows(ExecutionException.class, () -> dag.run(null).get(10, SECONDS))
                    .getCause())
            .getRun();
    assertInstanceOf(NodeTimeoutException.class, run.outcome(slow).getError());
    assertEquals(
        NodeStatus.CANCELLED, run.status(plain), "cancelled by the failure, not timed out");

    var c = Dags.builder("view-leaves-builder");
    c.with(fast).step("quick", () -> 1);
    JavaDag<Void, String> unlimited = c.build(c.node("plain", () -> later("plain", 200)));
    assertEquals("plain", unlimited.apply(null).get(10, SECONDS), "the builder keeps no timeout");
  }

  public static class Priced {
    @DagNode
    @Fallback("cachedPrice")
    public int price() {
      throw new IllegalStateException("price service down");
    }

    @DagNode
    public int total(int price) {
      return price * 2;
    }

    public int cachedPrice(Throwable error) {
      return 5;
    }
  }

  public static class Named {
    @DagNode
    public String name() {
      return "x";
    }
  }

  @Test
  void annotatedGraphsAreTypedByTheirOutput_andFallbackTakesAPlainValue() throws Exception {
    JavaDag<Void, Integer> priced = Dags.annotated(new Priced(), Integer.class);
    Integer total = priced.apply(null).get(10, SECONDS);
    assertEquals(10, total);
    DagDefinitionException wrong =
        assertThrows(
            DagDefinitionException.class, () -> Dags.annotated(new Named(), Integer.class));
    assertEquals(
        "The output node 'name' of dev.adagio.java.ApiShapeJavaTest$Named gives a java.lang.String, not a java.lang.Integer; ask for String.class, or name another output node.",
        wrong.getMessage());
    JavaDag<Void, CharSequence> wider = Dags.annotated(new Named(), CharSequence.class);
    assertEquals("x", wider.apply(null).get(10, SECONDS));
  }

  @Test
  void liveMode_hasBlockingNodes_orderEdges_andOptions() throws Exception {
    List<String> said = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    DagRun<String> run =
        Dags.live(
                "live-java",
                l -> {
                  Node<String> migrate =
                      l.blocking(
                          "migrate",
                          () -> {
                            Thread.sleep(50);
                            said.add("migrated");
                            return "done";
                          });
                  Node<Integer> config = l.blocking("config", () -> 7);
                  return l.after(migrate)
                      .with(NodeOptions.defaults().withTimeout(Duration.ofSeconds(5)))
                      .blocking("serve", config, c -> "serving " + c + " after " + said);
                })
            .get(10, SECONDS);
    assertEquals("serving 7 after [migrated]", run.getOutput());
    assertEquals(
        List.of("migrate -> serve"),
        run.getDag().getEdges().stream()
            .filter(e -> e.getKind() == dev.adagio.EdgeKind.ORDER)
            .map(e -> e.getFrom().getName() + " -> " + e.getTo().getName())
            .toList());
  }
}
