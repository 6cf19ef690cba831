package consumer

import dev.adagio.dag
import dev.adagio.test.runDagTest
import dev.adagio.test.shouldHaveMakespan
import dev.adagio.test.shouldHaveStartedAt
import dev.adagio.test.shouldHaveSucceeded
import kotlinx.coroutines.delay
import org.junit.jupiter.api.Test
import kotlin.time.Duration.Companion.milliseconds

/** The README's test, as a user writes it: a graph in virtual time, asserted with the test kit. */
class CardTest {
    private val graph =
        dag("card") {
            val a = node("a") { delay(300).let { 1 } }
            val b = blockingNode("b") { 2 }
            node("sum", a, b) { x, y -> delay(200).let { x + y } }
        }

    @Test
    fun `the sum starts when a ends and the run takes 500 ms of virtual time`() =
        runDagTest {
            val run = graph.run(Unit)
            run.shouldHaveSucceeded().shouldHaveStartedAt("sum", 300.milliseconds)
            run shouldHaveMakespan 500.milliseconds
        }
}
