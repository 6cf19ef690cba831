package dev.adagio

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay

/** SCENARIOS.md S2 — async-dag: start slow work as early as possible. */
class ScenarioS2Spec :
    FunSpec({
        class S2(
            val log: EventLog,
        ) {
            suspend fun inc(
                name: String,
                n: Int,
                millis: Long,
            ): Int {
                log.add("$name starts")
                delay(millis)
                log.add("$name done")
                return n + 1
            }

            suspend fun add(
                name: String,
                a: Int,
                b: Int,
                millis: Long,
            ): Int {
                log.add("$name starts")
                delay(millis)
                log.add("$name done")
                return a + b
            }

            val fastA: Node<Int>
            val end: Node<Int>
            val dag: Dag<Int, Int>

            init {
                lateinit var fastA: Node<Int>
                dag =
                    dag("s2") { input: Node<Int> ->
                        fastA = node("FastA", input) { n -> inc("FastA", n, 100) }
                        val slowB = node("SlowB", fastA) { n -> inc("SlowB", n, 1000) }
                        val slowA = node("SlowA", input) { n -> inc("SlowA", n, 500) }
                        val fastB = node("FastB", input) { n -> inc("FastB", n, 200) }
                        val fastC = node("FastC", slowA, fastB) { a, b -> add("FastC", a, b, 100) }
                        node("End", fastC, slowB) { a, b -> add("End", a, b, 100) }
                    }
                this.fastA = fastA
                end = dag.output
            }
        }

        test("input 0 gives End = 4 and FastA = 1 with a makespan of 1.2 s") {
            virtualTime {
                val s2 = S2(EventLog())
                val run = s2.dag.run(0)
                run.output shouldBe 4
                run[s2.fastA] shouldBe 1
                run.makespanNanos.ms shouldBe 1200
                now shouldBe 1200
            }
        }

        test("events happen in exactly the order async-dag documents") {
            virtualTime {
                val s2 = S2(EventLog())
                s2.dag.run(0)
                s2.log.toList() shouldContainExactly
                    listOf(
                        "FastA starts",
                        "SlowA starts",
                        "FastB starts",
                        "FastA done",
                        "SlowB starts",
                        "FastB done",
                        "SlowA done",
                        "FastC starts",
                        "FastC done",
                        "SlowB done",
                        "End starts",
                        "End done",
                    )
            }
        }

        test("one definition run twice, one input after the other, gives independent results") {
            virtualTime {
                val s2 = S2(EventLog())
                s2.dag(0) shouldBe 4
                s2.dag(999) shouldBe 3001
                s2.dag(0) shouldBe 4
            }
        }

        test("one definition run twice concurrently gives independent results in the same 1.2 s") {
            virtualTime {
                val s2 = S2(EventLog())
                val results = listOf(0, 999).map { async { s2.dag.run(it) } }.awaitAll()
                results.map { it.output } shouldContainExactly listOf(4, 3001)
                results.map { it[s2.fastA] } shouldContainExactly listOf(1, 1000)
                now shouldBe 1200
            }
        }
    })
