package dev.adagio.java

import dev.adagio.Dag
import dev.adagio.Node
import dev.adagio.dag
import dev.adagio.invoke
import kotlinx.coroutines.delay

/** A graph built with the Kotlin DSL, for the Java tests to run. */
object KotlinGraphs {
    @JvmStatic
    fun wordStats(): Dag<String, String> =
        dag("word-stats") { text: Node<String> ->
            val words = node("words", text) { t -> t.split(" ").filter { it.isNotBlank() } }
            val count = node("count", words) { w -> delay(10).let { w.size } }
            val longest = node("longest", words) { w -> w.maxByOrNull { it.length } ?: "" }
            node("summary", count, longest) { c, l -> "$c words, longest '$l'" }
        }
}
