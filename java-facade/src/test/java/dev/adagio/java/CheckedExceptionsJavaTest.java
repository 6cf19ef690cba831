package dev.adagio.java;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adagio.Node;
import dev.adagio.NodeFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Blocking bodies may throw checked exceptions: no try/catch around the file or JDBC call. */
class CheckedExceptionsJavaTest {
  private static String readFirstLine(Path file) throws IOException {
    return Files.readAllLines(file).get(0);
  }

  @Test
  void aBlockingBodyMayThrowACheckedException_whichFailsItsNode() throws Exception {
    JavaDagBuilder<Path> b = Dags.builder("files", Path.class);
    Node<String> first = b.blocking("first", b.input(), CheckedExceptionsJavaTest::readFirstLine);
    Node<Integer> length = b.blocking("length", first, String::length);
    JavaDag<Path, Integer> dag = b.build(length);

    Path file = Files.createTempFile("adagio", ".txt");
    try {
      Files.writeString(file, "hello\nworld\n");
      assertEquals(5, dag.apply(file).get(10, SECONDS));
    } finally {
      Files.delete(file);
    }
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> dag.apply(file).get(10, SECONDS));
    NodeFailedException failure = assertInstanceOf(NodeFailedException.class, e.getCause());
    assertEquals("first", failure.getNodeName());
    assertInstanceOf(IOException.class, failure.getCause());
  }

  @Test
  void everyBlockingArity_takesABodyThatThrows() throws Exception {
    JavaDagBuilder<Void> b = Dags.builder("arities");
    Node<Integer> one =
        b.blocking(
            "one",
            () -> {
              if (Thread.interrupted()) {
                throw new InterruptedException();
              }
              return 1;
            });
    Node<Integer> two = b.blocking("two", one, x -> x + 1);
    Node<Integer> three = b.blocking("three", one, two, (x, y) -> x + y);
    Node<Integer> sum =
        b.blocking(
            "sum",
            List.of(one, two, three),
            xs -> {
              if (xs.isEmpty()) {
                throw new IOException("no inputs");
              }
              return xs.stream().mapToInt(Integer::intValue).sum();
            });
    assertEquals(6, b.build(sum).apply(null).get(10, SECONDS));
  }
}
