package dev.adagio

import dev.adagio.internal.Errors

/** Every message Adagio shows a user, in one place: the fact, the offending value, the fix. */
internal object Messages {
    fun driverStall(
        node: String,
        graph: String,
        heldNanos: Long,
        waiting: Int,
    ): String =
        "Node '$node' of graph '$graph' held the run's thread for ${heldNanos / 1_000_000} ms while $waiting other " +
            (if (waiting == 1) "node was" else "nodes were") + " ready to start: its body blocks or computes without " +
            "suspending, so they waited. Declare it with blockingNode { } (blocking IO; Java: blocking) or " +
            "node { }.dispatched() (CPU-bound work; Java: NodeOptions.dispatched()) so that they run meanwhile. " +
            "Reported once per node; every run lists it in DagRun.driverStalls."

    fun emptyName(graph: String): String =
        "A node name in graph '$graph' is empty, blank or invisible (only spaces, control or format characters); " +
            "give every node a name that says what it does."

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

    fun blankGraphName(graph: String): String =
        "A graph name is empty, blank or invisible (only spaces, control or format characters); " +
            "give the graph a name that says what it computes."

    /** How a builder made by `DagBuilder.create` (Java, live, annotated) declares nodes. */
    const val DECLARE_BEFORE_BUILD: String = "declare every node and edge before calling build()"

    /** How the `dag { }` block declares nodes. */
    const val DECLARE_IN_BLOCK: String = "declare every node and edge inside the dag { } block"

    /** How a [DagDefinition] declares nodes. */
    const val DECLARE_IN_DEFINITION: String =
        "declare every node and edge in the definition's body, before its dag is first used"

    fun noOutputNode(graph: String): String =
        "Graph '$graph' has no output node: its block ends with a declaration, or it is a DagDefinition. " +
            "Every node runs; read their values with run[node], or end the dag { } block with the output node."

    /** How the `reactive { }` block declares nodes. */
    const val DECLARE_IN_REACTIVE_BLOCK: String = "declare every source and node inside the reactive { } block"

    /** How the `stream { }` block declares nodes. */
    const val DECLARE_IN_STREAM_BLOCK: String = "declare every node and connection inside the stream { } block"

    fun builderClosed(
        graph: String,
        whereToDeclare: String,
    ): String = "The builder of graph '$graph' has already built its graph, and a built graph cannot change; $whereToDeclare."

