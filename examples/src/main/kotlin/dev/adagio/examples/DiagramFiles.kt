package dev.adagio.examples

import dev.adagio.DagRun
import dev.adagio.RunClock
import dev.adagio.graphviz.Diagram
import dev.adagio.graphviz.DiagramOptions
import dev.adagio.graphviz.Format
import dev.adagio.graphviz.GraphvizNotFoundException
import dev.adagio.graphviz.RankDirection
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.test.runTest
import java.nio.file.Files
import java.nio.file.Path

/**
 * Writes the scenarios' diagrams: DOT and Mermaid always, SVG when Graphviz's `dot` is installed.
 *
 * The S2 run is simulated in virtual time, so its timings (and the committed files) are the same on
 * every machine.
 */
object DiagramFiles {
    /** The diagrams, by file stem. */
    fun diagrams(): Map<String, Diagram> {
        val leftToRight = DiagramOptions.defaults().withRankDirection(RankDirection.LR)
        return linkedMapOf(
            "s1-diamond" to Diagram.of(S1Diamond.definition()),
            "s2-start-early" to Diagram.of(S2StartEarly.definition).with(leftToRight),
            "s2-run" to Diagram.of(simulatedS2Run()).with(leftToRight),
            "s3-start-sleep-stop" to Diagram.of(S3OrderOnly.startSleepStop),
        )
    }

    /** S2 run with input 0 in virtual time: exact timings, instantly. */
    fun simulatedS2Run(): DagRun<Int> {
        val scheduler = TestCoroutineScheduler()
        lateinit var run: DagRun<Int>
        runTest(StandardTestDispatcher(scheduler) + RunClock { scheduler.currentTime * 1_000_000 }) {
            run = S2StartEarly.definition.run(0)
        }
        return run
    }

    /** Writes every diagram into [dir]; returns the files written. */
    fun write(dir: Path): List<Path> {
        Files.createDirectories(dir)
        val written = ArrayList<Path>()
        var dotMissing = false
        for ((stem, diagram) in diagrams()) {
            diagram.writeDot(dir.resolve("$stem.dot").also { written.add(it) })
            diagram.writeMermaid(dir.resolve("$stem.mmd").also { written.add(it) })
            if (!dotMissing) {
                try {
                    diagram.render(Format.SVG, dir.resolve("$stem.svg").also { written.add(it) })
                } catch (e: GraphvizNotFoundException) {
                    written.removeAt(written.lastIndex)
                    dotMissing = true
                    println("  (no SVG: ${e.message})")
                }
            }
        }
        return written
    }
}
