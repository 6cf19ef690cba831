package dev.adagio

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.milliseconds

/** Times as durations: Kotlin reads `kotlin.time.Duration`, Java `java.time.Duration`, people milliseconds. */
class DurationsSpec :
    FunSpec({
        test("outcomes and runs give their times as durations, exact in virtual time; a node that never ran has none") {
            virtualTime {
                val graph =
                    dag("timed") {
                        val a = node("a") { delay(100).let { 1 } }
                        val b = node("b", a) { x -> delay(250).let { x + 1 } }
                        node("never", b) { it }
                    }
                val run = graph.run(Unit, RunOptions(targets = listOf(graph.node("b"))))
                val b = run.outcome(graph.node("b"))
                b.startOffset shouldBe 100.milliseconds
                b.endOffset shouldBe 350.milliseconds
                b.duration shouldBe 250.milliseconds
                run.makespan shouldBe 350.milliseconds
                run.outcome(graph.node("never")).duration.shouldBeNull()
                // The Java forms say the same.
                b.durationForJava() shouldBe java.time.Duration.ofMillis(250)
                b.startOffsetForJava() shouldBe java.time.Duration.ofMillis(100)
                run.makespanForJava() shouldBe java.time.Duration.ofMillis(350)
            }
        }

        test("an outcome prints its times in milliseconds, and timeouts are reported in milliseconds") {
            virtualTime {
                val graph =
                    dag("printed") {
                        node("slow") { delay(1_500).let { 1 } }
                    }
                val run = graph.run()
                run.outcome(graph.node("slow")).toString() shouldBe "slow: SUCCEEDED [at 0 ms, took 1500 ms]"
                Retry.fixed(2, 300.milliseconds).initialDelayForJava() shouldBe java.time.Duration.ofMillis(300)
                Messages.nodeTimedOut("x", 300_000_000) shouldContain "after 300 ms."
                Messages.nodeTimedOut("x", 250_000) shouldContain "after 0.25 ms."
            }
        }
    })
