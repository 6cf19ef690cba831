package dev.adagio.examples;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagRun;
import dev.adagio.RunOptions;
import dev.adagio.java.JavaDag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java twins of the scenarios, in real time: orders and results, loose bounds on times. */
class JavaExamplesTest {
  @Test
  void s4_startedAtTransform_loadsTheGivenItems_withoutTheSource() throws Exception {
    List<String> loaded = Collections.synchronizedList(new ArrayList<>());
    var run = S4LinearStreamJava.startAtTransform(loaded::add);
    assertEquals(List.of("From", "The middle"), loaded.stream().sorted().toList());
    assertEquals(0, run.stats(run.getGraph().node("extract")).getEmitted());
  }

  @Test
  void orderRouting_routesFiltersAndBatches_asTheKotlinTwin() throws Exception {
    var result = OrderRoutingJava.run();
    // Real time: how the ledger's items fall into lists depends on timing, never what it wrote.
    assertEquals(
        List.of(1, 2, 4, 6, 8), result.ledgerBatches().stream().flatMap(List::stream).toList());
    assertTrue(result.ledgerBatches().stream().allMatch(b -> b.size() <= 3));
    assertEquals(List.of(3, 7), result.refunds());
    assertEquals(List.of(2, 6), result.audited());
    var graph = result.run().getGraph();
    assertEquals(
        5, result.run().edgeStats(graph.node("orders"), graph.node("pricing")).getCarried());
    assertEquals(
        3, result.run().edgeStats(graph.node("pricing"), graph.node("audit")).getRefused());
  }

  @Test
  void cpuBound_dispatchedStepsCountEveryPrime() {
    assertEquals(CpuBound.INSTANCE.countPrimes(0, CpuBound.LIMIT), CpuBoundJava.run().getOutput());
  }

  @Test
  void s1_completesAThroughGInOrder() throws Exception {
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    assertEquals("G", S1DiamondJava.definition(done::add).apply(null).get(10, SECONDS));
    assertEquals(List.of("A", "B", "C", "D", "E", "F", "G"), done);
  }

  @Test
  void s2_givesEndFour_likeTheHandChainedFutures() throws Exception {
    JavaDag<Integer, Integer> s2 = S2StartEarlyJava.definition();
    DagRun<Integer> run = s2.run(0).get(10, SECONDS);
    assertEquals(4, run.getOutput());
    assertEquals(1, run.get(s2.node("FastA")));
    assertEquals(4, S2StartEarlyJava.handChained(0).get(10, SECONDS));
    assertTrue(
        run.outcome(s2.node("SlowB")).getStartNanos() < 500_000_000L,
        "SlowB starts before SlowA ends");
  }

  @Test
  void policies_retryTheQuote_fallBackOnThePromo_andSkipLoyaltyForGuests() throws Exception {
    DagRun<String> member = PoliciesJava.checkout(2).run(7).get(10, SECONDS);
    assertEquals("price 32, 5 in stock", member.getOutput());
    assertEquals(3, member.outcome(member.getDag().node("quote")).getAttempts());
    assertEquals("price 42, 5 in stock", PoliciesJava.checkout(0).apply(8).get(10, SECONDS));
  }

  @Test
  void s6_inLiveMode_givesTheDocumentedTriple() throws Exception {
    assertEquals(
        List.of("axax", "axaxbxbx", "cxcx"), S6LivePipelineJava.run().get(10, SECONDS).getOutput());
  }

  @Test
  void s4_inJava_loadsBothWords() throws Exception {
    List<String> loaded = Collections.synchronizedList(new ArrayList<>());
    var run = S4LinearStreamJava.etl(loaded::add).run().get(10, SECONDS);
    assertEquals(List.of("Hello", "World"), loaded);
    assertEquals(2, run.stats(run.getGraph().node("load")).getEmitted());
  }

  @Test
  void s5_inJava_writesEveryRecordOnce() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("s5-java", ".csv");
    try {
      S5PagedDownloadJava.run(file, 170, 50);
      List<String> lines = java.nio.file.Files.readAllLines(file);
      assertEquals("id,name", lines.get(0));
      assertEquals(170, lines.size() - 1);
      assertEquals(170, lines.stream().skip(1).map(l -> l.split(",")[0]).distinct().count());
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  @Test
  void annotatedInvoice_takesInputsByParameterName_andWaitsForTheVoidNode() throws Exception {
    assertEquals(
        75,
        dev.adagio.java.Dags.annotated(new AnnotatedInvoiceJava(), Integer.class)
            .apply(null)
            .get(10, SECONDS));
  }

  @Test
  void s3_printsInOrder_andSequentialTakesLongerThanConcurrent() throws Exception {
    List<String> said = Collections.synchronizedList(new ArrayList<>());
    S3OrderOnlyJava.sleeper(said::add).apply(null).get(10, SECONDS);
    assertEquals(List.of("Sleeping...", "Woke up!"), said);
    JavaDag<Void, Void> graph = S3OrderOnlyJava.startSleepStop();
    long concurrent = graph.run(null).get(10, SECONDS).getMakespanNanos();
    long sequential =
        graph
            .run(null, RunOptions.defaults().withSequential(true))
            .get(10, SECONDS)
            .getMakespanNanos();
    assertTrue(
        concurrent >= 2_000_000_000L && concurrent < 3_000_000_000L, "concurrent: " + concurrent);
    assertTrue(sequential >= 3_000_000_000L, "sequential: " + sequential);
  }

  @Test
  void s7_inJava_recomputesOnlyTheTickedTimersCells_glitchFree() throws Exception {
    List<String> printed = Collections.synchronizedList(new ArrayList<>());
    var runs = ReactiveSheetJava.run(200, printed::add).get(30, SECONDS);
    // Real timers may be conflated on a stalled machine, so assert what holds for any interleaving.
    assertEquals("a*2=6 b*3=60 a+b=23 (a+b is odd)", runs.get(runs.size() - 1).getOutput());
    for (var r : runs) {
      assertTrue(r.isSuccess(), r.toString());
      var changed = r.getChangedSources().stream().map(n -> n.getName()).toList();
      var recomputed = r.getRecomputed().stream().map(n -> n.getName()).toList();
      assertEquals(changed.contains("a"), recomputed.contains("a*2"), r.toString());
      assertEquals(changed.contains("b"), recomputed.contains("b*3"), r.toString());
      var cells =
          java.util.regex.Pattern.compile("a\\*2=(\\d+) b\\*3=(\\d+) a\\+b=(\\d+) ")
              .matcher(r.getOutput());
      assertTrue(cells.find(), r.getOutput());
      int a = Integer.parseInt(cells.group(1)) / 2;
      int b = Integer.parseInt(cells.group(2)) / 3;
      assertEquals(a + b, Integer.parseInt(cells.group(3)), "a glitch: " + r.getOutput());
    }
    assertEquals(runs.size(), printed.size());
  }
}
