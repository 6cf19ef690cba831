package dev.adagio.temporal

import io.kotest.core.spec.style.FunSpec

/** Records the committed histories again, when asked to (`-Dadagio.temporal.record=true`); else does nothing. */
class RecordHistories :
    FunSpec({
        test("record the scenarios' histories").config(enabled = System.getProperty("adagio.temporal.record") == "true") {
            withTemporal(*Histories.graphs.values.toTypedArray()) { t -> Histories.record(t.client, t.env.workflowClient) }
        }
    })
