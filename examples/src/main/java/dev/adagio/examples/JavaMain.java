package dev.adagio.examples;

import dev.adagio.DagRun;
import dev.adagio.NodeOutcome;
import dev.adagio.RunOptions;
import dev.adagio.graphviz.Diagram;
import dev.adagio.java.JavaDag;
import java.util.List;

/** Runs the Java twins of the scenarios in real time and prints each run as a timeline. */
public final class JavaMain {
  private JavaMain() {}

  public static void main(String[] args) throws Exception {
    System.out.println("S1 in Java: dagio's seven-node diamond");
    DagRun<String> s1 = S1DiamondJava.definition(name -> {}).run(null).get();
    System.out.print(Timelines.timeline(s1));

    System.out.println("\nS2 in Java: async-dag, slow work starts as early as possible");
    JavaDag<Integer, Integer> s2 = S2StartEarlyJava.definition();
    DagRun<Integer> run = s2.run(0).get();
    System.out.print(Timelines.timeline(run));
    System.out.println("  End = " + run.getOutput() + ", FastA = " + run.get(s2.node("FastA")));
    System.out.println(
        "  hand-chained CompletableFutures give " + S2StartEarlyJava.handChained(0).get());
    System.out.println("  the run as a Mermaid flowchart:");
    System.out.print(Diagram.of(run).toMermaid().indent(4));

    System.out.println("\nS3 in Java: order edges without data");
    S3OrderOnlyJava.sleeper(line -> System.out.println("  " + line)).apply(null).get();
    JavaDag<Void, Void> s3 = S3OrderOnlyJava.startSleepStop();
    System.out.println("  concurrent:");
    System.out.print(Timelines.timeline(s3.run(null).get()));
    System.out.println("  sequential:");
    System.out.print(
        Timelines.timeline(s3.run(null, RunOptions.defaults().withSequential(true)).get()));

    System.out.println("\nCPU-bound steps in Java, dispatched");
    DagRun<Integer> primes = CpuBoundJava.run();
    System.out.print(Timelines.timeline(primes));
    System.out.println("  " + primes.getOutput() + " primes below " + CpuBound.LIMIT);

    System.out.println("\nA mapped crawl in Java: 20 pages, 4 at once, page 7 retried");
    DagRun<Integer> crawl = MappedCrawlJava.run(20);
    System.out.println(
        "  "
            + crawl.getOutput()
            + " characters; fetch[6] took "
            + crawl.outcome(crawl.getDag().node("fetch[6]")).getAttempts()
            + " attempts");

    System.out.println("\nAn included graph in Java: the order flow includes checkout");
    System.out.println("  " + OrderFlowJava.run(7).getOutput());

    System.out.println("\nExecution policies in Java");
    DagRun<String> checkout =
        PoliciesJava.checkout(2).run(7, RunOptions.defaults().withMaxConcurrency(3)).get();
    System.out.println("  checkout: " + checkout.getOutput());
    for (NodeOutcome<?> o : checkout.getOutcomes().subList(1, checkout.getOutcomes().size())) {
      System.out.println(
          "    " + o.getNode().getName() + " " + o.getStatus() + ", attempts " + o.getAttempts());
    }

    System.out.println("\nTraced and timed in Java: adagio-opentelemetry and adagio-micrometer");
    ObservedCheckoutJava.Observed observed = ObservedCheckoutJava.run();
    System.out.println("  " + observed.run().getOutput());
    observed.spans().forEach(span -> System.out.println("    span " + span));
    observed.timers().forEach(timer -> System.out.println("    timer " + timer));

    System.out.println("\nS5 in Java as a durable run on Temporal, on two workers");
    TemporalDownloadJava.Result durable = TemporalDownloadJava.run(320, 50, 8);
    System.out.println(
        "  "
            + (durable.run().getOutput().size() - 1)
            + " records; nodes ran on "
            + new java.util.TreeSet<>(durable.ranOn().values())
            + ": "
            + durable.ranOn());

    System.out.println("\nAn invoice declared as annotated Java methods");
    System.out.println(
        "  total: "
            + dev.adagio.java.Dags.annotated(new AnnotatedInvoiceJava(), Integer.class)
                .apply(null)
                .get());

    System.out.println("\nS6 in Java, live mode");
    DagRun<List<String>> s6 = S6LivePipelineJava.run().get();
    System.out.print(Timelines.timeline(s6));
    System.out.println("  upload: " + s6.getOutput());

    System.out.println(
        "\nA stream in Java with a router, a filtered edge and a blocking batch sink");
    OrderRoutingJava.Result routed = OrderRoutingJava.run();
    System.out.println(
        "  ledger batches "
            + routed.ledgerBatches()
            + ", refunds "
            + routed.refunds()
            + ", audited "
            + routed.audited());

    System.out.println("\nS7 in Java: a reactive spreadsheet fed by two Flow.Publisher timers");
    for (var r : ReactiveSheetJava.run(200, line -> System.out.println("  " + line)).get()) {
      System.out.println(
          "    #"
              + r.getNumber()
              + " recomputed "
              + r.getRecomputed().stream().map(n -> n.getName()).toList()
              + ", reused "
              + r.getReused().stream().map(n -> n.getName()).toList());
    }
  }
}
