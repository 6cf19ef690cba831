package dev.adagio.micrometer

import dev.adagio.NodeFailedException
import dev.adagio.Retry
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.live.live
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.micrometer.core.instrument.MeterRegistry
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler
import io.micrometer.core.instrument.simple.SimpleMeterRegistry
import io.micrometer.observation.ObservationRegistry
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.util.Collections

class AdagioObservationsSpec :
    FunSpec({
        lateinit var meters: MeterRegistry
        lateinit var registry: ObservationRegistry
        lateinit var observations: AdagioObservations

        beforeTest {
            meters = SimpleMeterRegistry()
            registry = ObservationRegistry.create()
            registry.observationConfig().observationHandler(DefaultMeterObservationHandler(meters))
            observations = AdagioObservations.create(registry)
        }

        /** What the body sees as current: its observation's node key and its parent's name. */
        fun seen(): String {
            val current = registry.currentObservation ?: return "none"
            val node = current.contextView.getLowCardinalityKeyValue("node")?.value
            return "$node<${current.contextView.parentObservation?.contextView?.name}"
        }

        test("a live run is observed as a dag run is: a timer per live node, tagged with the live graph") {
            runBlocking {
                live("live orders", RunOptions(interceptors = listOf(observations))) {
                    val a = node("price") { 2 }
                    node("total", a) { x -> live.node("tax") { x / 2 }.let { x } }
                }
            }.output shouldBe 2
            val nodes = meters.find(AdagioObservations.NODE).timers()
            nodes.map { it.id.getTag("node") } shouldContainExactlyInAnyOrder listOf("price", "total", "tax")
            nodes.forEach { it.id.getTag("graph") shouldBe "live orders" }
        }

        test("a timer per node and per run, tagged graph, node and status") {
            val graph =
                dag("orders") {
                    val a = node("price") { 2 }
                    val b = blockingNode("stock") { 3 }
                    node("total", a, b) { x, y -> x * y }
                }
            runBlocking { graph.run(Unit, RunOptions(interceptors = listOf(observations))) }.output shouldBe 6
            val nodes = meters.find(AdagioObservations.NODE).timers()
            nodes.map { it.id.getTag("node") } shouldContainExactlyInAnyOrder listOf("price", "stock", "total")
            nodes.forEach {
                it.id.getTag("graph") shouldBe "orders"
                it.id.getTag("status") shouldBe "SUCCEEDED"
                it.count() shouldBe 1
                // Low cardinality only: no attempt or run id among the tags.
                it.id.tags
                    .map { t -> t.key }
                    .toSet() shouldBe setOf("graph", "node", "status", "error")
            }
            meters
                .get(AdagioObservations.RUN)
                .tags("graph", "orders", "status", "SUCCEEDED")
                .timer()
                .count() shouldBe 1
        }

        test("the node's observation is current inside its body, across threads and in its children") {
            val seen = Collections.synchronizedList(ArrayList<String>())
            val graph =
                dag("current") {
                    val fetch =
                        node("fetch") {
                            seen += "fetch:" + seen()
                            delay(1)
                            withContext(Dispatchers.IO) { seen += "fetch-io:" + seen() }
                            launch(Dispatchers.Default) { seen += "fetch-child:" + seen() }
                            1
                        }
                    blockingNode("audit", fetch) { seen += "audit:" + seen() }
                }
            runBlocking(Dispatchers.Default) { graph.run(Unit, RunOptions(interceptors = listOf(observations))) }
            seen shouldContainExactlyInAnyOrder
                listOf(
                    "fetch:fetch<adagio.run",
                    "fetch-io:fetch<adagio.run",
                    "fetch-child:fetch<adagio.run",
                    "audit:audit<adagio.run",
                )
            registry.currentObservation shouldBe null
        }

        test("each attempt is observed: failed attempts and the run's end tagged with their status") {
            val graph =
                dag("flaky") {
                    node("call") { if (attempt < 3) error("down") else attempt }.retry(Retry.immediately(3))
                }
            runBlocking { graph.run(Unit, RunOptions(interceptors = listOf(observations))) }
            meters
                .get(AdagioObservations.NODE)
                .tags("node", "call", "status", "FAILED")
                .timer()
                .count() shouldBe 2
            meters
                .get(AdagioObservations.NODE)
                .tags("node", "call", "status", "SUCCEEDED")
                .timer()
                .count() shouldBe 1

            val failing = dag("failing") { node("boom") { error("boom") } }
            shouldThrow<NodeFailedException> { runBlocking { failing.run(Unit, RunOptions(interceptors = listOf(observations))) } }
            meters
                .get(AdagioObservations.RUN)
                .tags("graph", "failing", "status", "FAILED")
                .timer()
                .count() shouldBe 1
        }
    })
