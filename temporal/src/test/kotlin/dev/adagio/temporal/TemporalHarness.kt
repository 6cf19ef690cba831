package dev.adagio.temporal

import io.temporal.testing.TestWorkflowEnvironment
import io.temporal.worker.Worker

/** A test server in this process with one worker for [graphs] on [QUEUE], and a client. */
class TemporalHarness(
    vararg graphs: TemporalDag<*, *>,
) : AutoCloseable {
    val env: TestWorkflowEnvironment = TestWorkflowEnvironment.newInstance()
    val worker: Worker = env.newWorker(QUEUE).also { AdagioWorkers.register(it, *graphs) }
    val client = AdagioClient(env.workflowClient, QUEUE)

    init {
        AdagioWorkers.registerPools(env.workerFactory, QUEUE, *graphs)
        env.start()
    }

    /** The history of workflow [id], as Temporal's JSON. */
    fun history(id: String): String = env.workflowClient.fetchHistory(id).toJson(true)

    /** How many events the history of workflow [id] has. */
    fun events(id: String): Int =
        env.workflowClient
            .fetchHistory(id)
            .events
            .size

    /** Per node of workflow [id] (by name), what [read] takes from its activity's scheduled event. */
    fun <T> scheduled(
        id: String,
        read: (io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes) -> T,
    ): Map<String, T> =
        env.workflowClient
            .fetchHistory(id)
            .events
            .filter { it.hasActivityTaskScheduledEventAttributes() }
            .associate { e -> e.activityTaskScheduledEventAttributes.let { it.activityType.name.substringAfterLast('.') to read(it) } }

    override fun close() = env.close()

    companion object {
        const val QUEUE = "adagio-test"
    }
}

suspend fun <T> withTemporal(
    vararg graphs: TemporalDag<*, *>,
    block: suspend (TemporalHarness) -> T,
): T = TemporalHarness(*graphs).use { block(it) }
