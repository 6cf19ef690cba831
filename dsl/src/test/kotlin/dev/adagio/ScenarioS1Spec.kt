package dev.adagio

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.TestScope

/** SCENARIOS.md S1 — dagio's seven-node diamond. */
class ScenarioS1Spec :
    FunSpec({
        val durations = mapOf("A" to 100L, "B" to 100L, "C" to 300L, "D" to 100L, "E" to 100L, "F" to 200L, "G" to 200L)

        /** Edges A→B; B→D; C→D; D→E; C→F; D→F; E→G; F→G, each node sleeping its duration. */
        fun diamond(
            log: EventLog,
            blockingAB: Boolean = false,
        ) = dag("s1") {
            fun step(name: String): suspend NodeScope<Unit>.() -> String =
                {
                    log.add("start $name")
                    delay(durations.getValue(name))
                    log.add("end $name")
                    name
                }

            fun blockingStep(name: String): NodeContext<Unit>.() -> String =
                {
                    log.add("start $name")
                    Thread.sleep(durations.getValue(name))
                    log.add("end $name")
                    name
                }
            val a = if (blockingAB) blockingNode("A", body = blockingStep("A")) else node("A", step("A"))
            val b = if (blockingAB) blockingNode("B", body = blockingStep("B")) else node("B", step("B"))
            b.after(a)
            val c = node("C", step("C"))
            val d = node("D", step("D")).after(b, c)
            val e = node("E", step("E")).after(d)
            val f = node("F", step("F")).after(c, d)
            node("G", step("G")).after(e, f)
        }

        fun TestScope.startTimes(
            run: DagRun<*>,
            vararg names: String,
        ) = names.map { run.outcome(run.dag.node(it)).startNanos.ms }

        test("A and C start together at 0, then B, D, E and F together, then G") {
            virtualTime {
                val run = diamond(EventLog()).run()
                startTimes(run, "A", "C", "B", "D", "E", "F", "G") shouldContainExactly listOf(0L, 0, 100, 300, 400, 400, 600)
            }
        }

        test("nodes complete exactly in the order A, B, C, D, E, F, G and the makespan is 0.8 s") {
            virtualTime {
                val log = EventLog()
                val run = diamond(log).run()
                log.toList().filter { it.startsWith("end") } shouldContainExactly
                    listOf("A", "B", "C", "D", "E", "F", "G").map { "end $it" }
                run.makespanNanos.ms shouldBe 800
                now shouldBe 800
            }
        }

        test("running with target G runs all seven nodes") {
            virtualTime {
                val log = EventLog()
                val s1 = diamond(log)
                val run = s1.run(targets = listOf(s1.node("G")))
                log.toList().filter { it.startsWith("end") }.map { it.removePrefix("end ") } shouldContainExactly
                    listOf("A", "B", "C", "D", "E", "F", "G")
                run.output shouldBe "G"
            }
        }

        test("running with target E runs only A, B, C, D and E") {
            virtualTime {
                val log = EventLog()
                val s1 = diamond(log)
                val run = s1.run(targets = listOf(s1.node("E")))
                log.toList().filter { it.startsWith("end") }.map { it.removePrefix("end ") } shouldContainExactlyInAnyOrder
                    listOf("A", "B", "C", "D", "E")
                run.status(s1.node("F")) shouldBe NodeStatus.NOT_STARTED
                run.status(s1.node("G")) shouldBe NodeStatus.NOT_STARTED
                run[s1.node("E")] shouldBe "E"
                now shouldBe 500
            }
        }

        test("with A and B as blocking nodes on the IO dispatcher the orders are the same") {
            // Thread.sleep takes real time, so this one runs in real time and asserts orders only.
            runBlocking {
                val log = EventLog()
                diamond(log, blockingAB = true).run()
                val events = log.toList()
                events.filter { it.startsWith("end") } shouldContainExactly listOf("A", "B", "C", "D", "E", "F", "G").map { "end $it" }
                events.take(2) shouldContainExactlyInAnyOrder listOf("start A", "start C")
                events.indexOf("start B") shouldBe events.indexOf("end A") + 1
                events.subList(events.indexOf("start E"), events.indexOf("start E") + 2) shouldContainExactlyInAnyOrder
                    listOf("start E", "start F")
            }
        }
    })
