package dev.adagio.examples

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe

class TemporalExamplesSpec :
    FunSpec({
        timeout = 120_000

        test("the S5 download on Temporal writes every record once, in order, on the two workers") {
            val result = TemporalDownload.run(records = 320, pageSize = 50, pages = 8)
            val lines = result.run.output
            lines.first() shouldBe "id,name"
            lines.drop(1) shouldBe (1..320).map { "$it,record $it" }
            result.ranOn.keys shouldBe ((0 until 8).map { "page$it" } + "csv").toSet()
            setOf("east", "west") shouldContainAll result.ranOn.values.toSet()
        }

        test("the Java S5 download on Temporal gives the same lines") {
            val result = TemporalDownloadJava.run(320, 50, 8)
            result.run().output shouldBe listOf("id,name") + (1..320).map { "$it,record $it" }
        }
    })
