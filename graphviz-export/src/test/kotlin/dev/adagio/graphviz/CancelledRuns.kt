package dev.adagio.graphviz

import dev.adagio.Dag
import dev.adagio.DagRun
import dev.adagio.RunCancelledException
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/** Produces the result of a run cancelled by its caller, for the Java tests to draw. */
object CancelledRuns {
    @JvmStatic
    fun <I> cancelAfter(
        dag: Dag<I, *>,
        input: I,
        millis: Long,
    ): DagRun<*> =
        runBlocking {
            var captured: DagRun<*>? = null
            val caller =
                launch {
                    try {
                        dag.run(input)
                    } catch (e: RunCancelledException) {
                        captured = e.run
                        throw e
                    }
                }
            delay(millis)
            caller.cancelAndJoin()
            checkNotNull(captured) { "the run finished before it could be cancelled" }
        }
}
