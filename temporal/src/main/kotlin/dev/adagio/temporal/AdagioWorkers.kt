package dev.adagio.temporal

import dev.adagio.Pool
import io.temporal.worker.Worker
import io.temporal.worker.WorkerFactory
import io.temporal.worker.WorkerOptions
import io.temporal.workflow.DynamicWorkflow

/**
 * The worker side: registers Adagio graphs on a Temporal [Worker].
 *
 * One workflow implementation serves every graph (each graph its own workflow type,
 * [TemporalDag.workflowType]) and one activity implementation every node (each node its own activity
 * type, [TemporalDag.activityType]); both find the graph by the type of the task, so any worker that
 * registered a graph can take any task of its runs. Register the same graphs on every worker of the
 * task queue.
 *
 * ```
 * val worker = factory.newWorker("reports")
 * AdagioWorkers.register(worker, TemporalDag.of(report))
 * AdagioWorkers.registerPools(factory, "reports", TemporalDag.of(report))
 * factory.start()
 * ```
 */
public object AdagioWorkers {
    /**
     * Registers [graphs]' workflow and activities on [worker]. A worker can take Adagio's workflow and
     * activity implementations once: register all its graphs in one call.
     */
    @JvmStatic
    public fun register(
        worker: Worker,
        vararg graphs: TemporalDag<*, *>,
    ) {
        registerWorkflows(worker, *graphs)
        registerActivities(worker, *graphs)
    }

    /**
     * Registers only [graphs]' workflow on [worker]: a worker that drives runs and computes no node, for
     * deployments that keep the two apart (workflow workers are light; node work may need machines of
     * its own).
     */
    @JvmStatic
    public fun registerWorkflows(
        worker: Worker,
        vararg graphs: TemporalDag<*, *>,
    ) {
        val registry = Registry(graphs.toList())
        worker.registerWorkflowImplementationFactory(DynamicWorkflow::class.java) { GraphWorkflow(registry) }
    }

    /** Registers only [graphs]' node activities on [worker]: a worker that computes nodes and drives no run. */
    @JvmStatic
    public fun registerActivities(
        worker: Worker,
        vararg graphs: TemporalDag<*, *>,
    ) {
        worker.registerActivitiesImplementations(NodeActivities(Registry(graphs.toList())))
    }

    /**
     * Starts, on [factory], a worker for each pool [graphs] use, on the pool's own task queue beside
     * [taskQueue], running at most the pool's permits of its nodes at once. That bound is per worker:
     * each process that calls this adds as many. Within one run, the engine also keeps the pool's bound
     * across all workers, as a local run does.
     *
     * @return the workers made, one per pool.
     */
    @JvmStatic
    public fun registerPools(
        factory: WorkerFactory,
        taskQueue: String,
        vararg graphs: TemporalDag<*, *>,
    ): List<Worker> {
        val registry = Registry(graphs.toList())
        val pools = graphs.flatMap { g -> g.dag.nodes.mapNotNull { g.dag.policies(it).pool } }.distinctBy { it.name }
        return pools.map { pool ->
            factory
                .newWorker(
                    poolQueue(taskQueue, pool),
                    WorkerOptions
                        .newBuilder()
                        .setMaxConcurrentActivityExecutionSize(pool.permits)
                        .build(),
                ).also { it.registerActivitiesImplementations(NodeActivities(registry)) }
        }
    }

    /** The task queue of [pool]'s nodes beside [taskQueue]: `<taskQueue>.pool.<pool>`. */
    @JvmStatic
    public fun poolQueue(
        taskQueue: String,
        pool: Pool,
    ): String = "$taskQueue.pool.${pool.name}"
}
