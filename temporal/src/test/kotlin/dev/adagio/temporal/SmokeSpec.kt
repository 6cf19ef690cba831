package dev.adagio.temporal

import dev.adagio.Node
import dev.adagio.dag
import dev.adagio.invoke
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.temporal.testing.TestWorkflowEnvironment

data class Order(val id: Int, val items: List<String>)

class SmokeSpec :
    FunSpec({
        test("a diamond runs on the test server").config(timeout = kotlin.time.Duration.parse("40s")) {
            val graph =
                dag("smoke") { id: Node<Int> ->
                    val order = node("order", id) { Order(it, listOf("a", "b")) }
                    val count = node("count", order) { it.items.size }
                    val names = node("names", order) { it.items.joinToString() }
                    node("summary", count, names) { c, n -> "$c: $n" }
                }
            val temporal = TemporalDag.of(graph)
            val env = TestWorkflowEnvironment.newInstance()
            try {
                val worker = env.newWorker("q")
                AdagioWorkers.register(worker, temporal)
                env.start()
                val run = AdagioClient(env.workflowClient, "q").run(temporal, 7, "smoke-1")
                run.output shouldBe "2: a, b"
                run[graph.node("order")] shouldBe Order(7, listOf("a", "b"))
            } finally {
                env.close()
            }
        }
    })
