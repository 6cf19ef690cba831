package dev.adagio.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.NodeStatus;
import dev.adagio.RunOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SCENARIOS.md S1 through the Java facade, in real time: orders and results, not tight times. */
class ScenarioS1JavaTest {
  private static final Map<String, Long> MILLIS =
      Map.of("A", 100L, "B", 100L, "C", 300L, "D", 100L, "E", 100L, "F", 200L, "G", 200L);

  private final Steps steps = new Steps();

  private JavaDag<Void, String> diamond(boolean blockingAB) {
    JavaDagBuilder<Void> b = Dags.builder("s1");
    Node<String> a = blockingAB ? b.blocking("A", () -> sleep("A")) : step(b, "A");
    Node<String> bb = blockingAB ? b.blocking("B", () -> sleep("B")) : step(b, "B");
    b.after(bb, a);
    Node<String> c = step(b, "C");
    Node<String> d = b.after(step(b, "D"), bb, c);
    Node<String> e = b.after(step(b, "E"), d);
    Node<String> f = b.after(step(b, "F"), c, d);
    return b.build(b.after(step(b, "G"), e, f));
  }

  private Node<String> step(JavaDagBuilder<Void> b, String name) {
    return b.node(name, () -> steps.after(name, MILLIS.get(name), () -> name));
  }

  private String sleep(String name) {
    steps.events.add("start " + name);
    try {
      Thread.sleep(MILLIS.get(name));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    steps.events.add("end " + name);
    return name;
  }

  @Test
  void nodesCompleteInOrderAThroughG() throws Exception {
    assertEquals("G", diamond(false).apply(null).get(10, TimeUnit.SECONDS));
    assertEquals(List.of("A", "B", "C", "D", "E", "F", "G"), steps.ends());
  }

  @Test
  void aAndCStartFirst_thenB_thenD_thenEAndF_thenG() throws Exception {
    diamond(false).apply(null).get(10, TimeUnit.SECONDS);
    List<String> starts =
        steps.all().stream().filter(e -> e.startsWith("start ")).map(e -> e.substring(6)).toList();
    assertEquals(Set.of("A", "C"), Set.copyOf(starts.subList(0, 2)));
    assertEquals(List.of("B", "D"), starts.subList(2, 4));
    assertEquals(Set.of("E", "F"), Set.copyOf(starts.subList(4, 6)));
    assertEquals("G", starts.get(6));
  }

  @Test
  void targetG_runsAllSevenNodes() throws Exception {
    JavaDag<Void, String> s1 = diamond(false);
    DagRun<String> run =
        s1.run(null, RunOptions.defaults().withTargets(s1.node("G"))).get(10, TimeUnit.SECONDS);
    assertEquals(List.of("A", "B", "C", "D", "E", "F", "G"), steps.ends());
    assertEquals("G", run.getOutput());
  }

  @Test
  void targetE_runsOnlyAThroughE() throws Exception {
    JavaDag<Void, String> s1 = diamond(false);
    DagRun<String> run =
        s1.run(null, RunOptions.defaults().withTargets(s1.node("E"))).get(10, TimeUnit.SECONDS);
    assertEquals(Set.of("A", "B", "C", "D", "E"), Set.copyOf(steps.ends()));
    assertEquals(NodeStatus.NOT_STARTED, run.status(s1.node("F")));
    assertEquals(NodeStatus.NOT_STARTED, run.status(s1.node("G")));
  }

  @Test
  void blockingAAndB_onTheDefaultExecutor_giveTheSameOrders() throws Exception {
    diamond(true).apply(null).get(10, TimeUnit.SECONDS);
    assertEquals(List.of("A", "B", "C", "D", "E", "F", "G"), steps.ends());
    List<String> events = steps.all();
    assertEquals(events.indexOf("end A") + 1, events.indexOf("start B"));
  }
}
