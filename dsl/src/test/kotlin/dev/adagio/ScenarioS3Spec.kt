package dev.adagio

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.delay

/** SCENARIOS.md S3 — aiocells: order without data, sequential against concurrent. */
class ScenarioS3Spec :
    FunSpec({
        test("three nodes joined by order edges only run in their order") {
            virtualTime {
                val log = EventLog()
                val s3 =
                    dag("sleeper") {
                        val wake = node("wake") { log.add("Woke up!") }
                        val sleep = node("sleep") { delay(2000) }
                        val announce = node("announce") { log.add("Sleeping...") }
                        sleep.after(announce)
                        wake.after(sleep)
                    }
                s3.run()
                log.toList() shouldContainExactly listOf("Sleeping...", "Woke up!")
                now shouldBe 2000
                s3.topologicalOrder.map { it.name } shouldContainExactly listOf("input", "announce", "sleep", "wake")
            }
        }

        fun startSleepStop() =
            dag("start-sleep-stop") {
                val start = node("start") { }
                val one = node("sleep 1") { delay(1000) }.after(start)
                val two = node("sleep 2") { delay(2000) }.after(start)
                node("stop") { }.after(one, two)
            }

        test("start then sleep 1 and sleep 2 then stop takes 2 s concurrently") {
            virtualTime {
                startSleepStop().run().makespanNanos.ms shouldBe 2000
                now shouldBe 2000
            }
        }

        test("the same graph takes 3 s in sequential mode, one node at a time in topological order") {
            virtualTime {
                val graph = startSleepStop()
                val run = graph.run(sequential = true)
                run.makespanNanos.ms shouldBe 3000
                now shouldBe 3000
                val starts = run.outcomes.drop(1).map { it.node.name to it.startNanos.ms }
                starts shouldContainExactly listOf("start" to 0L, "sleep 1" to 0L, "sleep 2" to 1000L, "stop" to 3000L)
            }
        }
    })
