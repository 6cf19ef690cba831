package dev.adagio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A user's project outside the reactor ({@code examples/consumer}) compiles against Adagio's built
 * artifacts, laid out in a scratch Maven repository as {@code install} would lay them out, and its
 * programs print what the README says: the design card, property-named nodes, several typed outputs
 * and the Java quick start. Runs in {@code verify}, after the published modules are packaged.
 */
class ConsumerProjectTest {
  private static final String VERSION = System.getProperty("adagio.version");
  private static final Path ROOT = Path.of(System.getProperty("adagio.root"));

  @Test
  void aScratchProjectCompilesAgainstTheArtifacts_andRunsTheCardAndTheQuickStart()
      throws Exception {
    Path repo = Files.createTempDirectory("adagio-consumer-repo");
    Path project = Files.createTempDirectory("adagio-consumer");
    try {
      buildAndRun(repo, project);
    } finally {
      deleteTree(repo);
      deleteTree(project);
    }
  }

  /**
   * Issue #22's observation: a project whose first dependency, kotlinx-coroutines-test 1.8, brings
   * kotlinx-coroutines-core 1.8 before Adagio's. Without the BOM, the first graph says which
   * versions met (it was a {@code NoSuchMethodError} in a run); with the BOM imported, the versions
   * align and the graph runs.
   */
  @Test
  void anOlderCoroutinesFirstOnTheClasspath_isNamedAtTheFirstGraph_andTheBomAlignsIt()
      throws Exception {
    Path repo = Files.createTempDirectory("adagio-clash-repo");
    Path project = Files.createTempDirectory("adagio-clash");
    try {
      installAdagio(repo);
      copyTree(ROOT.resolve("examples/consumer-clash"), project);
      maven(repo, project, "compile", "dependency:build-classpath", "-Dmdep.outputFile=cp.txt");
      String failed = runJava(project);
      assertTrue(
          failed.startsWith(
              "failed: java.lang.IllegalStateException: Adagio needs kotlinx-coroutines-core "
                  + System.getProperty("adagio.coroutinesVersion")
                  + " or newer, but the classpath has 1.8.0"),
          failed);
      assertTrue(failed.contains("adagio-bom"), failed);

      maven(repo, project, "-Pwith-bom", "dependency:build-classpath", "-Dmdep.outputFile=cp.txt");
      assertEquals("ran: Hello, Ada!", runJava(project).strip());
    } finally {
      deleteTree(repo);
      deleteTree(project);
    }
  }

  /** Runs {@code clash.Main} in a JVM of its own, on the classpath Maven resolved; its output. */
  private static String runJava(Path project) throws Exception {
    String classpath =
        project.resolve("target/classes")
            + java.io.File.pathSeparator
            + Files.readString(project.resolve("cp.txt")).strip();
    Process java =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                "clash.Main")
            .redirectErrorStream(true)
            .start();
    String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(java.waitFor(2, TimeUnit.MINUTES), "the program ends");
    return out;
  }

  private static void installAdagio(Path repo) throws IOException {
    install(repo, ".", "adagio-parent", false);
    install(repo, "bom", "adagio-bom", false);
    install(repo, "dsl", "adagio-dsl", true);
    install(repo, "java-facade", "adagio-java", true);
    install(repo, "test-kit", "adagio-test", true);
  }

  /** Runs Maven in {@code project} with Adagio's artifacts in {@code repo}; fails with its log. */
  private static void maven(Path repo, Path project, String... goals) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("mvnw").toString());
    command.addAll(
        List.of(
            "-B",
            "-q",
            "-Dmaven.repo.local=" + repo,
            "-Dmaven.repo.local.tail=" + System.getProperty("adagio.localRepository"),
            "-Dadagio.version=" + VERSION,
            "-Dkotlin.version=" + System.getProperty("adagio.kotlinVersion"),
            "-Dcompiler-plugin.version=" + System.getProperty("adagio.compilerPluginVersion")));
    command.addAll(List.of(goals));
    Process maven =
        new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
    String log = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(maven.waitFor(5, TimeUnit.MINUTES), "the consumer build finishes");
    assertEquals(0, maven.exitValue(), "the consumer build succeeds:\n" + log);
  }

  private static void buildAndRun(Path repo, Path project) throws Exception {
    installAdagio(repo);
    copyTree(ROOT.resolve("examples/consumer"), project);
    // The README's tests run too: runDagTest in Kotlin, the JUnit 5 extension in Java.
    maven(
        repo,
        project,
        "test",
        "-Dsurefire.version=" + System.getProperty("adagio.surefireVersion"),
        "-Djunit.version=" + System.getProperty("adagio.junitVersion"));
    for (String test : List.of("consumer.CardTest", "consumer.QuickStartTest")) {
      String report = Files.readString(project.resolve("target/surefire-reports/" + test + ".txt"));
      assertTrue(report.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), report);
    }

    Path classes = project.resolve("target/classes");
    assertEquals(
        List.of(
            "card: input, node1, node2 -> 2",
            "named: input, price, tax, node3 -> 50",
            "report: 10 4 4 rows, total 10"),
        runMain(classes, "consumer.Card"));
    assertEquals(List.of("Hello, Ada!"), runMain(classes, "consumer.QuickStart"));
  }

  /** Lays one module's POM (and jar) out as {@code install} would, in {@code repo}. */
  private static void install(Path repo, String dir, String artifactId, boolean jar)
      throws IOException {
    Path target = repo.resolve("dev/adagio/" + artifactId + "/" + VERSION);
    Files.createDirectories(target);
    String base = artifactId + "-" + VERSION;
    Files.copy(ROOT.resolve(dir).resolve("pom.xml"), target.resolve(base + ".pom"));
    if (jar) {
      Path built = ROOT.resolve(dir).resolve("target/" + base + ".jar");
      assertTrue(Files.isRegularFile(built), built + " is built (run the test in verify)");
      Files.copy(built, target.resolve(base + ".jar"));
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = from.relativize(file);
        if (relative.startsWith("target")) {
          continue;
        }
        Path destination = to.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * Runs {@code main} of a consumer class, with Adagio from this test's classpath, and its lines.
   */
  private static List<String> runMain(Path classes, String mainClass) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ConsumerProjectTest.class.getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      loader
          .loadClass(mainClass)
          .getMethod("main", String[].class)
          .invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(saved);
    }
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
