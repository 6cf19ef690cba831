package dev.adagio.internal

import dev.adagio.StageBody
import dev.adagio.StepBody
import dev.adagio.context
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn

/**
 * Starts a node's body with its typed inputs. One per node, made once when the graph is built.
 *
 * A typed body is a suspend lambda taking the node's scope and its inputs. A suspend lambda compiled by
 * Kotlin is itself a continuation and may be invoked directly with any completion (the standard library
 * starts coroutines the same way), so the invokers pass the inputs straight to it: no wrapper coroutine
 * per run. Any other suspend function (a function reference, say) is wrapped, once, in a lambda.
 *
 * The body is cast to its `FunctionN` type once, here: a cast to a Kotlin function type checks the
 * arity through `TypeIntrinsics` at every execution, which on JDK 17 cost a third of a no-op node's time
 * when it was made at each node's start.
 */
internal abstract class Invoker {
    /** Starts the body for [task] with [completion]; returns its value, or `COROUTINE_SUSPENDED`. */
    abstract fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any?

    /** Whether the body frames each attempt for the run's interceptors itself (a policy body, which makes several). */
    open val framesAttempts: Boolean get() = false

    /** Runs the body as a suspend call, for policies that run it more than once. */
    suspend fun call(task: NodeTask): Any? = suspendCoroutineUninterceptedOrReturn { start(task, it) }
}

private typealias Start0 = Function2<Any?, Continuation<Any?>, Any?>
private typealias Start1 = Function3<Any?, Any?, Continuation<Any?>, Any?>
private typealias Start2 = Function4<Any?, Any?, Any?, Continuation<Any?>, Any?>
private typealias Start3 = Function5<Any?, Any?, Any?, Any?, Continuation<Any?>, Any?>
private typealias Start4 = Function6<Any?, Any?, Any?, Any?, Any?, Continuation<Any?>, Any?>

/** A body with no typed inputs (or one already adapted to the task). */
@Suppress("UNCHECKED_CAST")
internal fun lambdaInvoker(body: suspend NodeTask.() -> Any?): Invoker = LambdaInvoker(direct(body), false)

/** A body that frames each of its attempts for the run's interceptors itself ([Invoker.framesAttempts]). */
internal fun attemptsInvoker(body: suspend NodeTask.() -> Any?): Invoker = LambdaInvoker(direct(body), true)

@Suppress("UNCHECKED_CAST")
private fun direct(body: suspend NodeTask.() -> Any?): Start0 {
    val direct: suspend NodeTask.() -> Any? = if (body is Continuation<*>) body else ({ body(this) })
    return direct as Start0
}

@Suppress("UNCHECKED_CAST")
internal fun invoker1(
    body: suspend Any?.(Any?) -> Any?,
    a: Int,
): Invoker = if (body is Continuation<*>) Invoker1(body as Start1, a) else lambdaInvoker { body(this, input(a)) }

@Suppress("UNCHECKED_CAST")
internal fun invoker2(
    body: suspend Any?.(Any?, Any?) -> Any?,
    a: Int,
    b: Int,
): Invoker = if (body is Continuation<*>) Invoker2(body as Start2, a, b) else lambdaInvoker { body(this, input(a), input(b)) }

@Suppress("UNCHECKED_CAST")
internal fun invoker3(
    body: suspend Any?.(Any?, Any?, Any?) -> Any?,
    a: Int,
    b: Int,
    c: Int,
): Invoker =
    if (body is Continuation<*>) {
        Invoker3(body as Start3, a, b, c)
    } else {
        lambdaInvoker { body(this, input(a), input(b), input(c)) }
    }

@Suppress("UNCHECKED_CAST")
internal fun invoker4(
    body: suspend Any?.(Any?, Any?, Any?, Any?) -> Any?,
    a: Int,
    b: Int,
    c: Int,
    d: Int,
): Invoker =
    if (body is Continuation<*>) {
        Invoker4(body as Start4, a, b, c, d)
    } else {
        lambdaInvoker { body(this, input(a), input(b), input(c), input(d)) }
    }

/** A body taking a list of inputs of one type (fan-in). */
@Suppress("UNCHECKED_CAST")
internal fun listInvoker(body: suspend Any?.(List<Any?>) -> Any?): Invoker =
    if (body is Continuation<*>) ListInvoker(body as Start1) else lambdaInvoker { body(this, dataInputs()) }

private class LambdaInvoker(
    private val body: Start0,
    override val framesAttempts: Boolean,
) : Invoker() {
    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? = body.invoke(task, completion)
}

private class Invoker1(
    private val body: Start1,
    private val a: Int,
) : Invoker() {
    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? = body.invoke(task, task.input(a), completion)
}

private class Invoker2(
    private val body: Start2,
    private val a: Int,
    private val b: Int,
) : Invoker() {
    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? = body.invoke(task, task.input(a), task.input(b), completion)
}

private class Invoker3(
    private val body: Start3,
    private val a: Int,
    private val b: Int,
    private val c: Int,
) : Invoker() {
    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? = body.invoke(task, task.input(a), task.input(b), task.input(c), completion)
}

private class Invoker4(
    private val body: Start4,
    private val a: Int,
    private val b: Int,
    private val c: Int,
    private val d: Int,
) : Invoker() {
    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? = body.invoke(task, task.input(a), task.input(b), task.input(c), task.input(d), completion)
}

private class ListInvoker(
    private val body: Start1,
) : Invoker() {
    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? = body.invoke(task, task.dataInputs(), completion)
}

/**
 * A Java body that returns a stage: a stage already complete with a value is read at once, with no
 * coroutine made; any other (pending, failed, or null) is awaited by a coroutine as `awaitFor` says.
 */
@Suppress("UNCHECKED_CAST")
internal class StageInvoker(
    private val body: StageBody<Any?, Any?>,
) : Invoker() {
    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? {
        val stage = body.start(task.context(), task.dataInputs())
        if (completedValue(stage)) return (stage as CompletableFuture<*>).getNow(null)
        return awaitStage.invoke(task, stage, completion)
    }

    private companion object {
        private val await: suspend NodeTask.(CompletionStage<*>?) -> Any? = { stage -> stage.awaitFor(nodeName) }
        val awaitStage = await as Start1
    }
}

/** A Java body that returns its value: called on the driver's thread, no coroutine made. */
internal class StepInvoker(
    private val body: StepBody<Any?, Any?>,
) : Invoker() {
    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? = body.compute(task.context(), task.dataInputs())
}

/**
 * Plain data inputs read from the run's values as the body asks for them, through the graph's own
 * dependency array: one small object per node and nothing kept per node in the definition. A value, once
 * set, never changes within a run, so the view may outlive the body.
 */
internal class InputView(
    private val values: Array<Any?>,
    private val deps: IntArray,
    private val from: Int,
    override val size: Int,
) : AbstractList<Any?>(),
    RandomAccess {
    override fun get(index: Int): Any? {
        if (index < 0 || index >= size) throw IndexOutOfBoundsException("Index $index out of bounds for $size inputs")
        return values[deps[from + index]]
    }
}

/** Data inputs copied once, optional ones as their outcomes (a [dev.adagio.OptionalInput]). */
internal class InputList(
    private val items: Array<Any?>,
) : AbstractList<Any?>(),
    RandomAccess {
    override val size: Int get() = items.size

    override fun get(index: Int): Any? = items[index]
}
