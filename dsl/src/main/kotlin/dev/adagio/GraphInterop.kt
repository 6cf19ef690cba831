@file:JvmName("GraphInterop")

package dev.adagio

import dev.adagio.internal.StageInvoker
import dev.adagio.internal.StepInvoker
import dev.adagio.internal.awaitFor
import dev.adagio.internal.blockingDispatcherFor
import dev.adagio.internal.blockingElement
import dev.adagio.internal.dispatcherFor
import dev.adagio.internal.lambdaInvoker
import dev.adagio.internal.runBlockingBody
import java.util.concurrent.Executor

/*
 * The entries of a graph builder for callers outside Kotlin coroutines (the Java facade), apart from the
 * DSL: extensions behind the opt-in, so the Kotlin builder carries no Java plumbing. Java calls them as
 * `GraphInterop.stageNode(builder, …)`.
 */

/**
 * Adds a node whose [body] returns a `CompletionStage`: the entry for callers that cannot write
 * suspend lambdas, such as the Java facade.
 *
 * The node succeeds with the stage's value and fails with its exception, unwrapped from
 * `CompletionException`. A body that returns null fails the node with a message naming it. When the run
 * is cancelled, or another node fails first, the stage's `CompletableFuture` is cancelled.
 */
@AdagioInteropApi
public fun <I, R> GraphBuilder<I>.stageNode(
    name: String,
    inputs: List<Node<*>>,
    body: StageBody<I, R>,
): Node<R> {
    val indices = ownAll(inputs)
    @Suppress("UNCHECKED_CAST")
    return addInvoker(name, NodeKind.SUSPEND, indices, StageInvoker(body as StageBody<Any?, Any?>))
}

/**
 * Adds a node whose [body] returns its value at once, computed on the run's driver thread: the entry
 * for callers that cannot write suspend lambdas (the Java facade's `step`). No stage and no coroutine
 * is made for it. The body must not block.
 */
@AdagioInteropApi
public fun <I, R> GraphBuilder<I>.stepNode(
    name: String,
    inputs: List<Node<*>>,
    body: StepBody<I, R>,
): Node<R> {
    val indices = ownAll(inputs)
    @Suppress("UNCHECKED_CAST")
    return addInvoker(name, NodeKind.SUSPEND, indices, StepInvoker(body as StepBody<Any?, Any?>))
}

/**
 * Adds a node whose blocking [body] runs on [executor] (on [AdagioDispatchers.Blocking] when null): the entry for
 * callers that cannot write Kotlin lambdas, such as the Java facade. Cancelling the run interrupts the
 * thread that runs the body.
 */
@AdagioInteropApi
public fun <I, R> GraphBuilder<I>.executorNode(
    name: String,
    inputs: List<Node<*>>,
    executor: Executor?,
    body: BlockingBody<I, R>,
): Node<R> {
    val indices = ownAll(inputs)
    val dispatcher = blockingDispatcherFor(executor)
    return addLambda(name, NodeKind.BLOCKING, indices) {
        val context = context<I>()
        val values = dataInputs()
        runBlockingBody(dispatcher, this) { body.call(context, values) }
    }
}

/**
 * Runs [node]'s body on [executor], dispatched instead of inline on the run's driver (on
 * `Dispatchers.Default` when null): `dispatched` for callers outside Kotlin, such as the Java facade.
 */
@AdagioInteropApi
public fun <I, T> GraphBuilder<I>.dispatchedOn(
    node: Node<T>,
    executor: Executor?,
): Node<T> = node.dispatched(dispatcherFor(executor))

/**
 * Adds a map whose elements' [body] returns a `CompletionStage` of the element's value, given the
 * element's item as its one input (see the Kotlin `map`); when [collect], the map's value is every
 * element's outcome (`mapOutcomes`), else their values.
 */
@AdagioInteropApi
public fun <I, T, R> GraphBuilder<I>.stageMap(
    name: String,
    list: Node<List<T>>,
    collect: Boolean,
    body: StageBody<I, R>,
): Node<List<*>> =
    addMap(
        name,
        list,
        NodeKind.SUSPEND,
        collect,
        lambdaInvoker { body.start(context(), listOf(item())).awaitFor(nodeName) },
    )

/**
 * Adds a map whose elements' blocking [body] runs on [executor] ([AdagioDispatchers.Blocking] when
 * null), given the element's item as its one input; see the Kotlin `blockingMap`.
 */
@AdagioInteropApi
public fun <I, T, R> GraphBuilder<I>.executorMap(
    name: String,
    list: Node<List<T>>,
    executor: Executor?,
    body: BlockingBody<I, R>,
): Node<List<R>> {
    val dispatcher = blockingDispatcherFor(executor)
    return addMap(
        name,
        list,
        NodeKind.BLOCKING,
        false,
        blockingElement<I>(dispatcher) { context, item -> body.call(context, listOf(item)) },
    )
}
