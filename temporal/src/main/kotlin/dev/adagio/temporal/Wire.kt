package dev.adagio.temporal

// What crosses Temporal: plain classes with a no-argument constructor and settable properties, which
// Temporal's own JSON converter writes and reads. Node values inside them are the graph's codec's bytes.

/** A node value in its codec's bytes, with its class for a node declared without a type; null data is null. */
internal class WireValue(
    var type: String? = null,
    var data: ByteArray? = null,
)

/** An error as it crosses machines: its class name and message, and a timeout's limit. */
internal class WireError(
    var type: String = "",
    var message: String? = null,
    var limitNanos: Long = 0,
)

/** An optional input's outcome: its status, and its value or error. */
internal class WireOptional(
    var status: String = "",
    var value: WireValue? = null,
    var error: WireError? = null,
)

/** A node's input: a plain value, or an optional input's outcome. */
internal class WireInput(
    var value: WireValue? = null,
    var optional: WireOptional? = null,
)

/** What the workflow asks of a node's activity. */
internal class NodeRequest(
    var runInput: WireValue? = null,
    var inputs: List<WireInput> = emptyList(),
    /** When set, the activity only applies the node's fallback to this error (its last attempt timed out). */
    var fallbackFor: WireError? = null,
    /** The attempts made before this activity, by activities whose workers were lost. */
    var attemptOffset: Int = 0,
)

/** What a node's activity returns: its value, its attempt, and the error its fallback recovered from. */
internal class NodeResult(
    var value: WireValue? = null,
    var attempt: Int = 1,
    var recovered: WireError? = null,
)

/** Why a node's activity failed, attached to its `ApplicationFailure`. */
internal class NodeFailureDetail(
    var error: WireError? = null,
    var attempt: Int = 1,
)

/** How the client asked for the run: the input and the run options that cross to the workflow. */
internal class StartRequest(
    var input: WireValue? = null,
    var failurePolicy: String = "FAIL_FAST",
    var maxConcurrency: Int = Int.MAX_VALUE,
    var timeoutNanos: Long = 0,
    var scheduling: String = "CRITICAL_PATH",
    var sequential: Boolean = false,
    var targets: List<String> = emptyList(),
    /** For a run going on as a new one: the outcomes of the nodes it had finished, else null. */
    var carried: RunRecord? = null,
    /** When the first of the run's workflow runs started, by the workflow's clock (0 before it starts). */
    var startedAtMillis: Long = 0,
)

/** A finished run, per node in declaration order, as the workflow returns it (or attaches it to its failure). */
internal class RunRecord(
    var statuses: List<String> = emptyList(),
    var values: List<WireValue?> = emptyList(),
    var errors: List<WireError?> = emptyList(),
    var startNanos: List<Long> = emptyList(),
    var endNanos: List<Long> = emptyList(),
    var attempts: List<Int> = emptyList(),
    /** The failed nodes, first failure first (more than one under `CONTINUE`). */
    var failed: List<String> = emptyList(),
    /** The run's timeout when it ran out of time, else 0. */
    var timedOutNanos: Long = 0,
)

/** A run's progress, as the progress query answers. */
internal class ProgressRecord(
    var statuses: Map<String, String> = emptyMap(),
    var planned: Int = 0,
    var finished: Int = 0,
)
