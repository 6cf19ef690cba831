package dev.adagio.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JMH's JSON results into the Markdown tables of {@code docs/benchmarks.md}, so that every
 * figure there comes from a committed result file. Usage: {@code BenchmarkTables b1.json b2.json}.
 */
public final class BenchmarkTables {
  private BenchmarkTables() {}

  public static void main(String[] args) throws IOException {
    for (String file : args) {
      JsonNode results = new ObjectMapper().readTree(Path.of(file).toFile());
      String first = results.get(0).get("benchmark").asText();
      System.out.println(
          first.contains("Overhead")
              ? overhead(results)
              : first.contains("Cpu") ? cpu(results) : makespan(results));
    }
  }

  private static String contender(JsonNode result) {
    String name = result.get("benchmark").asText();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** B1: ns per node, one row per contender, one column per shape. */
  static String overhead(JsonNode results) {
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    Map<String, Integer> shapes = new LinkedHashMap<>();
    for (JsonNode result : results) {
      String shape = result.get("params").get("shape").asText();
      int nodes = Shapes.of(shape).length;
      shapes.put(shape, nodes);
      JsonNode metric = result.get("primaryMetric");
      double nanosPerNode = metric.get("score").asDouble() * 1e6 / nodes;
      double error = metric.get("scoreError").asDouble() * 1e6 / nodes;
      rows.computeIfAbsent(contender(result), c -> new TreeMap<>())
          .put(
              shape,
              String.format(
                  Locale.ROOT, "%,.0f ± %,.0f", nanosPerNode, Double.isNaN(error) ? 0 : error));
    }
    StringBuilder out = new StringBuilder("| contender | ");
    shapes.keySet().forEach(s -> out.append(s).append(" | "));
    out.append("\n|---|");
    shapes.keySet().forEach(s -> out.append("---|"));
    out.append('\n');
    for (Map.Entry<String, Map<String, String>> row : rows.entrySet()) {
      out.append("| ").append(row.getKey()).append(" | ");
      for (String shape : shapes.keySet()) {
        out.append(row.getValue().getOrDefault(shape, "did not run")).append(" | ");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** B2: makespan and its ratio to the critical path. */
  static String makespan(JsonNode results) {
    long critical = MakespanBenchmark.CRITICAL_PATH_MILLIS;
    StringBuilder out =
        new StringBuilder(
            "| contender | makespan (ms, mean of single shots) | min | max | makespan / critical path ("
                + critical
                + " ms) |\n|---|---|---|---|---|\n");
    for (JsonNode result : results) {
      JsonNode metric = result.get("primaryMetric");
      double mean = metric.get("score").asDouble();
      JsonNode raw = metric.get("rawData").get(0);
      double min = Double.MAX_VALUE;
      double max = 0;
      for (JsonNode shot : raw) {
        min = Math.min(min, shot.asDouble());
        max = Math.max(max, shot.asDouble());
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.1f | %.3f |%n",
              contender(result),
              mean,
              min,
              max,
              mean / critical));
    }
    return out.toString();
  }

  /** B6: makespan of the CPU-bound graph and the speed-up over one thread. */
  static String cpu(JsonNode results) {
    double oneThread = Double.NaN;
    for (JsonNode result : results) {
      if (contender(result).equals("oneThread")) {
        oneThread = result.get("primaryMetric").get("score").asDouble();
      }
    }
    StringBuilder out =
        new StringBuilder(
            "| contender | makespan (ms) | speed-up over one thread |\n|---|---|---|\n");
    for (JsonNode result : results) {
      JsonNode metric = result.get("primaryMetric");
      double mean = metric.get("score").asDouble();
      double error = metric.get("scoreError").asDouble();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f ± %.1f | %.2f |%n",
              contender(result),
              mean,
              Double.isNaN(error) ? 0 : error,
              oneThread / mean));
    }
    return out.toString();
  }
}
