package dev.adagio.graphviz;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adagio.Dag;
import dev.adagio.Node;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mermaid output proved with Mermaid itself: its npm package renders every diagram in headless
 * Chromium, and every name must come back verbatim. Needs npm (to fetch {@code mermaid}) and
 * Chromium, as {@code .ci/run} installs them; skipped without them.
 */
class MermaidRenderTest {
  private static final String MERMAID = "11.17.2";
  private static Path mermaidJs;
  private static Path chromium;

  @BeforeAll
  static void fetchMermaid() throws Exception {
    chromium = RunReportTest.chromium();
    assumeTrue(chromium != null, "Chromium is not installed (.ci/run installs it)");
    assumeTrue(Graphviz.onPath("npm"), "npm is not installed (.ci/run installs it)");
    Path dir = Path.of("target", "mermaid-" + MERMAID).toAbsolutePath();
    mermaidJs = dir.resolve("package/dist/mermaid.min.js");
    if (!Files.exists(mermaidJs)) {
      Files.createDirectories(dir);
      run(dir, "npm", "pack", "--silent", "mermaid@" + MERMAID);
      run(dir, "tar", "xzf", "mermaid-" + MERMAID + ".tgz");
    }
    assertTrue(Files.exists(mermaidJs), "mermaid " + MERMAID + " fetched");
  }

  private static String run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(180, SECONDS), String.join(" ", command) + " finishes");
    assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + out);
    return out;
  }

  /**
   * Renders each diagram with Mermaid in Chromium: per diagram, each node's lines, or the error.
   */
  private static List<JsonNode> render(List<String> diagrams) throws Exception {
    Path dir = Files.createTempDirectory("adagio-mermaid");
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script src=\"")
        .append(mermaidJs.toUri())
        .append("\"></script></head><body>\n");
    for (int i = 0; i < diagrams.size(); i++) {
      page.append("<pre id=\"d")
          .append(i)
          .append("\" style=\"display:none\">")
          .append(RunReport.text(diagrams.get(i)))
          .append("</pre>\n");
    }
    page.append("<div id=\"out\"></div><script>\n")
        .append(SCRIPT)
        .append("</script></body></html>\n");
    Path html = dir.resolve("mermaid.html");
    Files.writeString(html, page, StandardCharsets.UTF_8);
    Process chrome =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--allow-file-access-from-files",
                "--virtual-time-budget=60000",
                "--dump-dom",
                html.toUri().toString())
            .redirectError(dir.resolve("console.txt").toFile())
            .start();
    String dom = new String(chrome.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(chrome.waitFor(120, SECONDS), "Chromium finishes");
    int start = dom.indexOf("<script id=\"results\" type=\"application/json\">");
    assertTrue(start >= 0, "Mermaid ran: " + Files.readString(dir.resolve("console.txt")));
    String json = dom.substring(dom.indexOf('>', start) + 1, dom.indexOf("</script>", start));
    List<JsonNode> results = new ArrayList<>();
    new ObjectMapper().readTree(json).forEach(results::add);
    return results;
  }

  private static void assertShownVerbatim(Dag<?, ?> dag, JsonNode result, String what) {
    assertTrue(!result.has("error"), what + ": Mermaid refused it: " + result.path("error"));
    for (Node<?> node : dag.getNodes()) {
      if (node == dag.getInput() && dag.dependents(node).isEmpty()) {
        continue;
      }
      List<String> shown = new ArrayList<>();
      result.path("nodes").path("n" + node.getIndex()).forEach(line -> shown.add(line.asText()));
      List<String> expected = new ArrayList<>();
      for (String line : Svg.expectedLines(node.getName())) {
        expected.add(line);
      }
      assertEquals(expected, shown, what + ", node '" + node.getName() + "'");
    }
  }

  @Test
  void theGoldenFiles_andTheNamesThatBrokeMermaid_renderVerbatim() throws Exception {
    Map<String, Dag<?, ?>> graphs = new LinkedHashMap<>();
    graphs.put("s1", Graphs.s1().definition());
    graphs.put("s2", Graphs.s2().definition());
    graphs.put("hostile", Graphs.hostile(Graphs.HOSTILE).definition());
    graphs.put("map", GrownRuns.mapGraph());
    graphs.put("include", GrownRuns.includeGraph());
    graphs.put(
        "observed",
        Graphs.hostile(
                List.of(
                    "%%{init: {'theme': 'dark'}}%%",
                    "x %%{wrap}%% y",
                    "style:#fff",
                    "classDef:#x;",
                    "  leading and trailing  ",
                    "a \\n b",
                    "click n1 call alert()"))
            .definition());
    List<String> texts = new ArrayList<>();
    for (Dag<?, ?> dag : graphs.values()) {
      texts.add(Diagram.of(dag).toMermaid());
    }
    List<JsonNode> results = render(texts);
    int k = 0;
    for (Map.Entry<String, Dag<?, ?>> graph : graphs.entrySet()) {
      assertShownVerbatim(graph.getValue(), results.get(k++), graph.getKey());
    }
  }

  @Test
  void threeHundredRandomHostileNames_renderVerbatim() throws Exception {
    Random random = new Random(20261201);
    List<Dag<?, ?>> dags = new ArrayList<>();
    int cases = 300 * Integer.getInteger("adagio.stress", 1);
    for (int checked = 0; checked < cases; checked += 25) {
      Set<String> names = new LinkedHashSet<>();
      while (names.size() < 25) {
        String name = HostileNamesTest.randomName(random);
        if (HostileNamesTest.visible(name)) {
          names.add(name);
        }
      }
      dags.add(Graphs.hostile(new ArrayList<>(names)).definition());
    }
    List<String> texts = new ArrayList<>();
    for (Dag<?, ?> dag : dags) {
      texts.add(Diagram.of(dag).toMermaid());
    }
    List<JsonNode> results = render(texts);
    for (int i = 0; i < dags.size(); i++) {
      assertShownVerbatim(dags.get(i), results.get(i), "random graph " + i);
    }
  }

  private static final String SCRIPT =
      """
      (async function () {
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
        const results = [];
        for (const pre of document.querySelectorAll('pre[id^=d]')) {
          try {
            const rendered = await mermaid.render('g' + pre.id, pre.textContent);
            const div = document.createElement('div');
            div.innerHTML = rendered.svg;
            document.getElementById('out').appendChild(div);
            const nodes = {};
            div.querySelectorAll('g.node').forEach(function (g) {
              const id = /flowchart-(n\\d+)-/.exec(g.id);
              if (!id) return;
              const label = g.querySelector('.nodeLabel') || g.querySelector('text');
              const lines = (label ? label.innerHTML : '').split(/<br\\s*\\/?>/).map(function (part) {
                const decode = document.createElement('textarea');
                decode.innerHTML = part.replace(/<[^>]*>/g, '');
                return decode.value.replace(/\\u00a0/g, ' ');
              }).filter(function (line) { return line.length > 0; });
              nodes[id[1]] = lines;
            });
            results.push({ id: pre.id, nodes: nodes });
          } catch (e) {
            results.push({ id: pre.id, error: String((e && e.message) || e) });
          }
        }
        const out = document.createElement('script');
        out.id = 'results';
        out.type = 'application/json';
        out.textContent = JSON.stringify(results);
        document.body.appendChild(out);
      })();
      """;
}
