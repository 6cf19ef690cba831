package dev.adagio

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.util.concurrent.atomic.AtomicInteger

class EngineSpec :
    FunSpec({
        test("a node that takes the same input twice runs its producer once and gets the value twice") {
            virtualTime {
                val calls = AtomicInteger()
                val graph =
                    dag("twice") {
                        val a = node("a") { delay(10).let { calls.incrementAndGet() * 21 } }
                        node("sum", a, a) { x, y -> x to y }
                    }
                graph.run().output shouldBe (21 to 21)
                calls.get() shouldBe 1
                graph.dataInputs(graph.output).map { it.name } shouldContainExactly listOf("a", "a")
            }
        }

        test("a node taking one input twice and another once starts only when all three edges are satisfied") {
            virtualTime {
                val graph =
                    dag("dup-counters") {
                        val a = node("a") { delay(10).let { 1 } }
                        val b = node("b") { delay(50).let { 2 } }
                        node("abc", a, a, b) { x, y, z -> x + y + z }
                    }
                val run = graph.run()
                run.output shouldBe 4
                run.outcome(graph.output).startNanos.ms shouldBe 50
            }
        }

        test("a chain of 1,000,000 nodes runs without overflowing the stack") {
            val size = 1_000_000
            val chain =
                dag("chain") { input: Node<Long> ->
                    var last = input
                    for (i in 1 until size) last = node("n$i", last) { x -> x + 1 }
                    last
                }
            val started = System.nanoTime()
            val output = runBlocking { chain(0L) }
            val millis = (System.nanoTime() - started) / 1_000_000
            println("1,000,000-node chain ran in $millis ms")
            output shouldBe size - 1L
        }

        test("a fan-out to 100,000 nodes and back into one node runs") {
            val width = 100_000
            val fan =
                dag("fan") { input: Node<Int> ->
                    val source = node("source", input) { it }
                    val middle = (0 until width).map { i -> node("m$i", source) { x -> x + i } }
                    node("sink", middle) { values -> values.sumOf { it.toLong() } }
                }
            runBlocking { fan(1) } shouldBe width.toLong() * (width - 1) / 2 + width
        }

        test("a fan-out to 100,000 suspending nodes finishes in one delay of virtual time") {
            virtualTime {
                val width = 100_000
                val fan =
                    dag("fan-delay") {
                        val middle = (0 until width).map { i -> node("m$i") { delay(5).let { i } } }
                        node("sink", middle) { values -> values.size }
                    }
                fan() shouldBe width
                now shouldBe 5
            }
        }

        test("1,000 concurrent runs of one dag with different inputs give independent results") {
            virtualTime {
                val graph =
                    dag("concurrent") { input: Node<Int> ->
                        val doubled = node("double", input) { n -> delay((n % 7).toLong()).let { n * 2 } }
                        val squared = node("square", input) { n -> delay((n % 5).toLong()).let { n * n } }
                        node("sum", doubled, squared) { d, s -> d + s + runInput }
                    }
                val runs = (0 until 1000).map { n -> async { graph.run(n) } }.awaitAll()
                runs.forEachIndexed { n, run -> run.output shouldBe n * 2 + n * n + n }
            }
        }

        test("1,000 concurrent runs on a multi-threaded dispatcher give independent results") {
            val graph =
                dag("threads") { input: Node<Int> ->
                    val a = node("a", input) { n -> withContext(Dispatchers.Default) { n + 1 } }
                    val b = node("b", input) { n -> delay(1).let { n * 3 } }
                    node("sum", a, b) { x, y -> x + y }
                }
            val outputs = withContext(Dispatchers.Default) { (0 until 1000).map { n -> async { graph(n) } }.awaitAll() }
            outputs shouldContainExactly (0 until 1000).map { n -> n + 1 + n * 3 }
        }

        test("bodies given as suspend function references run like lambdas, suspending and resuming") {
            virtualTime {
                val graph =
                    dag("references") { input: Node<Int> ->
                        val slow = node("slow", input, ::slowDouble)
                        val sum = node("sum", slow, input, ::slowSum)
                        node("all", listOf(slow, sum), ::slowTotal)
                    }
                graph.run(5).output shouldBe 10 + 15 + 10
                now shouldBe 30
            }
        }

        test("a dag is called like a suspend function from its input to its output, and passed as one by reference") {
            virtualTime {
                val graph = dag("fn") { input: Node<Int> -> node("inc", input) { it + 1 } }
                graph(41) shouldBe 42
                // Not a function type itself (Java would see a Function2 with a Continuation): a reference is one.
                val plusOne: suspend (Int) -> Int = graph::invoke
                plusOne(1) shouldBe 2
                (graph as Any is Function2<*, *, *>) shouldBe false
            }
        }

        test("node bodies run in the caller's coroutine context and see their name and the run's input") {
            virtualTime {
                val graph =
                    dag("context") { input: Node<String> ->
                        node("who", input) { _ -> "$nodeName ${currentCoroutineContext()[CoroutineName]?.name} $runInput $attempt" }
                    }
                withContext(CoroutineName("caller")) { graph("in") } shouldBe "who caller in 1"
            }
        }

        test("the run result records each node's status, value and timings") {
            virtualTime {
                val graph =
                    dag("timings") {
                        val a = node("a") { delay(30).let { "x" } }
                        node("b", a) { s -> delay(20).let { s + "y" } }
                    }
                val run = graph.run()
                val b = run.outcome(graph.output)
                b.status shouldBe NodeStatus.SUCCEEDED
                b.value shouldBe "xy"
                b.attempts shouldBe 1
                b.startNanos.ms shouldBe 30
                b.endNanos.ms shouldBe 50
                b.durationNanos.ms shouldBe 20
                run.outcome(graph.input).status shouldBe NodeStatus.SUCCEEDED
            }
        }
    })

private suspend fun slowDouble(
    scope: NodeScope<*>,
    n: Int,
): Int = delay(10).let { n * 2 }.also { check(scope.nodeName == "slow") }

private suspend fun slowSum(
    scope: NodeScope<*>,
    a: Int,
    b: Int,
): Int = delay(10).let { a + b }

private suspend fun slowTotal(
    scope: NodeScope<*>,
    values: List<Int>,
): Int = delay(10).let { values.sum() + values.first() }
