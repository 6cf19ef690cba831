package dev.adagio.examples;

import dev.adagio.DagRun;
import dev.adagio.RunOptions;
import dev.adagio.java.JavaDag;

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

    System.out.println("\nS3 in Java: order edges without data");
    S3OrderOnlyJava.sleeper(line -> System.out.println("  " + line)).apply(null).get();
    JavaDag<Void, Void> s3 = S3OrderOnlyJava.startSleepStop();
    System.out.println("  concurrent:");
    System.out.print(Timelines.timeline(s3.run(null).get()));
    System.out.println("  sequential:");
    System.out.print(
        Timelines.timeline(s3.run(null, RunOptions.defaults().withSequential(true)).get()));
  }
}
