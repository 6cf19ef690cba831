package dev.adagio.java;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagRun;
import dev.adagio.InnerNodeFailedException;
import dev.adagio.Node;
import dev.adagio.NodeFailedException;
import dev.adagio.NodeStatus;
import dev.adagio.OptionalInput;
import dev.adagio.Retry;
import dev.adagio.RunOptions;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Mapped nodes and included graphs from Java: stage and blocking bodies, options, outcomes. */
class MapAndIncludeJavaTest {
  @Test
  void aStageMapRetriesEachElementAndKeepsTheListsOrder() throws Exception {
    ConcurrentHashMap<Integer, Integer> tries = new ConcurrentHashMap<>();
    JavaDagBuilder<Void> b = Dags.builder("crawl");
    Node<Integer> crawlOut;
    {
      Node<List<Integer>> pages = b.step("list", () -> List.of(1, 2, 3, 4, 5));
      Node<List<Integer>> sizes =
          b.with(NodeOptions.defaults().withRetry(Retry.fixed(3, java.time.Duration.ZERO)))
              .map(
                  "fetched",
                  pages,
                  id -> {
                    if (tries.merge(id, 1, Integer::sum) == 1 && id == 3) {
                      throw new IllegalStateException("flaky " + id);
                    }
                    return completedFuture(id * 10);
                  });
      b.maxConcurrency(sizes, 2);
      crawlOut = b.step("total", sizes, all -> all.stream().mapToInt(Integer::intValue).sum());
    }
    JavaDag<Void, Integer> crawl = b.build(crawlOut);
    DagRun<Integer> run = crawl.run(null).get(10, SECONDS);
    assertEquals(150, run.getOutput());
    assertEquals(2, run.outcome(run.getDag().node("fetched[2]")).getAttempts());
    assertEquals(
        run.getDag().node("fetched"), run.getDag().parentOf(run.getDag().node("fetched[4]")));
  }

  @Test
  void aBlockingMapAndItsOutcomes() throws Exception {
    JavaDagBuilder<Void> b = Dags.builder("blocking");
    Node<List<Integer>> ids = b.step("ids", () -> List.of(1, 2, 3));
    JavaDag<Void, List<Integer>> blocking =
        b.build(
            b.mapBlocking(
                "slept",
                ids,
                id -> {
                  Thread.sleep(5);
                  return id + 1;
                }));
    assertEquals(List.of(2, 3, 4), blocking.apply(null).get(10, SECONDS));

    JavaDagBuilder<Void> o = Dags.builder("outcomes");
    Node<List<Integer>> ids2 = o.step("ids", () -> List.of(1, 2, 3));
    Node<List<OptionalInput<Integer>>> all =
        o.mapOutcomes(
            "tried",
            ids2,
            id ->
                id == 2
                    ? java.util.concurrent.CompletableFuture.failedFuture(
                        new IllegalStateException("no " + id))
                    : completedFuture(id));
    JavaDag<Void, List<Integer>> outcomes =
        o.build(
            o.step(
                "kept",
                all,
                list ->
                    list.stream().map(x -> x.getOrNull() == null ? 0 : x.getOrNull()).toList()));
    DagRun<List<Integer>> run =
        outcomes
            .run(null, RunOptions.defaults().withFailurePolicy(dev.adagio.FailurePolicy.CONTINUE))
            .get(10, SECONDS);
    assertEquals(List.of(1, 0, 3), run.getOutput());
    assertEquals(NodeStatus.FAILED, run.status(run.getDag().node("tried[1]")));
  }

  @Test
  void anIncludedGraphRunsInsideTheOuterRunAndItsFailureNamesTheInnerNode() throws Exception {
    AtomicInteger charged = new AtomicInteger();
    JavaDagBuilder<Integer> c = Dags.builder("checkout", Integer.class);
    Node<String> order = c.step("order", c.input(), id -> "order" + id);
    JavaDag<Integer, String> checkout =
        c.build(
            c.step(
                "payment",
                order,
                o -> {
                  if (charged.incrementAndGet() > 1) {
                    throw new IllegalStateException("declined " + o);
                  }
                  return "paid " + o;
                }));
    JavaDagBuilder<Void> f = Dags.builder("order flow");
    Node<Integer> id = f.step("id", () -> 7);
    Node<String> paid = f.include(checkout, id);
    JavaDag<Void, String> flow = f.build(f.step("mail", paid, p -> "mailed " + p));
    DagRun<String> run = flow.run(null).get(10, SECONDS);
    assertEquals("mailed paid order7", run.getOutput());
    assertEquals(NodeStatus.SUCCEEDED, run.status(run.getDag().node("checkout/payment")));

    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> flow.run(null).get(10, SECONDS));
    NodeFailedException failed = assertInstanceOf(NodeFailedException.class, thrown.getCause());
    assertEquals("checkout/payment", failed.getNodeName());
    assertTrue(
        failed.getRun().outcome(failed.getRun().getDag().node("checkout")).getError()
            instanceof InnerNodeFailedException);
  }
}
