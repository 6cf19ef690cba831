package dev.adagio.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaStreamGraph;
import dev.adagio.java.StreamOptions;
import dev.adagio.stream.JavaEmitter;
import dev.adagio.stream.StreamNode;
import dev.adagio.stream.StreamRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * SCENARIOS.md S5 in Java: pages of a JSON API (served on 127.0.0.1 by the Kotlin twin's server)
 * fetched with {@code HttpClient.sendAsync} until an empty page, each page's records appended to a
 * CSV file by a blocking sink.
 */
public final class S5PagedDownloadJava {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private S5PagedDownloadJava() {}

  static JavaStreamGraph download(URI api, CSVPrinter csv) {
    HttpClient client = HttpClient.newHttpClient();
    return Dags.stream(
        "s5-paged-download-java",
        b -> {
          StreamNode<JsonNode> pages =
              b.source(
                  "pages", (JavaEmitter<JsonNode> emitter) -> fetchFrom(client, api, 0, emitter));
          b.blockingSink(
              "csv",
              pages,
              records -> {
                try {
                  for (JsonNode record : records) {
                    csv.printRecord(record.get("id").asInt(), record.get("name").asText());
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              StreamOptions.defaults());
        });
  }

  /** Fetches page {@code page}, emits it, and goes on with the next, until an empty page. */
  private static CompletionStage<Void> fetchFrom(
      HttpClient client, URI api, int page, JavaEmitter<JsonNode> emitter) {
    HttpRequest request = HttpRequest.newBuilder(api.resolve("/records?page=" + page)).build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenCompose(
            response -> {
              JsonNode records;
              try {
                records = MAPPER.readTree(response.body());
              } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
              }
              if (records.isEmpty()) {
                return CompletableFuture.completedFuture(null);
              }
              return emitter
                  .emit(records)
                  .thenCompose(x -> fetchFrom(client, api, page + 1, emitter));
            });
  }

  /** Serves {@code records} records, downloads them into {@code file}, and returns the run. */
  public static StreamRun run(Path file, int records, int pageSize) throws Exception {
    var server = S5PagedDownload.INSTANCE.serve(records, pageSize);
    try (CSVPrinter csv =
        new CSVPrinter(
            Files.newBufferedWriter(file),
            CSVFormat.DEFAULT.builder().setHeader("id", "name").get())) {
      return download(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), csv)
          .run()
          .get();
    } finally {
      server.stop(0);
    }
  }
}
