package dev.adagio.examples

import dev.adagio.Dag
import dev.adagio.dag
import kotlinx.coroutines.delay

/**
 * SCENARIOS.md S3, from aiocells: order without data, sequential against concurrent.
 *
 * `start` precedes two sleeps of 1 s and 2 s, which both precede `stop`. Concurrently the run takes
 * 2 s; in sequential mode (one node at a time, for debugging) it takes 3 s.
 */
object S3OrderOnly {
    fun sleeper(say: (String) -> Unit): Dag<Unit, Unit> =
        dag("s3-sleeper") {
            val announce = node("announce") { say("Sleeping...") }
            val sleep = node("sleep") { delay(2000) }.after(announce)
            node("wake") { say("Woke up!") }.after(sleep)
        }

    val startSleepStop: Dag<Unit, Unit> =
        dag("s3-start-sleep-stop") {
            val start = node("start") { }
            val one = node("sleep 1") { delay(1000) }.after(start)
            val two = node("sleep 2") { delay(2000) }.after(start)
            node("stop") { }.after(one, two)
        }
}
