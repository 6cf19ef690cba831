package dev.adagio.graphviz;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.adagio.DagRun;
import dev.adagio.Node;
import dev.adagio.NodeFailedException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The HTML run report: self-contained, every node in the graph, the timeline and the table. */
class RunReportTest {
  private static DagRun<?> failedRun() {
    var b = dev.adagio.java.Dags.builder("report \"<failing>\"");
    Node<String> ok = b.step("ok & fine", () -> "fine");
    Node<String> bad =
        b.node(
            "bad",
            ok,
            x ->
                java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                      throw new IllegalStateException("boom <b>&</b> \\N");
                    },
                    java.util.concurrent.CompletableFuture.delayedExecutor(
                        20, TimeUnit.MILLISECONDS)));
    b.node("hanging", () -> new java.util.concurrent.CompletableFuture<String>());
    var dag = b.build(b.step("after-bad", bad, x -> x));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> dag.apply(null).get(10, SECONDS));
    return assertInstanceOf(NodeFailedException.class, e.getCause()).getRun();
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> withAttribute(Document document, String tag, String attribute) {
    List<Element> found = new ArrayList<>();
    NodeList all = document.getElementsByTagName(tag);
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      if (element.hasAttribute(attribute)) {
        found.add(element);
      }
    }
    return found;
  }

  @Test
  void everyNodeIsInTheGraph_theTimelineWhenItRan_andTheTable_selfContained() throws Exception {
    DagRun<?> run = failedRun();
    for (Engine engine : Engines.available()) {
      String html = RunReport.html(run, Engines.options(engine));
      Document page = parse(html);
      assertFalse(
          html.contains("http://") && html.matches("(?s).*(src|href)=\"http.*"), "no network");
      assertEquals(0, page.getElementsByTagName("link").getLength());
      List<String> table = new ArrayList<>();
      for (Element row : withAttribute(page, "tr", "data-node")) {
        table.add(row.getAttribute("data-node"));
      }
      List<String> timeline = new ArrayList<>();
      for (Element bar : withAttribute(page, "div", "data-node")) {
        timeline.add(bar.getAttribute("data-node"));
      }
      List<String> graph = new ArrayList<>();
      NodeList groups = page.getElementsByTagName("g");
      for (int i = 0; i < groups.getLength(); i++) {
        Element group = (Element) groups.item(i);
        if ("node".equals(group.getAttribute("class"))) {
          graph.add(group.getElementsByTagName("title").item(0).getTextContent());
        }
      }
      assertEquals(List.of("n1", "n2", "n3", "n4"), table, engine.toString());
      assertTrue(graph.containsAll(table), engine + ": " + graph);
      assertEquals(
          List.of("n1", "n2", "n3"), timeline.stream().sorted().toList(), "those that started");
      assertTrue(html.contains("boom &lt;b&gt;&amp;&lt;/b&gt; \\N"), "the error, escaped");
      assertTrue(html.contains("<title>Run of report &quot;&lt;failing&gt;&quot;</title>"));
    }
  }

  @Test
  void writesIntoAFolderThatDoesNotExist(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reports/new/run.html");
    RunReport.write(failedRun(), Engines.options(Engine.EMBEDDED), file);
    assertTrue(Files.readString(file).startsWith("<!DOCTYPE html>"));
  }

  /** Chromium from the system packages, as {@code .ci/run} installs it; null when absent. */
  static Path chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      if (Graphviz.onPath(name)) {
        return Path.of(name);
      }
    }
    return null;
  }

  @Test
  void inARealHeadlessBrowser_thePageLoadsWithoutConsoleErrors_andFindsEveryNode(@TempDir Path dir)
      throws Exception {
    Path browser = chromium();
    assumeTrue(browser != null, "Chromium is not installed (.ci/run installs it)");
    Path page = dir.resolve("report.html");
    RunReport.write(failedRun(), Engines.options(Engine.EMBEDDED), page);
    Process chrome =
        new ProcessBuilder(
                browser.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=3000",
                "--dump-dom",
                page.toUri().toString())
            .redirectError(dir.resolve("console.txt").toFile())
            .start();
    String dom = new String(chrome.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(chrome.waitFor(60, SECONDS), "Chromium finishes");
    String console = Files.readString(dir.resolve("console.txt"));
    assertTrue(
        dom.contains("data-check=\"ok 4\""), "the page's own check found every node: " + dom);
    assertFalse(
        console.contains("Uncaught") || console.contains(":ERROR:CONSOLE"), "console: " + console);
  }
}
