package dev.adagio.examples

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import org.jetbrains.kotlin.abi.tools.AbiFilters
import org.jetbrains.kotlin.abi.tools.AbiTools
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.extension
import kotlin.io.path.readText
import kotlin.io.path.writeText

/**
 * The public surface of each published jar, dumped by Kotlin's ABI tools in the `.api` format of
 * kotlinx and okhttp, equals the dump committed beside the module: no change of the public API goes
 * unseen. After a deliberate change, write the dumps anew with `-Dadagio.api.update=true` and commit
 * them with the change (and a CHANGELOG line).
 *
 * It runs here, in a module built after the three published ones, so their classes are compiled. It
 * reads their `target/classes`: write the dumps from a clean build (`./mvnw clean` first), since the
 * Kotlin compiler leaves the classes of a deleted source file behind.
 */
class ApiDumpSpec :
    FunSpec({
        val modules =
            listOf(
                "dsl" to "adagio-dsl",
                "java-facade" to "adagio-java",
                "graphviz-export" to "adagio-graphviz",
                "test-kit" to "adagio-test",
                "opentelemetry" to "adagio-opentelemetry",
                "micrometer" to "adagio-micrometer",
                "temporal" to "adagio-temporal",
            )
        // The classes each module must have, at least: a guard that its build ran before this test.
        val atLeast = mapOf("opentelemetry" to 2, "micrometer" to 2).withDefault { 6 }
        val update = System.getProperty("adagio.api.update").toBoolean()
        for ((module, artifact) in modules) {
            test("the public API of $artifact is the committed dump $module/api/$artifact.api") {
                val classes = Path.of("..", module, "target", "classes")
                // The embedded Graphviz's classes are generated from graphviz.wasm (public because generated): not Adagio's API.
                val generated = classes.resolve("dev/adagio/graphviz/embedded")
                val files =
                    Files.walk(classes).use { paths ->
                        paths.filter { it.extension == "class" && !it.startsWith(generated) }.map(Path::toFile).toList()
                    }
                files.size shouldBeGreaterThanOrEqual atLeast.getValue(module)
                val dump = StringBuilder()
                AbiTools
                    .getInstance(
                        ApiDumpSpec::class.java.classLoader,
                    ).printJvmDump(dump, files.sortedBy(File::getPath), AbiFilters.EMPTY)
                val committed = Path.of("..", module, "api", "$artifact.api")
                if (update) {
                    Files.createDirectories(committed.parent)
                    committed.writeText(dump)
                }
                dump.toString() shouldBe committed.readText()
            }
        }
    })
