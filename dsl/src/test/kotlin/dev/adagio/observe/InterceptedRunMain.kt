package dev.adagio.observe

import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.nodeNameIn
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.util.concurrent.ConcurrentSkipListSet

/**
 * An intercepted run as a program of its own, for a JVM without the coroutines debug mode (the tests
 * run with it, which adds a thread-context element of its own to every coroutine): prints what each
 * body saw as current, sorted, or the error the run threw.
 */
object InterceptedRunMain {
    @JvmStatic
    fun main(args: Array<String>) {
        val current = ThreadLocal<String?>()
        val interceptor = nodeNameIn(current)
        val seen = ConcurrentSkipListSet<String>()
        val graph =
            dag("no-debug") {
                val fetch =
                    node("fetch") {
                        delay(10)
                        withContext(Dispatchers.IO) { seen += "fetch:${current.get()}" }
                        3
                    }
                val score = blockingNode("score", fetch) { rows -> rows.also { seen += "score:${current.get()}" } }
                node("publish", score) { points ->
                    launch(Dispatchers.Default) { seen += "publish-child:${current.get()}" }
                    points
                }
            }
        try {
            runBlocking { graph.run(Unit, RunOptions(interceptors = listOf(interceptor))) }
            println(seen.joinToString(" "))
        } catch (e: Throwable) {
            println("failed: $e")
        }
    }
}
