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

    fun runCancelledFromOutside(graph: String): String = "A run of graph '$graph' was cancelled before it finished."

    fun runCancelled(node: String): String = "The run was cancelled because node '$node' failed."
}
