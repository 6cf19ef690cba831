package dev.adagio.examples

import dev.adagio.graphviz.Format
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.nio.file.Files
import java.nio.file.Path

/** The diagrams committed under docs/ and shown in the README are the ones the examples produce. */
class DiagramFilesSpec :
    FunSpec({
        val docs = Path.of("..", "docs", "diagrams")

        test("every committed DOT, Mermaid and SVG diagram matches what the examples write, and each has a PNG") {
            for ((stem, diagram) in DiagramFiles.diagrams()) {
                Files.readString(docs.resolve("$stem.dot")) shouldBe diagram.toDot()
                Files.readString(docs.resolve("$stem.mmd")) shouldBe diagram.toMermaid()
                // The embedded Graphviz renders the same bytes on every machine, dot installed or not.
                Files.readString(docs.resolve("$stem.svg")) shouldBe String(diagram.render(Format.SVG))
                Files.readAllBytes(docs.resolve("$stem.png")).copyOf(4).toList() shouldBe
                    listOf(0x89.toByte(), 'P'.code.toByte(), 'N'.code.toByte(), 'G'.code.toByte())
            }
        }

        test("the README shows the S2 run's Mermaid diagram as the examples write it") {
            val readme = Files.readString(Path.of("..", "README.md"))
            readme shouldContain "```mermaid\n" + DiagramFiles.diagrams().getValue("s2-run").toMermaid() + "```"
            readme shouldContain "docs/diagrams/s1-diamond.svg"
        }

        test("every committed HTML run report is the one the examples write") {
            for ((stem, run) in DiagramFiles.reports()) {
                Files.readString(docs.resolve("$stem.html")) shouldBe DiagramFiles.report(run)
            }
        }

        test("the committed S2 trace is the one the examples write") {
            Files.readString(docs.resolve("s2-run.trace.json")) shouldBe DiagramFiles.s2Trace()
        }

        test("the simulated S2 run has exact virtual-time timings") {
            val run = DiagramFiles.simulatedS2Run()
            run.output shouldBe 4
            run.makespanNanos shouldBe 1_200_000_000
        }
    })
