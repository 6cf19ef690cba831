package dev.adagio.stream

import dev.adagio.stress
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.util.concurrent.atomic.AtomicLong

/**
 * Issue #32: 1,000,000 items through a stage of 1,000 workers and a buffer of 1 took 38 s, both cores busy:
 * a worker whose coroutine resumed on another thread while its hand's last owner gave it up spun there.
 * On real threads: CI asserts that every item arrives and prints the ratio to 4 workers; the stress mode
 * (`-Dadagio.stress=10`, 1,000,000 items) holds the goal, within 2x of 4 workers.
 */
class StreamManyWorkersSpec :
    FunSpec({
        suspend fun through(
            items: Int,
            workers: Int,
        ): Long {
            val sum = AtomicLong()
            val start = System.nanoTime()
            withContext(Dispatchers.Default) {
                stream("many") {
                    val numbers = source<Int>("numbers") { repeat(items) { emit(it) } }
                    val plus = stage<Int, Int>("plus", numbers, workers = workers, buffer = 1) { emit(it + 1) }
                    sink("sum", plus) { x: Int -> sum.addAndGet(x.toLong()) }
                }.run()
            }
            val took = System.nanoTime() - start
            sum.get() shouldBe items.toLong() * (items + 1) / 2
            return took
        }

        test("a stage of 1,000 workers with a buffer of 1 carries every item, near the pace of 4 workers") {
            val items = 100_000 * stress
            through(items / 10, 4)
            val four = through(items, 4)
            val thousand = through(items, 1_000)
            val ratio = thousand.toDouble() / four
            println(
                "stream: $items items, 1,000 workers ${"%.0f".format(thousand / 1e6)} ms, 4 workers ${"%.0f".format(four / 1e6)} ms, " +
                    "ratio ${"%.2f".format(ratio)}",
            )
            if (stress >= 10) ratio shouldBeLessThan 2.0
        }
    })
