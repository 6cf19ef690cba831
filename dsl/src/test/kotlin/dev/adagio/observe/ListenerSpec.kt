package dev.adagio.observe

import dev.adagio.DagRun
import dev.adagio.EventLog
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeOutcome
import dev.adagio.Retry
import dev.adagio.RunCancelledException
import dev.adagio.RunOptions
import dev.adagio.RunTimeoutException
import dev.adagio.capturingLogs
import dev.adagio.dag
import dev.adagio.ms
import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import dev.adagio.s2Graph
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import java.io.IOException
import kotlin.time.Duration.Companion.milliseconds

/** Records every event as text. */
class Recorder : RunListener {
    val events = EventLog()
    var finishedWith: Throwable? = null

    override fun onRunStarted(run: RunInfo) = events.add("run started ${run.dag.name}")

    override fun onNodeStarted(
        run: RunInfo,
        node: Node<*>,
        atNanos: Long,
    ) = events.add("start ${node.name} at ${atNanos.ms}")

    override fun onNodeRetrying(
        run: RunInfo,
        node: Node<*>,
        failedAttempt: Int,
        error: Throwable,
        delayNanos: Long,
    ) = events.add("retry ${node.name} after attempt $failedAttempt (${error.message}) in ${delayNanos.ms}")

    override fun onNodeFinished(
        run: RunInfo,
        outcome: NodeOutcome<*>,
    ) = events.add("finish ${outcome.node.name} ${outcome.status} at ${if (outcome.endNanos < 0) "never" else outcome.endNanos.ms}")

    override fun onRunFinished(
        run: RunInfo,
        result: DagRun<*>,
        error: Throwable?,
    ) {
        finishedWith = error
        events.add("run finished")
    }
}

class ListenerSpec :
    FunSpec({
        fun s2() = s2Graph("s2")

        test("a run's events come one at a time, in the documented order") {
            virtualTime {
                val recorder = Recorder()
                s2().run(0, RunOptions(listeners = listOf(recorder)))
                recorder.events.toList() shouldContainExactly
                    listOf(
                        "run started s2",
                        "start FastA at 0",
                        "start SlowA at 0",
                        "start FastB at 0",
                        "finish FastA SUCCEEDED at 100",
                        "start SlowB at 100",
                        "finish FastB SUCCEEDED at 200",
                        "finish SlowA SUCCEEDED at 500",
                        "start FastC at 500",
                        "finish FastC SUCCEEDED at 600",
                        "finish SlowB SUCCEEDED at 1100",
                        "start End at 1100",
                        "finish End SUCCEEDED at 1200",
                        "run finished",
                    )
                recorder.finishedWith shouldBe null
            }
        }

        test("retries are announced between a node's start and its finish") {
            virtualTime {
                val recorder = Recorder()
                var calls = 0
                val graph =
                    dag("retries") {
                        node("flaky") {
                            if (++calls <
                                3
                            ) {
                                throw IOException("flake $calls")
                            } else {
                                "ok"
                            }
                        }.retry(Retry.fixed(3, 10.milliseconds))
                    }
                graph.run(Unit, RunOptions(listeners = listOf(recorder)))
                recorder.events.toList() shouldContainExactly
                    listOf(
                        "run started retries",
                        "start flaky at 0",
                        "retry flaky after attempt 1 (flake 1) in 10",
                        "retry flaky after attempt 2 (flake 2) in 10",
                        "finish flaky SUCCEEDED at 20",
                        "run finished",
                    )
            }
        }

        test("a skipped node gets its finish alone; nodes that never start get nothing") {
            virtualTime {
                val recorder = Recorder()
                val graph =
                    dag("skips") {
                        val rows = node("rows") { skip("none") }
                        node("load", rows) { "never" }
                    }
                graph.run(Unit, RunOptions(listeners = listOf(recorder)))
                recorder.events.toList() shouldContainExactly
                    listOf(
                        "run started skips",
                        "start rows at 0",
                        "finish rows SKIPPED at 0",
                        "finish load SKIPPED at never",
                        "run finished",
                    )
            }
        }

        test("onRunFinished comes last whatever the end: failure, timeout, cancellation") {
            virtualTime {
                val failing = Recorder()
                val graph =
                    dag("ends") {
                        node("bad") { delay(10).also { error("bad") } }
                        node("slow") { delay(1000) }
                    }
                shouldThrow<NodeFailedException> { graph.run(Unit, RunOptions(listeners = listOf(failing))) }
                failing.finishedWith.shouldBeInstanceOf<NodeFailedException>()
                failing.events.toList().last() shouldBe "run finished"
                failing.events.toList() shouldContainExactly
                    listOf(
                        "run started ends",
                        "start bad at 0",
                        "start slow at 0",
                        "finish bad FAILED at 10",
                        "finish slow CANCELLED at 10",
                        "run finished",
                    )

                val timing = Recorder()
                val slow = dag("slow") { node("slow") { delay(1000) } }
                shouldThrow<RunTimeoutException> { slow.run(Unit, RunOptions(timeout = 50.milliseconds, listeners = listOf(timing))) }
                timing.finishedWith.shouldBeInstanceOf<RunTimeoutException>()

                val cancelled = Recorder()
                val caller = launch { slow.run(Unit, RunOptions(listeners = listOf(cancelled))) }
                delay(20)
                caller.cancelAndJoin()
                cancelled.finishedWith.shouldBeInstanceOf<RunCancelledException>()
                cancelled.events.toList().takeLast(2) shouldContainExactly listOf("finish slow CANCELLED at 20", "run finished")
            }
        }

        test("a listener that throws is reported once and never breaks the run or the other listeners") {
            virtualTime {
                capturingLogs("dev.adagio") { records ->
                    val thrower =
                        object : RunListener {
                            override fun onNodeFinished(
                                run: RunInfo,
                                outcome: NodeOutcome<*>,
                            ) = throw IllegalStateException("listener bug")
                        }
                    val recorder = Recorder()
                    val run = s2().run(0, RunOptions(listeners = listOf(thrower, recorder)))
                    run.output shouldBe 4
                    recorder.events.toList().size shouldBe 14
                    records.size shouldBe 1
                    records.single().thrown!!.message shouldBe "listener bug"
                }
            }
        }
    })
