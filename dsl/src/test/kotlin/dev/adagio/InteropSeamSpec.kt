package dev.adagio

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.extension
import kotlin.io.path.readLines

/**
 * The Kotlin API carries no Java plumbing in plain sight: every public declaration of the DSL whose
 * signature takes or gives a Java plumbing type (`CompletionStage`, `Executor`, `java.util.function`,
 * `java.time.Duration`, `Flow.Publisher`, the Java body interfaces) is behind [AdagioInteropApi], or
 * sits in a declaration that is. Checked on the sources, as [ApiDocsSpec] checks documentation.
 * (`Consumer` is not plumbing: `ProgressReporter { … }` is the Kotlin form too, by SAM conversion.)
 */
class InteropSeamSpec :
    FunSpec({
        test("every Java-facing entry of the DSL is behind @AdagioInteropApi") {
            val plumbing =
                Regex(
                    """CompletionStage|CompletableFuture|\bExecutor\b|java\.util\.function|java\.time\.Duration|JdkFlow|""" +
                        """Flow\.Publisher|\bStageBody\b|\bBlockingBody\b|\bStageFunction\b|\bSourceFunction\b|""" +
                        """\bBlockingStageFunction\b|\bJavaEmitter\b""",
                )
            val declaration = Regex("""^(\s*)(@\S+\s+)*public\s""")
            val sources = Files.walk(Path.of("src/main/kotlin")).use { paths -> paths.filter { it.extension == "kt" }.toList() }
            sources.size shouldBeGreaterThan 30
            val exposed =
                sources.flatMap { file ->
                    val lines = file.readLines()
                    var enclosingMarked = false
                    lines.indices.mapNotNull { i ->
                        val match = declaration.find(lines[i]) ?: return@mapNotNull null
                        val marked = marked(lines, i)
                        val topLevel = match.groupValues[1].isEmpty()
                        if (topLevel) enclosingMarked = marked
                        val signature = signature(lines, i)
                        val ok = marked || (!topLevel && enclosingMarked) || !plumbing.containsMatchIn(signature)
                        if (ok) null else "$file:${i + 1}: ${lines[i].trim()}"
                    }
                }
            exposed.shouldBeEmpty()
        }
    })

/** The declaration at [line] up to its body or initializer (signatures span several lines). */
private fun signature(
    lines: List<String>,
    line: Int,
): String {
    val text = StringBuilder()
    for (k in line until minOf(lines.size, line + 20)) {
        // The signature ends where the body or initializer begins.
        val l = lines[k].substringBefore(" = ")
        text.append(l).append('\n')
        val trimmed = l.trim()
        // A constructor property (`public val x: T,`) is one line; so is a class header (its properties are checked one by one).
        if (k == line && Regex("""public (val|var) """).containsMatchIn(trimmed) && trimmed.endsWith(",")) break
        if (k == line && Regex("""\bclass\b""").containsMatchIn(trimmed)) break
        if (trimmed.endsWith("{") || trimmed.endsWith("=") || " = " in lines[k] || (k > line && trimmed.startsWith(")"))) break
        if (k == line && !trimmed.endsWith("(") && !trimmed.endsWith(",")) break
    }
    return text.toString()
}

/** Whether the declaration at [line] carries `@AdagioInteropApi` among the annotations just above it. */
private fun marked(
    lines: List<String>,
    line: Int,
): Boolean {
    if ("@AdagioInteropApi" in lines[line]) return true
    var k = line - 1
    while (k >= 0 && lines[k].trim().startsWith("@")) {
        if ("@AdagioInteropApi" in lines[k]) return true
        k--
    }
    return false
}
