package dev.adagio.live

import dev.adagio.AdagioDsl
import dev.adagio.NodeScope
import dev.adagio.internal.NodeTask
import kotlin.coroutines.CoroutineContext

/**
 * The receiver of a live node's body: its [NodeScope], plus the live graph it belongs to, for declaring
 * further nodes while it runs.
 */
@AdagioDsl
public class LiveNodeScope internal constructor(
    internal val task: NodeTask,
    /** The live graph this node belongs to: `live.node(...)` starts another node. */
    public val live: LiveScope,
) : NodeScope<Unit> {
    override val coroutineContext: CoroutineContext get() = task
    override val nodeName: String get() = task.nodeName
    override val runInput: Unit get() = Unit
    override val attempt: Int get() = task.attemptNumber
}
