package dev.adagio.examples

import dev.adagio.DagRun
import dev.adagio.graphviz.Diagram
import dev.adagio.graphviz.DiagramOptions
import dev.adagio.graphviz.Engine
import dev.adagio.graphviz.Format
import dev.adagio.graphviz.RankDirection
import dev.adagio.graphviz.RunReport
import dev.adagio.observe.RunTrace
import dev.adagio.reactive.Recomputation
import dev.adagio.test.runDagTest
import java.nio.file.Files
import java.nio.file.Path

/**
 * Writes the scenarios' diagrams (DOT, Mermaid, SVG and PNG, rendered by the embedded Graphviz, no install)
 * and an HTML run report per scenario run.
 *
 * The S2 run is simulated in virtual time, so its timings (and the committed files) are the same on
 * every machine.
 */
object DiagramFiles {
    /** The diagrams, by file stem. */
    fun diagrams(): Map<String, Diagram> {
        // The embedded Graphviz, so the files are the same on every machine, dot installed or not.
        val topDown = DiagramOptions.defaults().withEngine(Engine.EMBEDDED)
        val leftToRight = topDown.withRankDirection(RankDirection.LR)
        return linkedMapOf(
            "s1-diamond" to Diagram.of(S1Diamond.definition()).with(topDown),
            "s2-start-early" to Diagram.of(S2StartEarly.definition).with(leftToRight),
            "s2-run" to Diagram.of(simulatedS2Run()).with(leftToRight),
            "s3-start-sleep-stop" to Diagram.of(S3OrderOnly.startSleepStop).with(topDown),
            "s6-live-run" to Diagram.of(simulatedS6Run()).with(leftToRight),
            "s7-reactive-run" to Diagram.of(simulatedS7Recomputation().run).with(leftToRight),
        )
    }

    /** S2 run with input 0 in virtual time: exact timings, instantly. */
    fun simulatedS2Run(): DagRun<Int> {
        lateinit var run: DagRun<Int>
        runDagTest { run = S2StartEarly.definition.run(0) }
        return run
    }

    /** S6 in live mode, in virtual time; what ran is recorded as a graph and drawn like any other. */
    fun simulatedS6Run(): DagRun<Triple<String, String, String>> {
        lateinit var run: DagRun<Triple<String, String, String>>
        runDagTest { run = S6LivePipeline.run() }
        return run
    }

    /** The third recomputation of the reactive sheet (timer b ticked), in virtual time: reused nodes stand apart. */
    fun simulatedS7Recomputation(): Recomputation<String> {
        lateinit var runs: List<Recomputation<String>>
        runDagTest { runs = ReactiveSheet.run() }
        return runs[2]
    }

    /** The scenarios' runs, by file stem, each written as an HTML run report (`RunReport`). */
    fun reports(): Map<String, DagRun<*>> =
        linkedMapOf(
            "s2-run-report" to simulatedS2Run(),
            "s6-live-run-report" to simulatedS6Run(),
            "s7-reactive-run-report" to simulatedS7Recomputation().run,
        )

    /** The report of [run], its graph drawn by the embedded Graphviz left to right. */
    fun report(run: DagRun<*>): String =
        RunReport.html(run, DiagramOptions.defaults().withEngine(Engine.EMBEDDED).withRankDirection(RankDirection.LR))

    /** The S2 run as Chrome / Perfetto trace-event JSON. */
    fun s2Trace(): String = RunTrace.chromeTrace(simulatedS2Run())

    /** Writes every diagram into [dir]; returns the files written. */
    fun write(dir: Path): List<Path> {
        Files.createDirectories(dir)
        val written = ArrayList<Path>()
        for ((stem, diagram) in diagrams()) {
            diagram.writeDot(dir.resolve("$stem.dot").also { written.add(it) })
            diagram.writeMermaid(dir.resolve("$stem.mmd").also { written.add(it) })
            diagram.render(Format.SVG, dir.resolve("$stem.svg").also { written.add(it) })
            diagram.render(Format.PNG, dir.resolve("$stem.png").also { written.add(it) })
        }
        for ((stem, run) in reports()) {
            Files.writeString(dir.resolve("$stem.html").also { written.add(it) }, report(run))
        }
        Files.writeString(dir.resolve("s2-run.trace.json").also { written.add(it) }, s2Trace())
        return written
    }
}
