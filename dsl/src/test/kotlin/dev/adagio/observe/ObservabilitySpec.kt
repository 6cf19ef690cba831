package dev.adagio.observe

import com.fasterxml.jackson.databind.ObjectMapper
import dev.adagio.NodeFailedException
import dev.adagio.RunClock
import dev.adagio.RunOptions
import dev.adagio.capturingLogs
import dev.adagio.dag
import dev.adagio.invoke
import dev.adagio.observe.LoggingListener
import dev.adagio.observe.ProgressReporter
import dev.adagio.observe.RunTrace
import dev.adagio.run
import dev.adagio.s2Graph
import dev.adagio.virtualTime
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.asContextElement
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import java.util.concurrent.TimeUnit
import java.util.logging.Level
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.coroutineContext

class Tenant(
    val name: String,
) : AbstractCoroutineContextElement(Key) {
    companion object Key : CoroutineContext.Key<Tenant>
}

class ObservabilitySpec :
    FunSpec({
        fun s2() = s2Graph("s2 \"trace\"")

        test("a run exports as trace-event JSON that parses back, one lane per concurrent track") {
            virtualTime {
                val run = s2().run(0)
                val json = ObjectMapper().readTree(RunTrace.chromeTrace(run))
                val events = json["traceEvents"]
                events[0]["args"]["name"].asText() shouldBe "s2 \"trace\""
                val bars = events.filter { it["ph"].asText() == "X" }.associateBy { it["name"].asText() }
                bars.keys shouldBe setOf("FastA", "SlowA", "FastB", "SlowB", "FastC", "End")
                bars.getValue("SlowB")["ts"].asDouble() shouldBe 100_000.0
                bars.getValue("SlowB")["dur"].asDouble() shouldBe 1_000_000.0
                bars.getValue("End")["args"]["status"].asText() shouldBe "SUCCEEDED"
                bars.getValue("End")["args"]["attempts"].asInt() shouldBe 1
                // FastA, SlowA, FastB run together: three lanes; SlowB reuses FastA's lane.
                listOf("FastA", "SlowA", "FastB", "SlowB", "FastC", "End").map { bars.getValue(it)["tid"].asInt() } shouldContainExactly
                    listOf(1, 2, 3, 1, 2, 1)
                events.count { it["ph"].asText() == "M" && it["name"].asText() == "thread_name" } shouldBe 3
            }
        }

        test("a failed node's error is in its trace event") {
            virtualTime {
                val graph = dag("failing") { node("bad\nname") { delay(5).also { error("broken \"quote\"") } } }
                val run = runCatching { graph.run() }.exceptionOrNull() as NodeFailedException
                val bar = ObjectMapper().readTree(RunTrace.chromeTrace(run.run))["traceEvents"].single { it["ph"].asText() == "X" }
                bar["name"].asText() shouldBe "bad\nname"
                bar["args"]["status"].asText() shouldBe "FAILED"
                bar["args"]["error"].asText() shouldBe "java.lang.IllegalStateException: broken \"quote\""
            }
        }

        test("the progress reporter counts done and running nodes and estimates the time left") {
            virtualTime {
                val updates = mutableListOf<String>()
                val progress = ProgressReporter(RunClock { testScheduler.currentTime * 1_000_000 }) { updates += it.toString() }
                s2().run(0, RunOptions(listeners = listOf(progress)))
                updates.first() shouldBe "1/6 nodes done, 2 running, ETA 0.5 s"
                updates.last() shouldBe "6/6 nodes done, 0 running, ETA 0.0 s"
                progress.snapshot().elapsedNanos shouldBe TimeUnit.MILLISECONDS.toNanos(1200)
            }
        }

        test("the logging listener logs runs, retries and failures through System.Logger") {
            virtualTime {
                capturingLogs("dev.adagio.runs") { records ->
                    val graph = dag("logged") { node("bad") { error("bad") } }
                    runCatching { graph.run(Unit, RunOptions(listeners = listOf(LoggingListener()))) }
                    records.map { it.level } shouldContainExactly listOf(Level.INFO, Level.FINE, Level.WARNING, Level.WARNING)
                    records.first().message shouldContain "of logged started"
                    records[2].thrown!!.message shouldBe "bad"
                }
            }
        }

        test("coroutine context elements of the caller reach every node body") {
            virtualTime {
                val graph =
                    dag("context") {
                        val a = node("a") { coroutineContext[Tenant]?.name }
                        val b = blockingNode("b") { "blocking" }
                        node("c", a, b) { x, y -> "$x/$y/${coroutineContext[Tenant]?.name}" }
                    }
                withContext(Tenant("acme")) { graph() } shouldBe "acme/blocking/acme"
            }
        }

        test("a thread-local carried as a context element is set in suspending and blocking bodies alike") {
            val tenant = ThreadLocal<String>()
            val graph =
                dag("thread-local") {
                    val a = node("a") { tenant.get() }
                    val b = blockingNode("b") { tenant.get() }
                    node("c", a, b) { x, y -> "$x/$y" }
                }
            val result =
                kotlinx.coroutines.runBlocking(kotlinx.coroutines.Dispatchers.Default + tenant.asContextElement("acme")) { graph() }
            result shouldBe "acme/acme"
        }

        test("runAsync carries the thread-locals named in the options into node bodies") {
            val tenant = ThreadLocal<String>()
            val graph =
                dag("thread-local-async") {
                    val a = node("a") { tenant.get() }
                    val b = blockingNode("b") { tenant.get() }
                    node("c", a, b) { x, y -> "$x/$y" }
                }
            tenant.set("acme")
            try {
                graph.runAsync(Unit, RunOptions.defaults().withThreadLocal(tenant)).get(10, TimeUnit.SECONDS).output shouldBe "acme/acme"
            } finally {
                tenant.remove()
            }
        }
    })
