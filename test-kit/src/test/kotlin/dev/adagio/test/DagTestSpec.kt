package dev.adagio.test

import dev.adagio.FailurePolicy
import dev.adagio.NodeFailedException
import dev.adagio.NodeStatus
import dev.adagio.Retry
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.graphviz.Diagram
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withContext
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

/** A graph of suspending and blocking nodes: times depend on nothing but virtual time under the kit. */
private val mixed =
    dag("mixed") {
        val fetch = node("fetch") { delay(100) }
        val parse = blockingNode("parse") { Thread.sleep(1) }
        val audit = blockingNode("audit", fetch) { Thread.sleep(1) }
        node("store", parse, audit) { _, _ -> delay(50) }
    }

class DagTestSpec :
    FunSpec({
        // The observation: under runTest, a blocking node made the run change from repetition to
        // repetition (its time was real, the others virtual). Under the kit, 20 runs are one run.
        test("a graph with blocking nodes gives the same times and diagram on 20 repetitions") {
            val runs =
                List(20) {
                    var text = ""
                    runDagTest {
                        val run = mixed.run(Unit)
                        run.shouldHaveSucceeded()
                        text = run.outcomes.joinToString { "${it.node.name}:${it.startOffset}-${it.endOffset}" } + "\n" +
                            Diagram.of(run).toDot()
                    }
                    text
                }
            runs.toSet().size shouldBe 1
            runs[0] shouldContain "fetch:0s-100ms, parse:0s-0s, audit:100ms-100ms, store:100ms-150ms"
        }

        test("the assertions read the run: status, start and end in virtual time, makespan") {
            runDagTest {
                val run = mixed.run(Unit)
                run
                    .shouldHaveSucceeded()
                    .shouldHaveStartedAt("store", 100.milliseconds)
                    .shouldHaveEndedAt("store", 150.milliseconds)
                    .shouldHaveStartedInOrder("fetch", "audit", "store")
                run shouldHaveMakespan 150.milliseconds
                run.outcomeNamed("fetch") shouldHaveStatus NodeStatus.SUCCEEDED
            }
        }

        test("an hour of retry backoff takes no real time and is exact") {
            runDagTest {
                val flaky =
                    dag("flaky") {
                        node("call") { if (attempt < 3) error("down") else attempt }
                            .retry(Retry.fixed(3, 30.minutes))
                    }
                val run = flaky.run(Unit)
                run.shouldHaveSucceeded() shouldHaveMakespan 60.minutes
            }
        }

        test("a failure is named with its node, and what never ran is shown") {
            runDagTest {
                val failing =
                    dag("failing") {
                        val a = node("a") { delay(10).let { error("boom") } }
                        val b = node("b") { delay(20) }
                        node("c", a, b) { _, _ -> }
                    }
                val run = shouldThrow<NodeFailedException> { failing.run(Unit, RunOptions(failurePolicy = FailurePolicy.CONTINUE)) }.run
                run.shouldHaveFailedAt("a").message shouldBe "boom"
                run.shouldNeverHaveRun("c").shouldHaveStatus("c", NodeStatus.SKIPPED)
                val error = shouldThrow<AssertionError> { run.shouldHaveSucceeded() }
                error.message shouldBe
                    "Expected run of 'failing' to succeed, but 'a' was FAILED (started at 0s, ended at 10ms) with " +
                    "IllegalStateException: boom, 'c' was SKIPPED (never started) with SkippedException: Node 'c' was skipped: its input 'a' failed."
                shouldThrow<AssertionError> { run.outcomeNamed("d") }.message shouldBe
                    "Expected run of 'failing' to have a node 'd'; its nodes are 'input', 'a', 'b', 'c'."
                shouldThrow<AssertionError> { run shouldHaveMakespan 1.seconds }.message shouldBe
                    "Expected run of 'failing' to take 1s, but it took 20ms."
            }
        }

        test("dagTestContext gives a plain runTest the same exact times") {
            runTest {
                val run = withContext(dagTestContext()) { mixed.run(Unit) }
                run.shouldHaveStartedAt("audit", 100.milliseconds).shouldHaveEndedAt("parse", 0.milliseconds)
            }
        }
    })
