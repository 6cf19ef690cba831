package dev.adagio.contract

import dev.adagio.now
import dev.adagio.reactive.SourceFailedException
import dev.adagio.reactive.reactive
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf

/** The reactive defect the contract issue observed. */
class ReactiveLifecycleSpec :
    FunSpec({
        test("a source that fails while a recomputation runs stops the graph at once, the running node cancelled") {
            virtualTime {
                var cancelledAt = -1L
                val sheet =
                    reactive("fails-mid-run") {
                        val ok = source("ok", flowOf(1))
                        val bad =
                            source(
                                "bad",
                                flow {
                                    emit(1)
                                    delay(100)
                                    throw IllegalStateException("socket closed")
                                },
                            )
                        node("waits", ok, bad) { _, _ ->
                            try {
                                awaitCancellation()
                            } catch (e: CancellationException) {
                                cancelledAt = now
                                throw e
                            }
                        }
                    }
                val error = shouldThrow<SourceFailedException> { sheet.results().collect() }
                error.sourceName shouldBe "bad"
                now shouldBe 100
                cancelledAt shouldBe 100
            }
        }
    })
