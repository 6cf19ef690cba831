package dev.adagio

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.extension
import kotlin.io.path.readLines

/**
 * Every public declaration of the published modules has a doc comment: the DSL's Kotlin (explicit-API
 * mode makes every public declaration say `public`) and the Java of the facade and the diagram
 * exporter. Dokka's own undocumented report cannot fail the build (it also reports the members the
 * compiler makes for enums), and Javadoc's would demand `@param` and `@return` on every method, so the
 * sources are checked here, line by line; overrides inherit their documentation.
 */
class ApiDocsSpec :
    FunSpec({
        test("every public declaration of dsl, java-facade and graphviz-export has a doc comment") {
            val declaration = Regex("""^\s*(@\S+\s+)*public\s""")
            val roots = listOf("src/main/kotlin", "../java-facade/src/main/java", "../graphviz-export/src/main/java")
            val sources =
                roots.flatMap { root ->
                    Files.walk(Path.of(root)).use { paths -> paths.filter { it.extension == "kt" || it.extension == "java" }.toList() }
                }
            sources.size shouldBeGreaterThan 40
            val undocumented =
                sources.flatMap { file ->
                    val lines = file.readLines()
                    lines.indices
                        .filter { declaration.containsMatchIn(lines[it]) && !documented(lines, it) }
                        .map { "$file:${it + 1}: ${lines[it].trim()}" }
                }
            undocumented.shouldBeEmpty()
        }
    })

/** Whether the declaration at [line] is preceded by a doc comment (annotations and blank lines aside) or overrides. */
private fun documented(
    lines: List<String>,
    line: Int,
): Boolean {
    var k = line - 1
    while (k >= 0) {
        val text = lines[k].trim()
        when {
            text.endsWith("*/") -> {
                return lines
                    .subList(0, k + 1)
                    .reversed()
                    .firstOrNull { "/*" in it }
                    ?.contains("/**") == true
            }

            text.startsWith("@Override") -> {
                return true
            }

            text.startsWith("@") || text.isEmpty() -> {
                k--
            }

            else -> {
                return false
            }
        }
    }
    return false
}
