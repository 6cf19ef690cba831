package dev.adagio.live

import dev.adagio.AdagioDsl
import dev.adagio.NodeScope
import dev.adagio.internal.Attempts
import kotlinx.coroutines.CoroutineScope
import kotlin.coroutines.CoroutineContext

/**
 * The receiver of a live node's body: its [NodeScope], plus the live graph it belongs to, for declaring
 * further nodes while it runs.
 */
@AdagioDsl
public class LiveNodeScope internal constructor(
    scope: CoroutineScope,
    override val nodeName: String,
    private val attempts: Attempts,
    state: LiveState,
) : NodeScope<Unit> {
    /** The live graph this node belongs to: `live.node(...)` starts another node. */
    public val live: LiveScope = LiveScope(state, LiveOptions.NONE)

    override val coroutineContext: CoroutineContext = scope.coroutineContext
    override val runInput: Unit get() = Unit
    override val attempt: Int get() = attempts.attemptNumber
}
