package dev.adagio

import dev.adagio.live.live
import dev.adagio.stream.stream
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.milliseconds

/** Issue #32: input a user's code can pass that was accepted silently or refused with a raw error. */
class HostileInputSpec :
    FunSpec({
        val invisible = listOf("\u200B", "\u0000", "\uFEFF", " \u200B\uFEFF\t", "\u2028")

        test("a node or graph name made only of invisible or control characters is refused") {
            for (name in invisible) {
                shouldThrow<DagDefinitionException> { dag("ok") { node(name) { 1 } } }.message shouldContain "invisible"
                shouldThrow<DagDefinitionException> { dag(name) { node("ok") { 1 } } }.message shouldContain "invisible"
                shouldThrow<DagDefinitionException> {
                    stream("ok") {
                        val items = source<Int>(name) { emit(1) }
                        sink("all", items) { _: Int -> }
                    }
                }.message shouldContain "invisible"
            }
            // Visible text around such characters is a name.
            dag("ok") { node("a\u200Bb") { 1 } }.nodes.last().name shouldContain "a"
        }

        test("a retry backoff factor that is not a finite number is refused") {
            for (factor in listOf(Double.POSITIVE_INFINITY, Double.NaN)) {
                shouldThrow<DagDefinitionException> { Retry.exponential(3, 10.milliseconds, factor) }.message shouldContain "factor"
            }
        }

        test("a live node declared after live() returned is refused with a message naming the graph") {
            lateinit var later: dev.adagio.live.LiveScope
            runBlocking {
                live("ended") {
                    later = this
                    node("only") { 1 }
                }
            }
            val error = shouldThrow<IllegalStateException> { runBlocking { later.node("late") { 2 } } }
            error.message shouldContain "ended"
            error.message shouldContain "'ended'"
        }
    })