    fun unknownNode(
        graph: String,
        name: String,
    ): String = "Graph '$graph' has no node named '$name'; check the name against the graph's nodes."

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
    ): String = "Node '$node' failed: ${Errors.describe(cause)}"

    fun nullStage(node: String): String =
        "Node '$node' returned a null CompletionStage; return a stage, such as " +
            "CompletableFuture.completedFuture(value), even when the node has no value."

    fun badAttempts(attempts: Int): String = "A retry policy needs at least 1 attempt, but was given $attempts; pass 1 or more."

    fun negativeDelay(): String = "A retry delay cannot be negative; pass a delay of zero or more."

    fun badFactor(factor: Double): String =
        "A retry backoff factor must be a finite number, 1 or more, but was $factor; pass 1 for a fixed delay."

    fun liveEnded(graph: String): String =
        "Live graph '$graph' has ended: its block returned. Declare every node inside the block passed to live { }."

    fun badJitter(jitter: Double): String = "A retry jitter is a fraction from 0 to 1, but was $jitter; pass 0.1 for ±10 %."

    fun blankPoolName(): String = "A pool's name is empty or blank; name it after what it protects, such as \"database\"."

    fun twoPoolsOneName(
        graph: String,
        pool: String,
    ): String =
        "Graph '$graph' uses two different Pool objects named '$pool'; a pool is the object, not its name, so they " +
            "would not limit each other. Create the pool once and pass the same object to every node that shares it."

    fun badPermits(
        pool: String,
        permits: Int,
    ): String = "Pool '$pool' needs at least 1 permit, but was given $permits; pass 1 or more."

    fun badTimeout(
        what: String,
        nanos: Long,
    ): String = "The timeout of $what must be positive, but was ${nanos}ns; pass a positive duration."

    fun badConcurrency(limit: Int): String = "A run's concurrency limit must be at least 1, but was $limit; pass 1 or more."

    fun dispatchedBlocking(node: String): String =
        "Node '$node' is a blocking node, which already runs on its own dispatcher; " +
            "`dispatched` is for suspending nodes (give a blocking node its dispatcher when declaring it)."

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
    ): String = "Node '$node' timed out after ${Errors.millis(nanos)}."

    fun runTimedOut(
        graph: String,
        nanos: Long,
    ): String = "A run of graph '$graph' timed out after ${Errors.millis(nanos)}; every running node was cancelled."

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
        "Node '$node' belongs to a graph recorded from a run (a live run, or one whose graph grew); such a graph can be " +
            "inspected and drawn, not run. Run the live block, or the graph the run started from, again instead."

    fun nestedTooDeep(
        graph: String,
        depth: Int,
        limit: Int,
    ): String =
        "A run of graph '$graph' is nested $depth deep (a run started inside a node's body, $limit levels at most): " +
            "a graph that runs itself has no end; give the recursion a base case, or run the levels one after the other."

    fun runCancelledFromOutside(graph: String): String = "A run of graph '$graph' was cancelled before it finished."

    fun sourceOutsideReactive(node: String): String =
        "Node '$node' is a reactive graph's source: its values come from its flow. " +
            "Run the graph with ReactiveDag.results() (or publisher()), not as a one-off run."

    fun runCancelled(node: String): String = "The run was cancelled because node '$node' failed."

    // ---- Graphs that grow: live blocks, maps, includes.

    fun handOffCancelled(): String = "The run was cancelled while the body waited for a thread; it did not start."

    fun liveBlockFailed(graph: String): String = "The run was cancelled because the block of live graph '$graph' threw."

    fun mapOfNull(node: String): String = "Map '$node' was given a null list; give it a list, empty when there is nothing to map."

    fun innerNodeFailed(
        node: String,
        cause: Throwable,
    ): String = "Node '$node' failed: ${dev.adagio.internal.Errors.describe(cause)}"

    fun partNotDone(
        node: String,
        part: String,
        status: NodeStatus,
    ): String = "Node '$node' has no value: its part '$part' ended ${status.name}."

    fun mapBoundAndPool(node: String): String =
        "Map '$node' has both a pool and a concurrency bound; an element holds one permit, so give it one or the other."

    fun mapFallback(node: String): String =
        "Map '$node' cannot take a fallback: its value is a list, its elements' values are items. " +
            "Give each element its fallback with map(list, fallback = { error -> … }) { … }, or use mapOutcomes."

    fun notAMap(node: String): String = "Node '$node' is not a map; maxConcurrency bounds the elements of a map (map(list) { … })."

    fun badBound(
        node: String,
        bound: Int,
    ): String = "Map '$node' was given a concurrency bound of $bound; give at least 1."

    // ---- Stream graphs.

    fun streamForeign(
        node: String,
        graph: String,
    ) = "Stream node '$node' belongs to another graph than '$graph'; use handles only in the graph that created them."

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

    fun streamCycle(
        graph: String,
        path: List<String>,
    ) = "Stream graph '$graph' has a loop: ${path.joinToString(" -> ")}; a loop would never finish, so remove one of its edges."

    fun streamRanTwice(graph: String) = "This run of stream graph '$graph' has already been executed; call graph.newRun() for another."

    fun streamEdgeTwice(
        graph: String,
        from: String,
        to: String,
    ) = "Stream graph '$graph' connects '$from' to '$to' twice; an edge carries each item once, so combine the filters in one where { }."

    fun routedTwice(node: String) =
        "Stream node '$node' already has a router; give each node one router, which picks the edge of each item."

    fun routeNotDownstream(
        node: String,
        target: String,
    ) =
        "The router of stream node '$node' chose '$target', which does not take items from '$node'; return one of its downstream nodes, or null to drop the item."

    fun badBatchSize(
        node: String,
        size: Int,
    ) = "Stream node '$node' needs a batch size of at least 1, but was given $size; pass 1 or more."

    fun badLinger(
        node: String,
        linger: String,
    ) =
        "Stream node '$node' needs a linger time of 0 or more, but was given $linger; pass 0 to batch only what is already waiting, or Duration.INFINITE to wait for full batches."

    fun unknownEdge(
        graph: String,
        from: String,
        to: String,
    ) = "Stream graph '$graph' has no edge from '$from' to '$to'; '$to' does not take items from '$from' (see the graph's edges)."

    fun streamHalted(node: String) = "Stream node '$node' failed with the FAIL_FAST policy; the graph was stopped."

    fun streamFailed(
        node: String,
        cause: Throwable,
    ) = "Stream node '$node' failed: ${Errors.describe(cause)}"

    // ---- Annotated graphs.

    fun notPublic(
        type: Class<*>,
        method: String,
    ) = "Method ${type.simpleName}.$method is annotated @DagNode but is not public; make it public so the graph can call it."

    fun notCallable(
        type: Class<*>,
        method: String,
    ) = "Class ${type.name} is not public, so its @DagNode method $method cannot be called by the graph; " +
        "make the class public (and every class it is nested in)."

    fun overloaded(
        type: Class<*>,
        name: String,
    ) = "${type.simpleName} has two @DagNode methods for node '$name'; give one another name with @DagNode(name = \"…\")."

    fun unnamed(
        type: Class<*>,
        method: String,
        index: Int,
    ) =
        "Parameter #${index + 1} of ${type.simpleName}.$method has no name at run time; annotate it with @From(\"node\") or compile with -parameters."

    fun unknownInput(
        type: Class<*>,
        method: String,
        input: String,
        known: Collection<String>,
    ) = "${type.simpleName}.$method depends on '$input', but no node has that name; use one of ${known.sorted()}."

    fun takesVoid(
        method: String,
        input: String,
    ) = "Method $method takes the value of '$input', which returns nothing; wait for it with @DagNode(after = {\"$input\"}) instead."

    fun typeMismatch(
        method: String,
        parameter: String,
        parameterType: Class<*>,
        input: String,
        produced: Class<*>,
        producer: String,
    ) = "Parameter $parameter of $method is a ${parameterType.name}, but node '$input' (method $producer) produces a ${produced.name}; " +
        "change the parameter's type or take another node."

    fun unknownPool(
        node: String,
        pool: String,
        known: Collection<String>,
    ) = "Node '$node' asks for pool '$pool', which was not given to the builder; pass it in pools (given: ${known.sorted()})."

    fun unknownFallback(
        node: String,
        method: String,
    ) = "Node '$node' names the fallback '$method', but the class has no public method $method(Throwable); add one."

    fun noSingleOutput(sinks: List<String>) =
        "The graph has ${sinks.size} nodes nothing depends on ($sinks); name the output with output = \"…\"."

    fun wrongOutputType(
        type: Class<*>,
        node: String,
        actual: Class<*>,
        expected: Class<*>,
    ) = "The output node '$node' of ${type.name} gives a ${actual.name}, not a ${expected.name}; " +
        "ask for ${actual.simpleName}.class, or name another output node."

    fun unknownOutput(
        output: String,
        known: Collection<String>,
    ) = "No node is named '$output'; name the output with one of ${known.sorted()}."

    fun annotatedCycle(
        type: Class<*>,
        path: List<String>,
    ) = "The @DagNode methods of ${type.simpleName} form a cycle: ${path.joinToString(" -> ")}; remove one of these dependencies."

    // ---- Reactive graphs.

    fun noSource(graph: String): String =
        "Reactive graph '$graph' has no source, so nothing would ever make it compute; add one with source(name, flow)."

    fun sourceFailed(source: String): String = "Source '$source' failed; the reactive graph stopped."
}
