package dev.adagio

/** Every message Adagio shows a user, in one place: the fact, the offending value, the fix. */
internal object Messages {
    fun emptyName(graph: String): String = "A node name in graph '$graph' is empty or blank; give every node a name that says what it does."

    fun duplicateName(
        graph: String,
        name: String,
    ): String = "Graph '$graph' already has a node named '$name'; node names must be unique within a graph, so rename one of them."

    fun foreignNode(
        node: Node<*>,
        graph: String,
    ): String =
        "Node '${node.name}' belongs to graph '${node.graphName}', not to graph '$graph'; " +
            "use handles only in the graph whose builder created them."

    fun cycle(
        graph: String,
        path: List<String>,
    ): String =
        "Adding this order edge would close a cycle in graph '$graph': ${path.joinToString(" -> ")}; " +
            "the edge was not added. Remove one of these dependencies."

    fun builderClosed(graph: String): String =
        "The builder of graph '$graph' has already built its graph; declare every node inside the dag { } block."

    fun unknownNode(
        graph: String,
        name: String,
    ): String = "Graph '$graph' has no node named '$name'; check the name against dag.nodes."

    fun notSucceeded(
        node: String,
        status: NodeStatus,
    ): String =
        "Node '$node' has no value: its status is $status. Check run.status(node) before reading its value, " +
            "or read run.outcome(node)."

    fun outputNotRun(
        output: String,
        status: NodeStatus,
    ): String =
        "The output node '$output' has no value: its status is $status. A run with targets computes only the targets " +
            "and their ancestors; read the targets with run[node] instead of run.output."

    fun nodeFailed(
        node: String,
        cause: Throwable,
    ): String = "Node '$node' failed: ${cause::class.java.name}${cause.message?.let { ": $it" } ?: ""}"

    fun nullStage(node: String): String =
        "Node '$node' returned a null CompletionStage; return a stage, such as " +
            "CompletableFuture.completedFuture(value), even when the node has no value."

    fun badAttempts(attempts: Int): String = "A retry policy needs at least 1 attempt, but was given $attempts; pass 1 or more."

    fun negativeDelay(): String = "A retry delay cannot be negative; pass a delay of zero or more."

    fun badFactor(factor: Double): String = "A retry backoff factor must be 1 or more, but was $factor; pass 1 for a fixed delay."

    fun badJitter(jitter: Double): String = "A retry jitter is a fraction from 0 to 1, but was $jitter; pass 0.1 for ±10 %."

    fun blankPoolName(): String = "A pool's name is empty or blank; name it after what it protects, such as \"database\"."

    fun badPermits(
        pool: String,
        permits: Int,
    ): String = "Pool '$pool' needs at least 1 permit, but was given $permits; pass 1 or more."

    fun badTimeout(
        what: String,
        nanos: Long,
    ): String = "The timeout of $what must be positive, but was ${nanos}ns; pass a positive duration."

    fun badConcurrency(limit: Int): String = "A run's concurrency limit must be at least 1, but was $limit; pass 1 or more."

    fun badWeight(
        node: String,
        weight: Long,
    ): String = "The weight of node '$node' must be at least 1, but was $weight; pass an estimate of its cost."

    fun inputHasNoPolicy(option: String): String =
        "The input node has no body, so it takes no $option; set it on the nodes that do the work."

    fun optionalHandle(node: String): String =
        "optional($node) is a way to take '$node' as an input; use the node's own handle for anything else."

    fun nodeTimedOut(
        node: String,
        nanos: Long,
    ): String = "Node '$node' timed out after ${java.time.Duration.ofNanos(nanos)}."

    fun runTimedOut(
        graph: String,
        nanos: Long,
    ): String = "A run of graph '$graph' timed out after ${java.time.Duration.ofNanos(nanos)}; every running node was cancelled."

    fun skippedAfter(
        node: String,
        input: String,
        status: NodeStatus,
    ): String = "Node '$node' was skipped: its input '$input' ${if (status == NodeStatus.SKIPPED) "was skipped" else "failed"}."

    fun outputHasNoValue(
        output: String,
        status: NodeStatus,
    ): String = "The output node '$output' has no value: its status is $status."

    fun recordedLive(node: String): String =
        "Node '$node' belongs to a graph recorded from a live run; such a graph can be inspected and drawn, not run. " +
            "Run the live block again instead."

    fun liveInputNotDone(
        node: String,
        input: String,
    ): String = "Node '$node' did not start: its input '$input' has no value."

    fun runCancelledFromOutside(graph: String): String = "A run of graph '$graph' was cancelled before it finished."

    fun sourceOutsideReactive(node: String): String =
        "Node '$node' is a reactive graph's source: its values come from its flow. " +
            "Run the graph with ReactiveDag.results() (or publisher()), not as a one-off run."

    fun runCancelled(node: String): String = "The run was cancelled because node '$node' failed."
}
