package dev.adagio.reactive

import dev.adagio.DagDefinitionException
import dev.adagio.EventLog
import dev.adagio.FailurePolicy
import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeKind
import dev.adagio.NodeOutcome
import dev.adagio.NodeStatus
import dev.adagio.RunOptions
import dev.adagio.ms
import dev.adagio.now
import dev.adagio.observe.RunInfo
import dev.adagio.observe.RunListener
import dev.adagio.reactive.SourceFailedException
import dev.adagio.reactive.SourceMode
import dev.adagio.reactive.reactive
import dev.adagio.stress
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent

/** A timer: emits [values] one by one, the first after [startMs], then every [periodMs]. */
private fun <T> timer(
    startMs: Long,
    periodMs: Long,
    vararg values: T,
): Flow<T> =
    flow {
        delay(startMs)
        values.forEachIndexed { k, v ->
            if (k > 0) delay(periodMs)
            emit(v)
        }
    }

/** aiocells' flow model: graphs fed by flows that recompute only what changed (issue #12). */
class ReactiveSpec :
    FunSpec({
        test("a spreadsheet with two timers recomputes exactly the cells downstream of the timer that ticked") {
            virtualTime {
                val printed = EventLog()
                val sheet =
                    reactive("sheet") {
                        val a = source("a", timer(0, 1000, 1, 2, 3))
                        val b = source("b", timer(500, 1000, 10, 20))
                        val aTwice = node("a*2", a) { it * 2 }
                        val bThrice = node("b*3", b) { it * 3 }
                        val total = node("a+b", a, b) { x, y -> x + y }
                        node("print", aTwice, bThrice, total) { x, y, t -> "a*2=$x b*3=$y a+b=$t".also(printed::add) }
                    }
                val ticks = mutableListOf<Triple<Long, List<String>, List<String>>>()
                sheet.results().collect { r ->
                    r.isSuccess shouldBe true
                    ticks.add(Triple(now, r.changedSources.map { it.name }, r.recomputed.map { it.name }))
                    r.reused.forEach { r.run.status(it) shouldBe NodeStatus.REUSED }
                }
                ticks shouldContainExactly
                    listOf(
                        Triple(500L, listOf("a", "b"), listOf("a", "b", "a*2", "b*3", "a+b", "print")),
                        Triple(1000L, listOf("a"), listOf("a", "a*2", "a+b", "print")),
                        Triple(1500L, listOf("b"), listOf("b", "b*3", "a+b", "print")),
                        Triple(2000L, listOf("a"), listOf("a", "a*2", "a+b", "print")),
                    )
                printed.toList() shouldContainExactly
                    listOf(
                        "a*2=2 b*3=30 a+b=11",
                        "a*2=4 b*3=30 a+b=12",
                        "a*2=4 b*3=60 a+b=22",
                        "a*2=6 b*3=60 a+b=23",
                    )
            }
        }

        test("reused nodes keep their values, outcomes and output, without starting") {
            virtualTime {
                val sheet =
                    reactive("reuse") {
                        val a = source("a", timer(0, 100, 1, 2))
                        val b = source("b", flowOf(5))
                        val b2 = node("b2", b) { it * 2 }
                        node("sum", a, b2) { x, y -> x + y }
                    }
                val runs = sheet.results().toList()
                runs.map { it.output } shouldContainExactly listOf(11, 12)
                val second = runs[1]
                val b2 = sheet.dag.node("b2")
                second.run.status(b2) shouldBe NodeStatus.REUSED
                second[b2] shouldBe 10
                second.run.outcome(b2).value shouldBe 10
                second.run.outcome(b2).startNanos shouldBe -1
                second.reused.map { it.name } shouldContainExactly listOf("b", "b2")
            }
        }

        test("an equality cut-off stops recomputation at a node whose value did not change") {
            virtualTime {
                val labelled = EventLog()
                val sheet =
                    reactive("cut-off") {
                        val x = source("x", timer(0, 100, 5, 7, -1, -3, 4))
                        val sign = node("sign", x) { Integer.signum(it) }.distinctUntilChanged()
                        node("label", sign) { s -> (if (s > 0) "positive" else "negative").also(labelled::add) }
                    }
                val runs = sheet.results().toList()
                runs.map { it.recomputed.map { n -> n.name } } shouldContainExactly
                    listOf(
                        listOf("x", "sign", "label"),
                        listOf("x", "sign"),
                        listOf("x", "sign", "label"),
                        listOf("x", "sign"),
                        listOf("x", "sign", "label"),
                    )
                runs.map { it.output } shouldContainExactly listOf("positive", "positive", "negative", "negative", "positive")
                labelled.toList() shouldContainExactly listOf("positive", "negative", "positive")
            }
        }

        test("a custom equivalence cuts off, and one that throws fails the node in that recomputation") {
            virtualTime {
                val sheet =
                    reactive("near") {
                        val x = source("x", timer(0, 100, 100, 104, 120, 0))
                        val rounded =
                            node("rounded", x) { it }.distinctUntilChanged { old, new ->
                                require(new != 0) { "cannot compare with 0" }
                                kotlin.math.abs(old - new) < 10
                            }
                        node("shown", rounded) { "~$it" }
                    }
                val runs = sheet.results().toList()
                runs.map { it.recomputed.map { n -> n.name } } shouldContainExactly
                    listOf(listOf("x", "rounded", "shown"), listOf("x", "rounded"), listOf("x", "rounded", "shown"), listOf("x", "rounded"))
                runs.take(3).map { it.output } shouldContainExactly listOf("~100", "~100", "~120")
                runs[3]
                    .error
                    .shouldBeInstanceOf<NodeFailedException>()
                    .cause!!
                    .message shouldBe "cannot compare with 0"
                runs[3].run.status(sheet.dag.node("rounded")) shouldBe NodeStatus.FAILED
                runs[3].run.status(sheet.dag.node("shown")) shouldBe NodeStatus.NOT_STARTED
            }
        }

        test("a conflated source under a slow node computes only the latest value; a queued one computes every value") {
            virtualTime {
                fun graph(mode: SourceMode) =
                    reactive("slow") {
                        val x = source("x", timer(0, 100, *(1..10).toList().toTypedArray()), mode)
                        node("slow", x) {
                            delay(230)
                            it
                        }
                    }
                val conflated = graph(SourceMode.CONFLATE).results().toList()
                conflated.map { it.output } shouldContainExactly listOf(1, 3, 5, 7, 10)
                now shouldBe 1150
                val start = now
                val queued = graph(SourceMode.QUEUE).results().toList()
                queued.map { it.output } shouldContainExactly (1..10).toList()
                (now - start) shouldBe 2300
            }
        }

        test("a queued source holds 64 values while the graph computes, then its flow waits (back-pressure)") {
            virtualTime {
                var emitted = 0
                val sheet =
                    reactive("pressure") {
                        val x =
                            source(
                                "x",
                                flow {
                                    repeat(100) {
                                        emit(it)
                                        emitted++
                                    }
                                },
                                SourceMode.QUEUE,
                            )
                        node("slow", x) {
                            delay(1000)
                            it
                        }
                    }
                val seen = mutableListOf<Int>()
                val job = launch { sheet.results().collect { seen += it.output } }
                advanceTimeBy(500)
                // One value taken by the first recomputation, 64 waiting; the 66th emit is suspended.
                emitted shouldBe 65
                job.join()
                seen shouldContainExactly (0 until 100).toList()
            }
        }

        test("no node ever sees a mix of old and new inputs within one recomputation") {
            virtualTime {
                val seen = EventLog()
                val sheet =
                    reactive("diamond") {
                        val s = source("s", timer(0, 40, *(1..20).toList().toTypedArray()), SourceMode.QUEUE)
                        val fast = node("fast", s) { it + 1 }
                        val slow =
                            node("slow", s) {
                                delay(90)
                                it * 2
                            }
                        val slower =
                            node("slower", slow) {
                                delay(70)
                                it * 3
                            }
                        node("join", fast, slower) { f, sl ->
                            seen.add("$f,$sl")
                            check((f - 1) * 6 == sl) { "glitch: fast=$f slower=$sl" }
                            f - 1
                        }
                    }
                val runs = sheet.results().toList()
                runs.map { it.output } shouldContainExactly (1..20).toList()
                runs.forEach { it.error.shouldBeNull() }
                seen.toList().size shouldBe 20
            }
        }

        test("the first computation waits for every source, conflated sources at their latest value") {
            virtualTime {
                val sheet =
                    reactive("waiting") {
                        val a = source("a", timer(0, 100, 1, 2, 3))
                        val b = source("b", timer(250, 100, 10))
                        node("both", a, b) { x, y -> "a=$x b=$y" }
                    }
                val runs = sheet.results().toList()
                runs.map { it.output } shouldContainExactly listOf("a=3 b=10")
                runs[0].changedSources.map { it.name } shouldContainExactly listOf("a", "b")
            }
        }

        test("a failed recomputation is reported, the graph goes on, and a node left without a value recomputes next time") {
            virtualTime {
                val sheet =
                    reactive("retried") {
                        val a = source("a", timer(0, 100, 1, 2), SourceMode.QUEUE)
                        val b = source("b", timer(250, 100, 10, 20))
                        val inverse =
                            node("inverse", a) {
                                check(it != 2) { "no inverse for 2" }
                                100 / it
                            }
                        val bTwice = node("b*2", b) { it * 2 }
                        node("both", inverse, bTwice) { i, y -> "$i,$y" }
                    }
                val r = sheet.results(RunOptions(failurePolicy = FailurePolicy.CONTINUE)).toList()
                r.map { it.isSuccess } shouldContainExactly listOf(true, false, false)
                r[0].output shouldBe "100,20"
                r[1].error.shouldBeInstanceOf<NodeFailedException>().nodeName shouldBe "inverse"
                r[1].recomputed.map { it.name } shouldContainExactly listOf("a", "inverse")
                r[1].reused.map { it.name } shouldContainExactly listOf("b", "b*2")
                r[1].run.status(sheet.dag.node("both")) shouldBe NodeStatus.SKIPPED
                // b changes: inverse has no value from the previous recomputation, so it runs again (and fails again).
                r[2].changedSources.map { it.name } shouldContainExactly listOf("b")
                r[2].recomputed.map { it.name } shouldContainExactly listOf("b", "inverse", "b*2")
                r[2].reused.map { it.name } shouldContainExactly listOf("a")
            }
        }

        test("after a failure, a new value recomputes the failed node and its skipped dependents") {
            virtualTime {
                val sheet =
                    reactive("recovering") {
                        val a = source("a", timer(0, 100, 1, 2, 4), SourceMode.QUEUE)
                        val inverse =
                            node("inverse", a) {
                                check(it != 2) { "no inverse for 2" }
                                100 / it
                            }
                        node("shown", inverse) { "1/a=$it" }
                    }
                val runs = sheet.results().toList()
                runs.map { it.isSuccess } shouldContainExactly listOf(true, false, true)
                runs[2].output shouldBe "1/a=25"
                runs[2].recomputed.map { it.name } shouldContainExactly listOf("a", "inverse", "shown")
            }
        }

        test("with FailurePolicy.FAIL_FAST the failed recomputation is emitted, then the flow ends with its error") {
            virtualTime {
                val sheet =
                    reactive("stopping") {
                        val a = source("a", timer(0, 100, 1, 2, 3), SourceMode.QUEUE)
                        node("inverse", a) {
                            check(it != 2) { "no inverse for 2" }
                            100 / it
                        }
                    }
                val seen = mutableListOf<Boolean>()
                val error =
                    shouldThrow<NodeFailedException> {
                        sheet.results(onFailure = FailurePolicy.FAIL_FAST).collect { seen.add(it.isSuccess) }
                    }
                error.nodeName shouldBe "inverse"
                seen shouldContainExactly listOf(true, false)
                now shouldBe 100
            }
        }

        test("cancelling the collector stops every source and cancels every running node") {
            virtualTime {
                val log = EventLog()
                val ticks =
                    flow {
                        try {
                            var i = 0
                            while (true) {
                                emit(i++)
                                delay(1000)
                            }
                        } finally {
                            log.add("source stopped at $now")
                        }
                    }
                val sheet =
                    reactive("endless") {
                        val t = source("t", ticks)
                        node("slow", t) {
                            try {
                                delay(5000)
                            } catch (e: CancellationException) {
                                log.add("slow cancelled at $now")
                                throw e
                            }
                        }
                    }
                val results = mutableListOf<Long>()
                val job = launch { sheet.results().collect { results.add(it.number) } }
                advanceTimeBy(7500)
                job.cancelAndJoin()
                results shouldContainExactly listOf(1L)
                log.toList() shouldContainExactlyInAnyOrder listOf("slow cancelled at 7500", "source stopped at 7500")
            }
        }

        test("taking the first result stops the graph") {
            virtualTime {
                val stopped = EventLog()
                val sheet =
                    reactive("first") {
                        val t =
                            source(
                                "t",
                                flow {
                                    try {
                                        repeat(1000) {
                                            emit(it)
                                            delay(10)
                                        }
                                    } finally {
                                        stopped.add("stopped")
                                    }
                                },
                            )
                        node("twice", t) { it * 2 }
                    }
                sheet.results().first().output shouldBe 0
                stopped.toList() shouldContainExactly listOf("stopped")
            }
        }

        test("a source whose flow fails ends the graph with SourceFailedException naming it") {
            virtualTime {
                val sheet =
                    reactive("broken") {
                        val ok = source("ok", timer(0, 100, 1, 2, 3))
                        val bad =
                            source(
                                "bad",
                                flow {
                                    emit(1)
                                    delay(150)
                                    throw IllegalStateException("socket closed")
                                },
                            )
                        node("sum", ok, bad) { x, y -> x + y }
                    }
                val seen = mutableListOf<Int>()
                val error = shouldThrow<SourceFailedException> { sheet.results().collect { seen.add(it.output) } }
                error.sourceName shouldBe "bad"
                error.cause!!.message shouldBe "socket closed"
                seen shouldContainExactly listOf(2, 3)
            }
        }

        test("a source that never emits means the graph never computes, and the flow ends with the sources") {
            virtualTime {
                val sheet =
                    reactive("silent") {
                        val a = source("a", timer(0, 100, 1, 2))
                        val b = source("b", flowOf<Int>())
                        node("sum", a, b) { x, y -> x + y }
                    }
                sheet.results().toList().shouldBeEmpty()
            }
        }

        test("each recomputation is a run: listeners see reused nodes finish without starting, and options apply") {
            virtualTime {
                val events = EventLog()
                val listener =
                    object : RunListener {
                        override fun onNodeStarted(
                            run: RunInfo,
                            node: Node<*>,
                            atNanos: Long,
                        ) = events.add("start ${node.name}")

                        override fun onNodeFinished(
                            run: RunInfo,
                            outcome: NodeOutcome<*>,
                        ) = events.add("${outcome.status} ${outcome.node.name}")
                    }
                val sheet =
                    reactive("listened") {
                        val a = source("a", timer(0, 1000, 1, 2))
                        val b = source("b", flowOf(1))
                        val slowA =
                            node("slowA", a) {
                                delay(100)
                                it
                            }
                        val slowB =
                            node("slowB", b) {
                                delay(100)
                                it
                            }
                        node("sum", slowA, slowB) { x, y -> x + y }
                    }
                val runs = sheet.results(RunOptions(maxConcurrency = 1, listeners = listOf(listener))).toList()
                runs.map { it.output } shouldContainExactly listOf(2, 3)
                runs[0].run.makespanNanos.ms shouldBe 200 // one node at a time
                // Nodes that keep their values do so first, and take no concurrency slot.
                events.toList().drop(10) shouldContainExactly
                    listOf(
                        "REUSED b",
                        "REUSED slowB",
                        "start a",
                        "SUCCEEDED a",
                        "start slowA",
                        "SUCCEEDED slowA",
                        "start sum",
                        "SUCCEEDED sum",
                    )
            }
        }

        test("property: after every recomputation each node's value equals a full computation from the same source values") {
            repeat(40 * stress) { seed ->
                virtualTime {
                    val random = kotlin.random.Random(seed)
                    val sourceCount = 1 + random.nextInt(3)
                    val nodeCount = 3 + random.nextInt(25)
                    val inputsOf = mutableListOf<List<Int>>()
                    lateinit var handles: List<Node<Int>>
                    val sheet =
                        reactive("random-$seed") {
                            val all = mutableListOf<Node<Int>>()
                            repeat(sourceCount) { k ->
                                val values = List(1 + random.nextInt(6)) { random.nextInt(3) }
                                val mode = if (random.nextBoolean()) SourceMode.QUEUE else SourceMode.CONFLATE
                                all.add(source("s$k", timer(random.nextLong(0, 50), 1 + random.nextLong(60), *values.toTypedArray()), mode))
                                inputsOf.add(emptyList())
                            }
                            repeat(nodeCount) { k ->
                                val picks = List(1 + random.nextInt(3)) { random.nextInt(all.size) }
                                val pause = random.nextLong(0, 30)
                                val node =
                                    node("n$k", picks.map { all[it] }) { xs ->
                                        if (pause > 0) delay(pause)
                                        (xs.sum() + k) % 4
                                    }
                                if (random.nextInt(3) == 0) node.distinctUntilChanged()
                                all += node
                                inputsOf.add(picks)
                            }
                            handles = all
                            all.last()
                        }
                    val runs = sheet.results().toList()
                    runs.forEach { r ->
                        val expected = IntArray(handles.size)
                        for (i in handles.indices) {
                            expected[i] =
                                if (i < sourceCount) r[handles[i]] else (inputsOf[i].sumOf { expected[it] } + (i - sourceCount)) % 4
                            r[handles[i]] shouldBe expected[i]
                        }
                    }
                }
            }
        }

        test("sequential mode reuses unchanged nodes too") {
            virtualTime {
                val sheet =
                    reactive("sequential") {
                        val a = source("a", timer(0, 100, 1, 2))
                        val b = source("b", flowOf(10))
                        val bTwice = node("b*2", b) { it * 2 }
                        node("sum", a, bTwice) { x, y -> x + y }
                    }
                val runs = sheet.results(RunOptions(sequential = true)).toList()
                runs.map { it.output } shouldContainExactly listOf(21, 22)
                runs[1].recomputed.map { it.name } shouldContainExactly listOf("a", "sum")
                runs[1].reused.map { it.name } shouldContainExactly listOf("b", "b*2")
            }
        }

        test("the graph's definition can be inspected, but running it once refuses the sources clearly") {
            virtualTime {
                val sheet =
                    reactive("inspect") {
                        val a = source("a", flowOf(1))
                        node("twice", a) { it * 2 }
                    }
                sheet.sourceNodes.map { it.name } shouldContainExactly listOf("a")
                sheet.dag.node("a").kind shouldBe NodeKind.SOURCE
                val error = shouldThrow<NodeFailedException> { sheet.dag.run(Unit) }
                error.cause!!.message shouldContain "reactive graph's source"
            }
        }

        test("a reactive graph needs a source, and builds like any graph") {
            shouldThrow<DagDefinitionException> { reactive("empty") { node("x") { 1 } } }.message shouldContain "no source"
            shouldThrow<DagDefinitionException> {
                reactive("dup") {
                    source("a", flowOf(1))
                    source("a", flowOf(2))
                }
            }
        }

        test("each collection is independent: two collectors of one graph compute separately") {
            virtualTime {
                val sheet =
                    reactive("twice") {
                        val a = source("a", timer(0, 100, 1, 2))
                        node("inc", a) { it + 1 }
                    }
                val first = launch { sheet.results().toList().map { it.output } shouldContainExactly listOf(2, 3) }
                val second = launch { sheet.results().toList().map { it.output } shouldContainExactly listOf(2, 3) }
                runCurrent()
                first.join()
                second.join()
            }
        }
    })
