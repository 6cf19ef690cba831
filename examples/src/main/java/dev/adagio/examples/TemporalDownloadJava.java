package dev.adagio.examples;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.Retry;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import dev.adagio.java.NodeOptions;
import dev.adagio.temporal.AdagioClient;
import dev.adagio.temporal.AdagioWorkers;
import dev.adagio.temporal.TemporalDag;
import dev.adagio.temporal.TemporalRun;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * SCENARIOS.md S5 in Java as a durable run on Temporal, on two workers in this process (Temporal's
 * in-process test server): each page a blocking node any worker may fetch, the CSV lines built from
 * the pages in order, the result a {@code CompletableFuture} of the run. See {@code
 * TemporalDownload} for why the graph fetches a fixed number of pages.
 */
public final class TemporalDownloadJava {
  private TemporalDownloadJava() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String QUEUE = "downloads-java";

  /** One page of the API: its number and records ({@code id}, {@code name}). */
  public record Page(int number, List<Map<String, Object>> records) {}

  /** The download of {@code pages} pages, noting in {@code ranOn} which worker ran each node. */
  public static JavaDag<String, List<String>> definition(
      int pages, String worker, Map<String, String> ranOn) {
    HttpClient client = HttpClient.newHttpClient();
    JavaDagBuilder<String> b = Dags.builder("s5-temporal-download-java", String.class);
    NodeOptions retried =
        NodeOptions.defaults()
            .withRetry(Retry.exponential(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(5)));
    List<Node<Page>> fetched = new ArrayList<>();
    for (int n = 0; n < pages; n++) {
      int number = n;
      Node<Page> page =
          b.with(retried)
              .blocking(
                  "page" + n,
                  b.input(),
                  base -> {
                    ranOn.put("page" + number, worker);
                    HttpRequest request =
                        HttpRequest.newBuilder(URI.create(base).resolve("/records?page=" + number))
                            .build();
                    byte[] body =
                        client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
                    return new Page(
                        number,
                        MAPPER.readValue(body, new TypeReference<List<Map<String, Object>>>() {}));
                  });
      fetched.add(page);
    }
    Node<List<String>> csv =
        b.step(
            "csv",
            fetched,
            all -> {
              ranOn.put("csv", worker);
              List<String> lines = new ArrayList<>(List.of("id,name"));
              int filled = 0;
              for (Page page : all) {
                if (page.records().isEmpty()) {
                  break;
                }
                filled++;
                for (Map<String, Object> r : page.records()) {
                  lines.add(r.get("id") + "," + r.get("name"));
                }
              }
              if (filled == all.size()) {
                throw new IllegalStateException(
                    "page " + (all.size() - 1) + " was not empty: declare more pages");
              }
              return lines;
            });
    return b.build(csv);
  }

  /** A run's CSV lines and which worker ran each node. */
  public record Result(DagRun<List<String>> run, Map<String, String> ranOn) {}

  /**
   * Serves {@code records} records in pages of {@code pageSize} and downloads them on two workers.
   */
  public static Result run(int records, int pageSize, int pages) throws Exception {
    HttpServer server = S5PagedDownload.INSTANCE.serve(records, pageSize);
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    Map<String, String> ranOn = new ConcurrentHashMap<>();
    List<WorkerFactory> factories = new ArrayList<>();
    try {
      for (String name : List.of("east", "west")) {
        WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
        AdagioWorkers.register(
            factory.newWorker(QUEUE), TemporalDag.of(definition(pages, name, ranOn).definition()));
        factory.start();
        factories.add(factory);
      }
      TemporalDag<String, List<String>> graph =
          TemporalDag.of(definition(pages, "client", ranOn).definition());
      String api = "http://127.0.0.1:" + server.getAddress().getPort();
      TemporalRun<List<String>> handle =
          new AdagioClient(env.getWorkflowClient(), QUEUE)
              .start(graph, api, "s5-download-java-" + System.nanoTime());
      DagRun<List<String>> run = handle.result().get(60, TimeUnit.SECONDS);
      return new Result(run, new TreeMap<>(ranOn));
    } finally {
      factories.forEach(WorkerFactory::shutdownNow);
      env.close();
      server.stop(0);
    }
  }
}
