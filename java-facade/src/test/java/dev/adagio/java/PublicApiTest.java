package dev.adagio.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Java callers see only JDK and Adagio types: no kotlin.* type in any public signature. */
class PublicApiTest {
  private static List<Class<?>> publicClassesOfTheModule() throws IOException, URISyntaxException {
    Path root = Path.of(Dags.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        try {
          Class<?> type = Class.forName(name);
          if (Modifier.isPublic(type.getModifiers())) {
            classes.add(type);
          }
        } catch (ClassNotFoundException e) {
          throw new AssertionError(e);
        }
      }
    }
    return classes;
  }

  private static void collect(Type type, List<String> names, int depth) {
    if (depth > 8 || type == null) {
      return;
    }
    if (type instanceof Class<?> c) {
      names.add(c.getName());
      if (c.isArray()) {
        collect(c.getComponentType(), names, depth + 1);
      }
    } else if (type instanceof ParameterizedType p) {
      collect(p.getRawType(), names, depth + 1);
      for (Type argument : p.getActualTypeArguments()) {
        collect(argument, names, depth + 1);
      }
    } else if (type instanceof WildcardType w) {
      for (Type bound : w.getUpperBounds()) {
        collect(bound, names, depth + 1);
      }
      for (Type bound : w.getLowerBounds()) {
        collect(bound, names, depth + 1);
      }
    } else if (type instanceof TypeVariable<?> v) {
      for (Type bound : v.getBounds()) {
        collect(bound, names, depth + 1);
      }
    } else if (type instanceof GenericArrayType a) {
      collect(a.getGenericComponentType(), names, depth + 1);
    }
  }

  private static List<String> signatureTypes(Class<?> type) {
    List<String> names = new ArrayList<>();
    collect(type.getGenericSuperclass(), names, 0);
    for (Type i : type.getGenericInterfaces()) {
      collect(i, names, 0);
    }
    List<Executable> members = new ArrayList<>(List.of(type.getDeclaredConstructors()));
    members.addAll(List.of(type.getDeclaredMethods()));
    for (Executable member : members) {
      if (!Modifier.isPublic(member.getModifiers())
          && !Modifier.isProtected(member.getModifiers())) {
        continue;
      }
      for (Type parameter : member.getGenericParameterTypes()) {
        collect(parameter, names, 0);
      }
      for (Type thrown : member.getGenericExceptionTypes()) {
        collect(thrown, names, 0);
      }
      for (TypeVariable<?> variable : member.getTypeParameters()) {
        collect(variable, names, 0);
      }
      if (member instanceof Method m) {
        collect(m.getGenericReturnType(), names, 0);
      }
    }
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isPublic(field.getModifiers())) {
        collect(field.getGenericType(), names, 0);
      }
    }
    return names;
  }

  @Test
  void noPublicSignatureOfTheFacadeMentionsAKotlinType() throws Exception {
    List<Class<?>> classes = publicClassesOfTheModule();
    assertTrue(
        classes.containsAll(List.of(Dags.class, JavaDagBuilder.class, JavaDag.class)),
        "the scan found the facade's classes: " + classes);
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : classes) {
      for (String name : signatureTypes(type)) {
        if (name.startsWith("kotlin.") || name.startsWith("kotlinx.")) {
          leaks.add(type.getSimpleName() + " uses " + name);
        }
      }
    }
    assertEquals(List.of(), leaks);
  }

  /**
   * Every Adagio type a Java user can reach from the facade, transitively through public signatures
   * ({@code JavaDag.definition()}, {@code DagRun.getDag()}, the stream graph, …), shows no Kotlin
   * type and no mangled name in a member Java can call. Members hidden from Java (synthetic, as
   * {@code @JvmSynthetic} makes them) are not reachable and not checked.
   */
  @Test
  void noTypeAJavaUserCanReach_mentionsAKotlinTypeOrAMangledName() throws Exception {
    java.util.Deque<Class<?>> queue = new java.util.ArrayDeque<>(publicClassesOfTheModule());
    java.util.Set<Class<?>> seen = new java.util.LinkedHashSet<>(queue);
    java.util.Set<String> leaks = new java.util.TreeSet<>();
    while (!queue.isEmpty()) {
      Class<?> type = queue.poll();
      for (String name : visibleSignatureTypes(type, leaks)) {
        if (name.startsWith("kotlin.") || name.startsWith("kotlinx.")) {
          leaks.add(type.getName() + " uses " + name);
        } else if (name.startsWith("dev.adagio.")) {
          try {
            Class<?> reached = Class.forName(name);
            boolean engine = reached.getPackageName().equals("dev.adagio.internal");
            if (Modifier.isPublic(reached.getModifiers()) && !engine && seen.add(reached)) {
              queue.add(reached);
            }
          } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
          }
        }
      }
    }
    assertTrue(seen.contains(dev.adagio.Dag.class), "the walk reaches the DSL's types: " + seen);
    assertEquals(List.of(), List.copyOf(leaks));
  }

  /** The types in the members Java can call (public, not synthetic); mangled names go to leaks. */
  private static List<String> visibleSignatureTypes(Class<?> type, java.util.Set<String> leaks) {
    List<String> names = new ArrayList<>();
    collect(type.getGenericSuperclass(), names, 0);
    for (Type i : type.getGenericInterfaces()) {
      collect(i, names, 0);
    }
    // Constructors are left out: Java users get Adagio's objects from the facade and from
    // factories,
    // and Kotlin's internal constructors are public in the bytecode. Kotlin's internal members
    // carry a
    // '$' in their names; the compiler's getEntries() of every enum returns
    // kotlin.enums.EnumEntries.
    for (Method member : type.getDeclaredMethods()) {
      if (!Modifier.isPublic(member.getModifiers())
          || member.isSynthetic()
          || member.isBridge()
          || member.getName().contains("$")
          || (type.isEnum() && member.getName().equals("getEntries"))) {
        continue;
      }
      if (member.getName().contains("-")) {
        leaks.add(type.getName() + "." + member.getName() + " has a mangled name");
        continue;
      }
      for (Type parameter : member.getGenericParameterTypes()) {
        collect(parameter, names, 0);
      }
      collect(member.getGenericReturnType(), names, 0);
    }
    return names;
  }

  @Test
  void theCheckWouldCatchAKotlinType() {
    List<String> names = new ArrayList<>();
    collect(kotlin.jvm.functions.Function1.class, names, 0);
    assertTrue(names.stream().anyMatch(n -> n.startsWith("kotlin.")));
  }
}
