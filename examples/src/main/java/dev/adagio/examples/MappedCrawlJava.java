package dev.adagio.examples;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.Retry;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import dev.adagio.java.NodeOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The mapped crawl in Java: the site lists its pages, {@code fetch} is mapped over them (each page
 * a node, retried on its own, at most four at once), then the pages are aggregated. Serves the site
 * of {@link MappedCrawl.Site} on 127.0.0.1; page 7 fails once.
 */
public final class MappedCrawlJava {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private MappedCrawlJava() {}

  private static CompletionStage<String> get(URI uri) {
    return CLIENT
        .sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .thenCompose(
            response ->
                response.statusCode() == 200
                    ? CompletableFuture.completedFuture(response.body())
                    : CompletableFuture.failedFuture(
                        new IllegalStateException(
                            "GET " + uri + " answered " + response.statusCode())));
  }

  /** The crawl: list, fetch each page (3 attempts, 4 at once), then the total size. */
  public static JavaDag<Void, Integer> crawl(URI site) {
    JavaDagBuilder<Void> b = Dags.builder("crawl-java");
    Node<List<Integer>> pages =
        b.node(
            "list pages",
            () ->
                get(site.resolve("/pages"))
                    .thenApply(
                        text -> Arrays.stream(text.split(",")).map(Integer::valueOf).toList()));
    Node<List<String>> fetched =
        b.with(
                NodeOptions.defaults()
                    .withRetry(Retry.fixed(3, Duration.ofMillis(10)))
                    .withTimeout(Duration.ofSeconds(2)))
            .map("fetch", pages, id -> get(site.resolve("/page/" + id)));
    b.maxConcurrency(fetched, 4);
    return b.build(
        b.step("aggregate", fetched, texts -> texts.stream().mapToInt(String::length).sum()));
  }

  /** Serves {@code pages} pages and crawls them. */
  public static DagRun<Integer> run(int pages) throws Exception {
    try (MappedCrawl.Site site = new MappedCrawl.Site(pages)) {
      return crawl(site.getUri()).run(null).get();
    }
  }
}
