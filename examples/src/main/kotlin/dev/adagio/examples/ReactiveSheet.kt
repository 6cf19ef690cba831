package dev.adagio.examples

import dev.adagio.reactive.ReactiveDag
import dev.adagio.reactive.Recomputation
import dev.adagio.reactive.reactive
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.toList

/**
 * aiocells' flow demo as a reactive graph: two timers feed a little spreadsheet and a printer.
 *
 * Timer `a` ticks 1, 2, 3 every [periodMs]; timer `b` ticks 10, 20 every [periodMs], offset by half a
 * period. Each tick recomputes only the cells downstream of the timer that ticked: `a*2` never
 * recomputes when `b` ticks, and `b*3` never when `a` does. `parity` cuts recomputation off: when
 * `a + b` changes but its parity does not, `report` keeps its line.
 */
object ReactiveSheet {
    /** A timer that emits [values], the first after [startMs], then one every [periodMs]. */
    fun timer(
        startMs: Long,
        periodMs: Long,
        values: List<Int>,
    ): Flow<Int> =
        flow {
            delay(startMs)
            values.forEachIndexed { k, value ->
                if (k > 0) delay(periodMs)
                emit(value)
            }
        }

    fun sheet(
        periodMs: Long = 1000,
        print: (String) -> Unit = {},
    ): ReactiveDag<String> =
        reactive("s7-sheet") {
            val a = source("a", timer(0, periodMs, listOf(1, 2, 3)))
            val b = source("b", timer(periodMs / 2, periodMs, listOf(10, 20)))
            val aTwice = node("a*2", a) { it * 2 }
            val bThrice = node("b*3", b) { it * 3 }
            val total = node("a+b", a, b) { x, y -> x + y }
            val parity = node("parity", total) { if (it % 2 == 0) "even" else "odd" }.distinctUntilChanged()
            val report = node("report", parity) { p -> "a+b is $p" }
            node("print", aTwice, bThrice, total, report) { x, y, t, r ->
                "a*2=$x b*3=$y a+b=$t ($r)".also(print)
            }
        }

    /** Collects every recomputation of [sheet] until both timers are done. */
    suspend fun run(
        periodMs: Long = 1000,
        print: (String) -> Unit = {},
    ): List<Recomputation<String>> = sheet(periodMs, print).results().toList()
}
