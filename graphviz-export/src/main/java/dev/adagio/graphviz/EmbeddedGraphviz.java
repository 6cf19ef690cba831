package dev.adagio.graphviz;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import dev.adagio.graphviz.embedded.GraphvizModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Graphviz compiled to WebAssembly ({@code @viz-js/viz}, vendored in the jar), run by Chicory: the
 * engine for machines without a native {@code dot}. The module is compiled to JVM bytecode when
 * Adagio is built ({@code GraphvizModule}, by Chicory's Maven plugin); each render runs in a fresh
 * instance of it, because Graphviz keeps state between calls that can break a later render (the
 * same graph rendered twice in one instance fails in {@code @viz-js/viz} itself). Renders are
 * therefore independent and may run concurrently.
 *
 * <p>The module's imports are the few Emscripten system calls Graphviz makes when it renders from a
 * string: no file exists (every open fails with {@code ENOENT}), standard output and error are
 * captured as messages, the clock and randomness are the JVM's, and the heap grows on demand.
 */
final class EmbeddedGraphviz {
  private static final String RESOURCES = "/dev/adagio/graphviz/embedded/";
  private static final int ENOENT = 44;
  private static final int EBADF = 8;
  private static final int ESPIPE = 70;
  private static final int ENOMEM = 48;
  private static final int PAGE = 65536;

  private static volatile EmbeddedGraphviz shared;

  private final WasmModule module;
  private final Function<Instance, Machine> machines;
  private final Properties abi = new Properties();
  private final String version;

  /** Thrown by the module's {@code exit} and {@code abort}: Graphviz gave up on the input. */
  private static final class Exit extends RuntimeException {
    Exit(String message) {
      super(message, null, false, false);
    }
  }

  /** The engine, created (its module loaded) on first use. */
  static EmbeddedGraphviz shared() {
    EmbeddedGraphviz engine = shared;
    if (engine == null) {
      synchronized (EmbeddedGraphviz.class) {
        engine = shared;
        if (engine == null) {
          engine = new EmbeddedGraphviz();
          shared = engine;
        }
      }
    }
    return engine;
  }

  private EmbeddedGraphviz() {
    byte[] wasm = resource("graphviz.wasm");
    checkSum(wasm);
    try (InputStream in =
        EmbeddedGraphviz.class.getResourceAsStream(RESOURCES + "graphviz-abi.properties")) {
      abi.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The module as compiled to bytecode at build time (chicory-compiler-maven-plugin).
    module = GraphvizModule.load();
    machines = GraphvizModule::create;
    Session session = new Session();
    version = session.memory.readCString((int) session.call("viz_get_graphviz_version"));
  }

  /** The Graphviz version inside the module, as {@code dot -V} would say it. */
  String version() {
    return version;
  }

  /**
   * Lays {@code dot} out with the {@code dot} engine and writes it as {@code format} (a Graphviz
   * output format: {@code svg}, {@code dot}, {@code json}, …), in a fresh instance of the module.
   *
   * @throws GraphvizException with Graphviz's own messages when it rejects the input
   */
  String render(String dot, String format) throws GraphvizException {
    Session session = new Session();
    try {
      int source = session.string(dot);
      int graph = (int) session.call("viz_read_one_graph", source);
      if (graph == 0) {
        throw session.failure();
      }
      int context = (int) session.call("viz_create_context");
      session.call("viz_reset_errors");
      if (session.call("viz_layout", context, graph, session.string("dot")) != 0) {
        throw session.failure();
      }
      int result = (int) session.call("viz_render", context, graph, session.string(format));
      if (result == 0) {
        throw session.failure();
      }
      return session.memory.readCString(result, StandardCharsets.UTF_8);
    } catch (Exit e) {
      throw session.failure();
    }
    // The instance is dropped with its memory, so nothing is freed call by call.
  }

  /** One instance of the module, for one render. */
  private final class Session {
    final Instance instance;
    final Memory memory;
    final Map<String, ExportFunction> exports = new HashMap<>();
    final List<String> messages = new ArrayList<>();

    Session() {
      Map<String, WasmFunctionHandle> bySyscall = syscalls(messages);
      Map<String, String> shortToName = new HashMap<>();
      for (String key : abi.stringPropertyNames()) {
        if (key.startsWith("import.")) {
          shortToName.put(abi.getProperty(key), key.substring("import.".length()));
        }
      }
      List<ImportFunction> functions = new ArrayList<>();
      ImportSection imports = module.importSection();
      for (int i = 0; i < imports.importCount(); i++) {
        Import declared = imports.getImport(i);
        String name = shortToName.get(declared.name());
        WasmFunctionHandle handle = name == null ? null : bySyscall.get(name);
        if (handle == null) {
          throw new IllegalStateException(
              "The embedded Graphviz imports '"
                  + declared.name()
                  + "' ("
                  + name
                  + "), which Adagio does not provide");
        }
        functions.add(
            new HostFunction(
                declared.module(),
                declared.name(),
                module.typeSection().getType(((FunctionImport) declared).typeIndex()),
                handle));
      }
      instance =
          Instance.builder(module)
              .withMachineFactory(machines)
              .withImportValues(ImportValues.builder().withFunctions(functions).build())
              .withStart(false)
              .build();
      memory = instance.memory();
      for (String key : abi.stringPropertyNames()) {
        if (key.startsWith("export.")
            && !key.equals("export.memory")
            && !key.endsWith("function_table")) {
          exports.put(key.substring("export.".length()), instance.export(abi.getProperty(key)));
        }
      }
      call("wasm_call_ctors");
    }

    long call(String name, long... args) {
      ExportFunction function = exports.get(name);
      if (function == null) {
        throw new IllegalStateException("The embedded Graphviz has no function '" + name + "'");
      }
      long[] result = function.apply(args);
      return result == null || result.length == 0 ? 0 : result[0];
    }

    /** A NUL-terminated UTF-8 copy of {@code text} in the module's heap. */
    int string(String text) throws GraphvizException {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      int pointer = (int) call("malloc", bytes.length + 1);
      if (pointer == 0) {
        throw new GraphvizException(
            "The embedded Graphviz ran out of memory for a graph of " + bytes.length + " bytes");
      }
      memory.write(pointer, bytes);
      memory.writeByte(pointer + bytes.length, (byte) 0);
      return pointer;
    }

    GraphvizException failure() {
      StringBuilder said = new StringBuilder();
      for (String message : messages) {
        said.append(message);
      }
      return new GraphvizException(Graphviz.rejected(said.toString()));
    }
  }

  private static Map<String, WasmFunctionHandle> syscalls(List<String> messages) {
    Map<String, WasmFunctionHandle> h = new HashMap<>();
    h.put(
        "assert_fail",
        (in, a) -> {
          throw new Exit("assertion failed: " + in.memory().readCString((int) a[0]));
        });
    h.put(
        "cxa_throw",
        (in, a) -> {
          throw new Exit("C++ exception");
        });
    h.put(
        "abort_js",
        (in, a) -> {
          throw new Exit("abort");
        });
    h.put(
        "exit",
        (in, a) -> {
          throw new Exit("exit(" + a[0] + ")");
        });
    for (String open : List.of("syscall_faccessat", "syscall_newfstatat", "syscall_openat")) {
      h.put(open, (in, a) -> new long[] {-ENOENT});
    }
    for (String descriptor : List.of("syscall_fcntl64", "syscall_fstat64", "syscall_ioctl")) {
      h.put(descriptor, (in, a) -> new long[] {-EBADF});
    }
    h.put("mmap_js", (in, a) -> new long[] {-ENOMEM});
    h.put("munmap_js", (in, a) -> new long[] {-ENOMEM});
    h.put(
        "localtime_js",
        (in, a) -> {
          for (int i = 0; i < 44; i += 4) {
            in.memory().writeI32((int) a[1] + i, 0);
          }
          return null;
        });
    h.put(
        "tzset_js",
        (in, a) -> {
          in.memory().writeI32((int) a[0], 0);
          in.memory().writeI32((int) a[1], 0);
          in.memory().writeCString((int) a[2], "UTC");
          in.memory().writeCString((int) a[3], "UTC");
          return null;
        });
    h.put(
        "clock_time_get",
        (in, a) -> {
          in.memory().writeLong((int) a[2], System.nanoTime());
          return new long[] {0};
        });
    h.put(
        "emscripten_date_now",
        (in, a) -> new long[] {Double.doubleToRawLongBits(System.currentTimeMillis())});
    h.put(
        "emscripten_resize_heap",
        (in, a) -> {
          long wanted = a[0] & 0xffffffffL;
          long have = (long) in.memory().pages() * PAGE;
          if (wanted <= have) {
            return new long[] {1};
          }
          int more = (int) ((wanted - have + PAGE - 1) / PAGE);
          return new long[] {in.memory().grow(more) < 0 ? 0 : 1};
        });
    h.put("environ_get", (in, a) -> new long[] {0});
    h.put(
        "environ_sizes_get",
        (in, a) -> {
          in.memory().writeI32((int) a[0], 0);
          in.memory().writeI32((int) a[1], 0);
          return new long[] {0};
        });
    h.put("fd_close", (in, a) -> new long[] {0});
    h.put("fd_read", (in, a) -> new long[] {EBADF});
    h.put("fd_seek", (in, a) -> new long[] {ESPIPE});
    h.put(
        "fd_write",
        (in, a) -> {
          Memory m = in.memory();
          int vectors = (int) a[1];
          int count = (int) a[2];
          int written = 0;
          StringBuilder text = new StringBuilder();
          for (int k = 0; k < count; k++) {
            int base = m.readInt(vectors + 8 * k);
            int length = m.readInt(vectors + 8 * k + 4);
            text.append(new String(m.readBytes(base, length), StandardCharsets.UTF_8));
            written += length;
          }
          messages.add(text.toString());
          m.writeI32((int) a[3], written);
          return new long[] {0};
        });
    h.put(
        "random_get",
        (in, a) -> {
          byte[] bytes = new byte[(int) a[1]];
          ThreadLocalRandom.current().nextBytes(bytes);
          in.memory().write((int) a[0], bytes);
          return new long[] {0};
        });
    h.put(
        "viz_errorf",
        (in, a) -> {
          messages.add(in.memory().readCString((int) a[0], StandardCharsets.UTF_8));
          return new long[] {0};
        });
    return h;
  }

  private static byte[] resource(String name) {
    try (InputStream in = EmbeddedGraphviz.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("The embedded Graphviz is missing from the jar: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkSum(byte[] wasm) {
    String expected =
        new String(resource("graphviz.wasm.sha256"), StandardCharsets.US_ASCII).split("\\s+")[0];
    try {
      String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wasm));
      if (!actual.equals(expected)) {
        throw new IllegalStateException(
            "The embedded Graphviz does not match its checksum ("
                + actual
                + ", expected "
                + expected
                + ")");
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
