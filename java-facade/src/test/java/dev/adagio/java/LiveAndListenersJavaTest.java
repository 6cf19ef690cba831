package dev.adagio.java;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.NodeFailedException;
import dev.adagio.NodeOutcome;
import dev.adagio.RunOptions;
import dev.adagio.observe.RunInfo;
import dev.adagio.observe.RunListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class LiveAndListenersJavaTest {
  private static CompletionStage<String> later(long millis, String value) {
    return CompletableFuture.supplyAsync(
        () -> value, CompletableFuture.delayedExecutor(millis, MILLISECONDS));
  }

  @Test
  void s6_inLiveMode_fromJava() throws Exception {
    DagRun<List<String>> run =
        Dags.live(
                "s6-java",
                b -> {
                  Node<String> a1 = b.node("fetch a1", () -> later(10, "a1x"));
                  Node<String> a2 = b.node("fetch a2", () -> later(20, "a2x"));
                  Node<String> b1 = b.node("fetch b1", () -> later(30, "b1x"));
                  Node<String> b2 = b.node("fetch b2", () -> later(40, "b2x"));
                  Node<String> c1 = b.node("fetch c1", () -> later(50, "c1x"));
                  Node<String> c2 = b.node("fetch c2", () -> later(60, "c2x"));
                  Node<String> ca = b.node("concat a", a1, a2, (x, y) -> completedFuture(x + y));
                  Node<String> cb = b.node("concat b", b1, b2, (x, y) -> completedFuture(x + y));
                  Node<String> cc = b.node("concat c", c1, c2, (x, y) -> completedFuture(x + y));
                  Node<String> cab = b.node("concat ab", ca, cb, (x, y) -> completedFuture(x + y));
                  Node<String> sa =
                      b.node("strip a", ca, s -> completedFuture(s.replaceAll("\\d", "")));
                  Node<String> sab =
                      b.node("strip ab", cab, s -> completedFuture(s.replaceAll("\\d", "")));
                  Node<String> sc =
                      b.node("strip c", cc, s -> completedFuture(s.replaceAll("\\d", "")));
                  return b.node(
                      "upload", sa, sab, sc, (x, y, z) -> completedFuture(List.of(x, y, z)));
                })
            .get(10, SECONDS);
    assertEquals(List.of("axax", "axaxbxbx", "cxcx"), run.getOutput());
    assertEquals(14, run.getDag().getNodes().size() - 1);
  }

  @Test
  void aLiveNodeMayDeclareMoreNodesWhileItRuns() throws Exception {
    DagRun<Integer> run =
        Dags.live(
                "fan-out-java",
                b -> {
                  Node<List<String>> pages =
                      b.node("pages", () -> completedFuture(List.of("p1", "p22")));
                  return b.node(
                      "crawl",
                      pages,
                      names -> {
                        List<Node<Integer>> sizes = new ArrayList<>();
                        for (String name : names) {
                          sizes.add(b.node("size " + name, () -> completedFuture(name.length())));
                        }
                        return completedFuture(sizes.size());
                      });
                })
            .get(10, SECONDS);
    assertEquals(2, run.getOutput());
    assertEquals(
        List.of("input", "pages", "crawl", "size p1", "size p22"),
        run.getDag().getNodes().stream().map(Node::getName).toList());
  }

  @Test
  void aLiveFailure_completesTheFutureWithNodeFailedException() {
    CompletableFuture<DagRun<String>> future =
        Dags.live(
            "failing-java",
            b ->
                b.node(
                    "bad", () -> CompletableFuture.failedFuture(new IllegalStateException("bad"))));
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, SECONDS));
    assertEquals("bad", assertInstanceOf(NodeFailedException.class, e.getCause()).getNodeName());
  }

  @Test
  void aJavaListener_overridesOnlyWhatItNeeds() throws Exception {
    List<String> finished = Collections.synchronizedList(new ArrayList<>());
    RunListener listener =
        new RunListener() {
          @Override
          public void onNodeFinished(RunInfo run, NodeOutcome<?> outcome) {
            finished.add(outcome.getNode().getName() + " " + outcome.getStatus());
          }
        };
    JavaDagBuilder<Integer> b = Dags.builder("listened", Integer.class);
    Node<Integer> a = b.node("a", b.input(), n -> completedFuture(n + 1));
    JavaDag<Integer, Integer> dag = b.build(b.blocking("b", a, n -> n * 2));
    assertEquals(
        4, dag.run(1, RunOptions.defaults().withListener(listener)).get(10, SECONDS).getOutput());
    assertEquals(List.of("a SUCCEEDED", "b SUCCEEDED"), finished);
  }

  @Test
  void aThreadLocalNamedInTheOptions_reachesNodeBodiesOnOtherThreads() throws Exception {
    ThreadLocal<String> tenant = new ThreadLocal<>();
    JavaDagBuilder<Void> b = Dags.builder("thread-local-java");
    Node<String> async = b.node("async", () -> completedFuture(tenant.get()));
    JavaDag<Void, String> dag = b.build(b.blocking("blocking", async, x -> x + "/" + tenant.get()));
    tenant.set("acme");
    try {
      DagRun<String> run =
          dag.run(null, RunOptions.defaults().withThreadLocal(tenant)).get(10, SECONDS);
      assertEquals("acme/acme", run.getOutput());
    } finally {
      tenant.remove();
    }
    assertTrue(
        dag.run(null).get(10, SECONDS).getOutput().equals("null/null"),
        "without the option, nothing is carried");
  }

  @Test
  void aLiveRunTakesRunOptions_aListenerAndAConcurrencyLimit() throws Exception {
    List<String> finished = Collections.synchronizedList(new ArrayList<>());
    RunListener listener =
        new RunListener() {
          @Override
          public void onNodeFinished(RunInfo run, NodeOutcome<?> outcome) {
            finished.add(outcome.getNode().getName());
          }
        };
    DagRun<Integer> run =
        Dags.live(
                "live-options-java",
                RunOptions.defaults().withListener(listener).withMaxConcurrency(1),
                b -> {
                  Node<Integer> a = b.node("a", () -> later(20, "a").thenApply(String::length));
                  Node<Integer> c = b.node("c", () -> later(20, "cc").thenApply(String::length));
                  return b.node("sum", a, c, (x, y) -> completedFuture(x + y));
                })
            .get(10, SECONDS);
    assertEquals(3, run.getOutput());
    assertEquals(List.of("a", "c", "sum"), finished);
    var a = run.outcome(run.getDag().node("a"));
    var c = run.outcome(run.getDag().node("c"));
    assertTrue(c.getStartNanos() >= a.getEndNanos(), "one node at a time");
  }
}
