package dev.adagio

import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.delay

class FailurePolicySpec :
    FunSpec({
        val continueOnFailure = RunOptions(failurePolicy = FailurePolicy.CONTINUE)

        fun branches(log: EventLog) =
            dag("branches") {
                val bad = node("bad") { delay(10).also { error("bad") } }
                val afterBad = node("after-bad", bad) { log.add("after-bad") }
                node("after-after", afterBad) { log.add("after-after") }
                val good = node("good") { delay(50).also { log.add("good") } }
                val worse = node("worse") { delay(30).also { throw IllegalArgumentException("worse") } }
                node("end", good, worse) { _, _ -> log.add("end") }
            }

        test("continue: independent branches finish and dependents of a failure are skipped, naming it") {
            virtualTime {
                val log = EventLog()
                val graph = branches(log)
                val failure = shouldThrow<NodeFailedException> { graph.run(Unit, continueOnFailure) }
                log.toList() shouldContainExactly listOf("good")
                now shouldBe 50
                val run = failure.run
                run.status(graph.node("good")) shouldBe NodeStatus.SUCCEEDED
                run.status(graph.node("after-bad")) shouldBe NodeStatus.SKIPPED
                run.status(graph.node("after-after")) shouldBe NodeStatus.SKIPPED
                run.status(graph.node("end")) shouldBe NodeStatus.SKIPPED
                run.outcome(graph.node("after-bad")).error!!.message shouldBe "Node 'after-bad' was skipped: its input 'bad' failed."
                run.outcome(graph.node("after-after")).error!!.message shouldBe
                    "Node 'after-after' was skipped: its input 'after-bad' was skipped."
                run.outcome(graph.node("after-bad")).startNanos shouldBe -1
            }
        }

        test("continue: the run reports every failure, the first as the exception and the others suppressed") {
            virtualTime {
                val failure = shouldThrow<NodeFailedException> { branches(EventLog()).run(Unit, continueOnFailure) }
                failure.nodeName shouldBe "bad"
                failure.suppressed.map { (it as NodeFailedException).nodeName } shouldContainExactly listOf("worse")
                failure.suppressed
                    .single()
                    .cause
                    .shouldBeInstanceOf<IllegalArgumentException>()
                failure.run.failures.map { it.node.name } shouldContainExactly listOf("bad", "worse")
            }
        }

        test("fail-fast, the default, stops the independent branches instead") {
            virtualTime {
                val graph = branches(EventLog())
                val failure = shouldThrow<NodeFailedException> { graph.run() }
                failure.suppressed.size shouldBe 0
                failure.run.status(graph.node("good")) shouldBe NodeStatus.CANCELLED
                now shouldBe 10
            }
        }

        test("a fallback value turns a failure into success, and the outcome keeps the error") {
            virtualTime {
                val boom = IllegalStateException("down")
                val graph =
                    dag("fallback") {
                        val quote = node("quote") { delay(10).let<Unit, Int> { throw boom } }.fallbackValue(100)
                        node("total", quote) { q -> q + 1 }
                    }
                val run = graph.run()
                run.output shouldBe 101
                val quote = run.outcome(graph.node("quote"))
                quote.status shouldBe NodeStatus.SUCCEEDED
                quote.value shouldBe 100
                quote.error shouldBeSameInstanceAs boom
                quote.isRecovered shouldBe true
                quote.toString() shouldContain "SUCCEEDED (recovered)"
                run.outcome(graph.node("total")).isRecovered shouldBe false
            }
        }

        test("a fallback function computes the value from the error") {
            virtualTime {
                val graph = dag("fallback-fn") { node("parse") { "x".toInt() }.fallback { e -> e::class.simpleName!!.length } }
                graph.run().output shouldBe "NumberFormatException".length
            }
        }

        test("an optional input hands its consumer the failure; the consumer runs, and the run lists the failure") {
            virtualTime {
                val graph =
                    dag("optional") {
                        val quote = node("quote") { delay(10).let<Unit, Int> { error("no quote") } }
                        node("price", optional(quote)) { q -> if (q.isSuccess) q.getOrThrow() else -1 }
                    }
                // CONTINUE returns the run when its output has a value; the failures are listed on it.
                val run = graph.run(Unit, continueOnFailure)
                run.output shouldBe -1
                run.failures.map { it.node.name } shouldContainExactly listOf("quote")
                run.status(graph.node("quote")) shouldBe NodeStatus.FAILED
                // Fail-fast still throws.
                shouldThrow<NodeFailedException> { graph.run(Unit) }.nodeName shouldBe "quote"
            }
        }

        test("continue with targets: the run returns when every target has a value, and throws when one has none") {
            virtualTime {
                val graph =
                    dag("targets") {
                        val bad = node("bad") { delay(10).let<Unit, Int> { error("bad") } }
                        val good = node("good") { delay(10).let { 1 } }
                        node("end", bad, good) { b, g -> b + g }
                    }
                val run = graph.run(Unit, RunOptions(failurePolicy = FailurePolicy.CONTINUE, targets = listOf(graph.node("good"))))
                run[graph.node("good")] shouldBe 1
                shouldThrow<NodeFailedException> {
                    graph.run(
                        Unit,
                        RunOptions(failurePolicy = FailurePolicy.CONTINUE, targets = listOf(graph.node("bad"), graph.node("good"))),
                    )
                }.nodeName shouldBe "bad"
            }
        }

        test("listeners see a node that succeeded through its fallback as recovered") {
            virtualTime {
                val seen = mutableListOf<String>()
                val listener =
                    object : RunListener {
                        override fun onNodeFinished(
                            run: RunInfo,
                            outcome: NodeOutcome<*>,
                        ) {
                            seen += "${outcome.node.name} ${outcome.status} recovered=${outcome.isRecovered}"
                        }
                    }
                dag("degraded") {
                    val quote = node("quote") { delay(10).let<Unit, Int> { error("down") } }.fallbackValue(0)
                    node("total", quote) { it + 1 }
                }.run(Unit, RunOptions(listeners = listOf(listener)))
                seen shouldContainExactly listOf("quote SUCCEEDED recovered=true", "total SUCCEEDED recovered=false")
            }
        }

        test("an optional input that succeeded hands over its value") {
            virtualTime {
                val graph =
                    dag("optional-ok") {
                        val quote = node("quote") { 7 }
                        node("price", optional(quote), quote) { q, plain -> q.getOrDefault(0) + plain }
                    }
                graph.run().output shouldBe 14
            }
        }

        test("a node can skip itself; dependents are skipped unless optional, and the run does not fail") {
            virtualTime {
                val graph =
                    dag("skip") {
                        val rows = node("rows") { skip("no new rows") }
                        val load = node("load", rows) { "loaded" }
                        node("report", optional(rows), optional(load)) { r, l -> "${r.status} ${l.status}" }
                    }
                val run = graph.run()
                run.output shouldBe "SKIPPED SKIPPED"
                run.outcome(graph.node("rows")).error!!.message shouldBe "no new rows"
                run.outcome(graph.node("load")).error.shouldBeInstanceOf<SkippedException>()
            }
        }

        test("a skipped output leaves the run without an output value, with a clear message") {
            virtualTime {
                val graph = dag("skipped-output") { node("only") { skip("nothing to do") } }
                val run = graph.run()
                shouldThrow<IllegalStateException> { run.output }.message shouldBe
                    "The output node 'only' has no value: its status is SKIPPED."
            }
        }

        test("optional handles are for inputs only") {
            shouldThrow<DagDefinitionException> {
                dag("optional-misuse") {
                    val a = node("a") { 1 }
                    optional(a)
                }
            }.message shouldBe "optional(a) is a way to take 'a' as an input; use the node's own handle for anything else."
        }
    })
