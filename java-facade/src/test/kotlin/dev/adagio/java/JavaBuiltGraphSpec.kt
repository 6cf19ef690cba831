package dev.adagio.java

import dev.adagio.NodeStatus
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.test.runTest

/** A graph built through the Java facade runs from Kotlin like any other `Dag`. */
class JavaBuiltGraphSpec :
    FunSpec({
        test("a Java-built dag runs from Kotlin as a suspend function and as a full run") {
            runTest {
                val dag = JavaGraphs.priceWithTax().definition()
                dag(100) shouldBe 120
                val run = dag.run(50)
                run.output shouldBe 60
                run.outcomes.map { it.status }.toSet() shouldBe setOf(NodeStatus.SUCCEEDED)
                dag.nodes.map { it.name } shouldContainExactly listOf("input", "tax", "total")
            }
        }
    })
