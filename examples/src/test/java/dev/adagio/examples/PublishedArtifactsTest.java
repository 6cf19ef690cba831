package dev.adagio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue #22: what Maven Central and module-path users need from each published jar, checked on the
 * jars this build made (the test runs in {@code verify}, after they are packaged).
 */
class PublishedArtifactsTest {
  private static final String VERSION = System.getProperty("adagio.version");
  private static final Path ROOT = Path.of(System.getProperty("adagio.root"));
  private static final Map<String, String> MODULES =
      Map.of(
          "dsl/target/adagio-dsl", "dev.adagio",
          "java-facade/target/adagio-java", "dev.adagio.java",
          "graphviz-export/target/adagio-graphviz", "dev.adagio.graphviz",
          "test-kit/target/adagio-test", "dev.adagio.test",
          "opentelemetry/target/adagio-opentelemetry", "dev.adagio.opentelemetry",
          "micrometer/target/adagio-micrometer", "dev.adagio.micrometer",
          "temporal/target/adagio-temporal", "dev.adagio.temporal");

  @Test
  void everyPublishedJar_hasItsModuleName_theLicenceAndNotice_andSourcesAndJavadocBesideIt()
      throws Exception {
    Map<String, String> packageOwner = new HashMap<>();
    for (var module : MODULES.entrySet()) {
      Path jar = ROOT.resolve(module.getKey() + "-" + VERSION + ".jar");
      try (JarFile file = new JarFile(jar.toFile())) {
        assertEquals(
            module.getValue(),
            file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"),
            jar.toString());
        assertNotNull(file.getEntry("META-INF/LICENSE"), jar + " has the licence");
        assertNotNull(file.getEntry("META-INF/NOTICE"), jar + " has the notice");
        // No split packages: each package is in one jar only.
        Set<String> packages = new HashSet<>();
        file.stream()
            .filter(e -> e.getName().endsWith(".class") && e.getName().contains("/"))
            .filter(e -> !e.getName().startsWith("META-INF/"))
            .forEach(e -> packages.add(e.getName().substring(0, e.getName().lastIndexOf('/'))));
        for (String p : packages) {
          String before = packageOwner.put(p, jar.getFileName().toString());
          assertTrue(before == null, p + " is in " + before + " and " + jar.getFileName());
        }
      }
      // Gradle module metadata: the jar as built, and the BOM as a platform.
      String metadata = Files.readString(jar.getParent().resolve("publications/maven/module.json"));
      String sha1 = sha1(jar);
      assertTrue(metadata.contains("\"sha1\": \"" + sha1 + "\""), jar + " is the file it names");
      assertTrue(
          metadata.contains("\"module\": \"adagio-bom\"")
              && metadata.contains("\"org.gradle.category\": \"platform\""),
          metadata);
      String pom = Files.readString(jar.getParent().getParent().resolve("pom.xml"));
      assertTrue(pom.contains("do_not_remove: published-with-gradle-metadata"), "pom marks it");
      for (String classifier : new String[] {"sources", "javadoc"}) {
        Path extra = ROOT.resolve(module.getKey() + "-" + VERSION + "-" + classifier + ".jar");
        assertTrue(Files.size(extra) > 1_000, extra + " is built");
      }
    }
    try (JarFile sources =
        new JarFile(ROOT.resolve("dsl/target/adagio-dsl-" + VERSION + "-sources.jar").toFile())) {
      assertNotNull(sources.getEntry("dev/adagio/Dag.kt"), "the DSL's sources jar has its Kotlin");
    }
  }

  @Test
  void theBomPinsTheKotlinAndCoroutinesVersionsTheBuildUses() throws Exception {
    String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
    assertEquals(System.getProperty("adagio.kotlinVersion"), property(bom, "kotlin.version"));
    assertEquals(
        System.getProperty("adagio.coroutinesVersion"), property(bom, "coroutines.version"));
    assertTrue(bom.contains("<artifactId>kotlinx-coroutines-bom</artifactId>"), bom);
    assertTrue(bom.contains("<artifactId>kotlin-bom</artifactId>"), bom);
    for (String pom : new String[] {"pom.xml", "bom/pom.xml"}) {
      String text = Files.readString(ROOT.resolve(pom));
      for (String tag : new String[] {"<url>", "<licenses>", "<developers>", "<scm>"}) {
        assertTrue(text.contains(tag), pom + " declares " + tag);
      }
    }
  }

  private static String sha1(Path file) throws Exception {
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
    StringBuilder hex = new StringBuilder();
    for (byte b : digest) hex.append(String.format("%02x", b));
    return hex.toString();
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertTrue(m.find(), name);
    return m.group(1);
  }
}
