package dev.adagio.graphviz;

import static java.util.concurrent.CompletableFuture.completedFuture;

import dev.adagio.Node;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import java.util.ArrayList;
import java.util.List;

/** The graphs the diagram tests draw. */
final class Graphs {
  private Graphs() {}

  /** SCENARIOS.md S1: order edges A→B, B→D, C→D, D→E, C→F, D→F, E→G, F→G. */
  static JavaDag<Void, String> s1() {
    JavaDagBuilder<Void> b = Dags.builder("s1-diamond");
    Node<String> a = task(b, "A");
    Node<String> bb = b.after(task(b, "B"), a);
    Node<String> c = task(b, "C");
    Node<String> d = b.after(task(b, "D"), bb, c);
    Node<String> e = b.after(task(b, "E"), d);
    Node<String> f = b.after(task(b, "F"), c, d);
    return b.build(b.after(task(b, "G"), e, f));
  }

  private static Node<String> task(JavaDagBuilder<Void> b, String name) {
    return b.node(name, () -> completedFuture(name));
  }

  /** SCENARIOS.md S2: data edges from the input, one blocking node for shape variety. */
  static JavaDag<Integer, Integer> s2() {
    JavaDagBuilder<Integer> b = Dags.builder("s2-start-early", Integer.class);
    Node<Integer> fastA = b.node("FastA", b.input(), n -> completedFuture(n + 1));
    Node<Integer> slowB = b.node("SlowB", fastA, n -> completedFuture(n + 1));
    Node<Integer> slowA = b.blocking("SlowA", b.input(), n -> n + 1);
    Node<Integer> fastB = b.node("FastB", b.input(), n -> completedFuture(n + 1));
    Node<Integer> fastC = b.node("FastC", slowA, fastB, (x, y) -> completedFuture(x + y));
    return b.build(b.node("End", fastC, slowB, (x, y) -> completedFuture(x + y)));
  }

  /** Names built to break DOT and Mermaid: one node each, chained. */
  static final List<String> HOSTILE =
      List.of(
          "quote \" inside",
          "back\\slash",
          "ends with \\",
          "\\N \\G \\l \\n escapes",
          "new\nline",
          "crlf\r\nline",
          "tab\there",
          "<html> & {record|fields}",
          "&amp; &#38; entity",
          "# hash ; semi `tick`",
          "node",
          "digraph",
          "subgraph",
          "end",
          "é 漢字 😀",
          "  spaced  out  ",
          "x".repeat(300));

  static JavaDag<Void, Integer> hostile(List<String> names) {
    JavaDagBuilder<Void> b = Dags.builder("hostile \"graph\" \\ name");
    List<Node<Integer>> nodes = new ArrayList<>();
    for (String name : names) {
      Node<Integer> node =
          nodes.isEmpty()
              ? b.node(name, () -> completedFuture(0))
              : b.node(name, nodes.get(nodes.size() - 1), x -> completedFuture(x + 1));
      nodes.add(node);
    }
    return b.build(nodes.get(nodes.size() - 1));
  }
}
