package dev.adagio.java;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adagio.Dag;
import dev.adagio.DagRun;
import org.junit.jupiter.api.Test;

class InteropJavaTest {
  @Test
  void aKotlinBuiltDag_runsFromJava() throws Exception {
    Dag<String, String> kotlin = KotlinGraphs.wordStats();
    JavaDag<String, String> dag = Dags.of(kotlin);
    assertEquals("4 words, longest 'graphs'", dag.apply("run these graphs fast").get(10, SECONDS));
    DagRun<String> run = dag.run("a bb").get(10, SECONDS);
    assertEquals(2, run.get(dag.node("count")));
    assertEquals("word-stats", dag.name());
  }

  @Test
  void aJavaBuiltDag_isTheSameDagValueTheDslBuilds() throws Exception {
    JavaDag<Integer, Integer> dag = JavaGraphs.priceWithTax();
    Dag<Integer, Integer> same = dag.definition();
    assertEquals(120, Dags.of(same).apply(100).get(10, SECONDS));
  }
}
