package dev.adagio.examples;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.DagRun;
import dev.adagio.NodeStatus;
import dev.adagio.RunOptions;
import dev.adagio.java.JavaDag;
import dev.adagio.test.AdagioTestExtension;
import dev.adagio.test.RunAssertions;
import dev.adagio.test.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java twins of the scenarios: in exact virtual time (the test kit's {@link VirtualTime}, their
 * stages waiting on its delayed executor) where they wait, in real time where they do not.
 */
@ExtendWith(AdagioTestExtension.class)
class JavaExamplesTest {
  /** The examples' waits, in {@code time}. */
  private static Waits wait(VirtualTime time) {
    return millis -> time.delayedExecutor(Duration.ofMillis(millis));
  }

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
  void orderFlow_includesCheckout_atItsExactTimes(VirtualTime time) throws Exception {
    DagRun<String> run = time.await(OrderFlowJava.orderFlow(wait(time)).run(7, time.options()));
    assertEquals("order 7 paid 700, shipped; order 7 paid 700, mailed", run.getOutput());
    assertEquals(100, run.getMakespanNanos() / 1_000_000);
    var payment = run.outcome(run.getDag().node("checkout/payment"));
    assertEquals(30, payment.getStartNanos() / 1_000_000);
    assertEquals(run.getDag().node("checkout"), run.getDag().parentOf(payment.getNode()));
  }

  @Test
  void mappedCrawl_fetchesEveryPage_retryingTheFlakyOne_fourAtOnce() throws Exception {
    DagRun<Integer> run = MappedCrawlJava.run(20);
    assertEquals(MappedCrawl.INSTANCE.expectedSize(20), run.getOutput());
    assertEquals(2, run.outcome(run.getDag().node("fetch[6]")).getAttempts());
    assertEquals(20, run.getDag().partsOf(run.getDag().node("fetch")).size());
  }

  @Test
  void cpuBound_dispatchedStepsCountEveryPrime() {
    assertEquals(CpuBound.INSTANCE.countPrimes(0, CpuBound.LIMIT), CpuBoundJava.run().getOutput());
  }

  @Test
  void s1_completesAThroughGInOrder_in800ms(VirtualTime time) {
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    DagRun<String> run =
        time.await(S1DiamondJava.definition(done::add, wait(time)).run(null, time.options()));
    assertEquals("G", run.getOutput());
    assertEquals(List.of("A", "B", "C", "D", "E", "F", "G"), done);
    assertEquals(Duration.ofMillis(800), run.makespan());
  }

  @Test
  void s2_givesEndFour_likeTheHandChainedFutures_slowBStartingAt100ms(VirtualTime time) {
    JavaDag<Integer, Integer> s2 = S2StartEarlyJava.definition(wait(time));
    DagRun<Integer> run = time.await(s2.run(0, time.options()));
    assertEquals(4, run.getOutput());
    assertEquals(1, run.get(s2.node("FastA")));
    RunAssertions.shouldHaveStartedAt(run, "SlowB", Duration.ofMillis(100));
    RunAssertions.shouldHaveMakespan(run, Duration.ofMillis(1200));
    assertEquals(4, time.await(S2StartEarlyJava.handChained(0, wait(time))));
  }

  @Test
  void policies_retryTheQuote_fallBackOnThePromo_andSkipLoyaltyForGuests(VirtualTime time) {
    DagRun<String> member = time.await(PoliciesJava.checkout(2, wait(time)).run(7, time.options()));
    assertEquals("price 32, 5 in stock", member.getOutput());
    assertEquals(3, member.outcome(member.getDag().node("quote")).getAttempts());
    DagRun<String> guest = time.await(PoliciesJava.checkout(0, wait(time)).run(8, time.options()));
    assertEquals("price 42, 5 in stock", guest.getOutput());
    RunAssertions.shouldHaveStatus(guest, "loyalty", NodeStatus.SKIPPED);
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
  void s3_printsInOrder_andSequentialTakesLongerThanConcurrent(VirtualTime time) {
    List<String> said = Collections.synchronizedList(new ArrayList<>());
    DagRun<Void> slept =
        time.await(S3OrderOnlyJava.sleeper(said::add, wait(time)).run(null, time.options()));
    assertEquals(List.of("Sleeping...", "Woke up!"), said);
    RunAssertions.shouldHaveStartedAt(slept, "wake", Duration.ofSeconds(2));
    JavaDag<Void, Void> graph = S3OrderOnlyJava.startSleepStop(wait(time));
    assertEquals(Duration.ofSeconds(2), time.await(graph.run(null, time.options())).makespan());
    assertEquals(
        Duration.ofSeconds(3),
        time.await(graph.run(null, time.options(RunOptions.defaults().withSequential(true))))
            .makespan());
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
