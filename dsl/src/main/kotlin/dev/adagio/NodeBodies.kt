package dev.adagio

import java.util.concurrent.CompletionStage

/**
 * A node body for callers that cannot write suspend lambdas (Java): starts the node's work and returns
 * a stage of its value. Used by [stageNode].
 *
 * The stage must not be null. When the run is cancelled, or another node fails first, the stage's
 * `CompletableFuture` is cancelled.
 */
@AdagioInteropApi
public fun interface StageBody<in I, out R> {
    /**
     * Starts the work for one run; [inputs] are the data inputs' values, in the order they were declared.
     * Whatever it throws, checked exceptions included, fails the node, as a failed stage does.
     */
    @Throws(Exception::class)
    public fun start(
        context: NodeContext<I>,
        inputs: List<Any?>,
    ): CompletionStage<out R>?
}

/**
 * A blocking node body for callers that cannot write Kotlin lambdas with receivers (Java). Used by
 * [executorNode]. The calling thread is interrupted when the run is cancelled.
 */
@AdagioInteropApi
public fun interface BlockingBody<in I, out R> {
    /**
     * Does the work for one run; [inputs] are the data inputs' values, in the order they were declared.
     * Whatever it throws, checked exceptions included, fails the node.
     */
    @Throws(Exception::class)
    public fun call(
        context: NodeContext<I>,
        inputs: List<Any?>,
    ): R
}

/**
 * A cheap synchronous node body for callers that cannot write suspend lambdas (Java): returns the node's
 * value at once, on the run's driver thread. Used by [stepNode]. It must not block.
 */
@AdagioInteropApi
public fun interface StepBody<in I, out R> {
    /**
     * Computes the value for one run; [inputs] are the data inputs' values, in the order they were
     * declared. Whatever it throws, checked exceptions included, fails the node.
     */
    @Throws(Exception::class)
    public fun compute(
        context: NodeContext<I>,
        inputs: List<Any?>,
    ): R
}
