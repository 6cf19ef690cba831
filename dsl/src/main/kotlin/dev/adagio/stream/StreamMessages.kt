package dev.adagio.stream

/** Messages of stream graphs: the fact, the offending value, the fix. */
internal object StreamMessages {
    fun blankName(graph: String) = "A stream node or graph name in '$graph' is empty or blank; give it a name that says what it does."

    fun duplicate(
        graph: String,
        name: String,
    ) = "Stream graph '$graph' already has a node named '$name'; names must be unique within a graph, so rename one."

    fun foreign(
        node: String,
        graph: String,
    ) = "Stream node '$node' belongs to another graph than '$graph'; use handles only in the graph that created them."

    fun unknown(
        graph: String,
        name: String,
    ) = "Stream graph '$graph' has no node named '$name'; check the name against graph.nodes."

    fun badWorkers(
        node: String,
        workers: Int,
    ) = "Stream node '$node' needs at least 1 worker, but was given $workers; pass 1 or more."

    fun badBuffer(
        node: String,
        buffer: Int,
    ) = "Stream node '$node' needs a buffer of at least 1 item, but was given $buffer; pass 1 or more."

    fun sinkEmits(node: String) = "Stream node '$node' is a sink and emits nothing; take items from a source or a stage."

    fun sourceTakes(node: String) = "Stream node '$node' is a source and takes no input; connect it to a stage or a sink instead."

    fun cycle(
        graph: String,
        path: List<String>,
    ) = "Stream graph '$graph' has a loop: ${path.joinToString(" -> ")}; a loop would never finish, so remove one of its edges."

    fun ranTwice(graph: String) = "This run of stream graph '$graph' has already been executed; call graph.newRun() for another."

    fun halted(node: String) = "Stream node '$node' failed with the HALT policy; the graph was stopped."

    fun failed(
        node: String,
        cause: Throwable,
    ) = "Stream node '$node' failed: ${cause::class.java.name}${cause.message?.let { ": $it" } ?: ""}"
}
