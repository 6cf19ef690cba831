package dev.adagio.examples

import dev.adagio.FailurePolicy
import dev.adagio.stream.StreamGraph
import dev.adagio.stream.stream
import kotlinx.coroutines.delay

/**
 * SCENARIOS.md S4, from async-graph-data-flow: extract emits "hello" and "world", transform title-cases
 * them, load consumes them. Statistics (in/out/errors): extract 0/2/0, transform 2/2/0, load 2/2/0.
 */
object S4LinearStream {
    fun etl(
        load: (String) -> Unit,
        onLoadError: FailurePolicy = FailurePolicy.FAIL_FAST,
    ): StreamGraph =
        stream("s4-linear-stream") {
            val extract =
                source<String>("extract") {
                    emit("hello")
                    emit("world")
                }
            val transform = stage("transform", extract) { word: String -> emit(word.replaceFirstChar(Char::titlecase)) }
            sink("load", transform, onError = onLoadError) { word: String -> load(word) }
        }

    /**
     * The same graph started at its middle (async-graph-data-flow's `start`): transform receives the
     * two items given and extract does not run (its statistics read 0/0/0).
     */
    suspend fun startAtTransform(load: (String) -> Unit): dev.adagio.stream.StreamRun {
        val graph = etl(load)
        return graph.run(start = mapOf(graph.node("transform") to listOf("from", "the middle")))
    }

    /** Ten items of one second each through a stage with [workers] workers: 10 s with 1, 2 s with 5. */
    fun slowStage(workers: Int): StreamGraph =
        stream("s4-workers-$workers") {
            val numbers = source<Int>("numbers") { repeat(10) { emit(it) } }
            val slow = stage("slow", numbers, workers = workers) { n: Int -> delay(1000).also { emit(n) } }
            sink("done", slow) { _: Int -> }
        }
}
