package dev.adagio

import dev.adagio.internal.Nesting
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.runBlocking
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

/** A graph whose node runs the same graph again, [depth] levels down, inline on one stack. */
private suspend fun nested(depth: Int): Int =
    dag("nested") {
        node("level") { if (depth == 0) 0 else nested(depth - 1) + 1 }
    }.run(Unit).output

/**
 * Issue #32: runs nested in node bodies, deeper than the stack holds, hung (a StackOverflowError
 * inside kotlinx.coroutines' machinery loses the completion); Adagio's own nesting ends with an error
 * naming the depth.
 */
class NestingSpec :
    FunSpec({
        test("runs nested deeper than the limit fail with an error naming the depth, on a small stack, never a hang") {
            for (depth in listOf(100, 2_000)) {
                val outcome = CompletableFuture<Result<Int>>()
                val thread = Thread(null, { outcome.complete(runCatching { runBlocking { nested(depth) } }) }, "small-stack", 256 * 1024L)
                thread.isDaemon = true
                thread.start()
                val error = outcome.get(20, TimeUnit.SECONDS).exceptionOrNull()
                var deepest: Throwable? = error
                while (deepest is NodeFailedException) deepest = deepest.cause
                deepest.shouldBeInstanceOf<IllegalStateException>().message shouldContain "nested ${Nesting.LIMIT + 1} deep"
            }
        }

        test("runs nested up to the limit succeed") {
            runBlocking { nested(Nesting.LIMIT - 1) } shouldBe Nesting.LIMIT - 1
        }
    })
