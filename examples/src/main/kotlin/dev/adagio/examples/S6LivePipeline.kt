package dev.adagio.examples

import dev.adagio.DagRun
import dev.adagio.live.live
import kotlinx.coroutines.delay

/**
 * SCENARIOS.md S6, from aiodag: a pipeline wired by passing results, in live mode, where each node
 * starts as it is declared and runs as soon as its inputs exist.
 *
 * fetch a1 a2 b1 b2 c1 c2; concatenate pairs; concatenate the a and b pairs; strip digits from three of
 * them; upload the three. The result is ('axax', 'axaxbxbx', 'cxcx').
 */
object S6LivePipeline {
    private val fetchMillis = mapOf("a1" to 10L, "a2" to 20L, "b1" to 30L, "b2" to 40L, "c1" to 55L, "c2" to 60L)

    suspend fun fetch(id: String): String = delay(fetchMillis.getValue(id)).let { id + "x" }

    suspend fun concatenate(
        a: String,
        b: String,
    ): String = delay(5).let { a + b }

    suspend fun stripDigits(s: String): String = delay(1).let { s.filter { !it.isDigit() } }

    suspend fun run(): DagRun<Triple<String, String, String>> =
        live("s6-live-pipeline") {
            val a1 = node("fetch a1") { fetch("a1") }
            val a2 = node("fetch a2") { fetch("a2") }
            val b1 = node("fetch b1") { fetch("b1") }
            val b2 = node("fetch b2") { fetch("b2") }
            val c1 = node("fetch c1") { fetch("c1") }
            val c2 = node("fetch c2") { fetch("c2") }
            val ca = node("concat a", a1, a2) { x, y -> concatenate(x, y) }
            val cb = node("concat b", b1, b2) { x, y -> concatenate(x, y) }
            val cc = node("concat c", c1, c2) { x, y -> concatenate(x, y) }
            val cab = node("concat ab", ca, cb) { x, y -> concatenate(x, y) }
            val sa = node("strip a", ca) { stripDigits(it) }
            val sab = node("strip ab", cab) { stripDigits(it) }
            val sc = node("strip c", cc) { stripDigits(it) }
            node("upload", sa, sab, sc) { x, y, z -> Triple(x, y, z) }
        }
}
