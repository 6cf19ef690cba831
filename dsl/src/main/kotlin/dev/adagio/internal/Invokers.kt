package dev.adagio.internal

import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn

/**
 * Starts a node's body with its typed inputs. One per node, made once when the graph is built.
 *
 * A typed body is a suspend lambda taking the node's scope and its inputs. A suspend lambda compiled by
 * Kotlin is itself a continuation and may be invoked directly with any completion (the standard library
 * starts coroutines the same way), so the typed invokers pass the inputs straight to it: no wrapper
 * coroutine per run. Any other suspend function (a function reference, say) goes through a wrapper
 * lambda, which the standard library starts properly.
 */
internal abstract class Invoker {
    /** Starts the body for [task] with [completion]; returns its value, or `COROUTINE_SUSPENDED`. */
    abstract fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any?

    /** Runs the body as a suspend call, for policies that run it more than once. */
    suspend fun call(task: NodeTask): Any? = suspendCoroutineUninterceptedOrReturn { start(task, it) }
}

/** A body with no typed inputs (or one already adapted to the task). */
internal class LambdaInvoker(
    private val body: suspend NodeTask.() -> Any?,
) : Invoker() {
    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? = body.startCoroutineUninterceptedOrReturn(task, completion)
}

@Suppress("UNCHECKED_CAST")
internal class Invoker1(
    private val body: suspend Any?.(Any?) -> Any?,
    private val a: Int,
) : Invoker() {
    private val direct = body is Continuation<*>
    private val fallback = LambdaInvoker { body(this, input(a)) }

    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? =
        if (direct) {
            (body as Function3<Any?, Any?, Continuation<Any?>, Any?>).invoke(task, task.input(a), completion)
        } else {
            fallback.start(task, completion)
        }
}

@Suppress("UNCHECKED_CAST")
internal class Invoker2(
    private val body: suspend Any?.(Any?, Any?) -> Any?,
    private val a: Int,
    private val b: Int,
) : Invoker() {
    private val direct = body is Continuation<*>
    private val fallback = LambdaInvoker { body(this, input(a), input(b)) }

    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? =
        if (direct) {
            (body as Function4<Any?, Any?, Any?, Continuation<Any?>, Any?>).invoke(task, task.input(a), task.input(b), completion)
        } else {
            fallback.start(task, completion)
        }
}

@Suppress("UNCHECKED_CAST")
internal class Invoker3(
    private val body: suspend Any?.(Any?, Any?, Any?) -> Any?,
    private val a: Int,
    private val b: Int,
    private val c: Int,
) : Invoker() {
    private val direct = body is Continuation<*>
    private val fallback = LambdaInvoker { body(this, input(a), input(b), input(c)) }

    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? =
        if (direct) {
            (body as Function5<Any?, Any?, Any?, Any?, Continuation<Any?>, Any?>)
                .invoke(task, task.input(a), task.input(b), task.input(c), completion)
        } else {
            fallback.start(task, completion)
        }
}

@Suppress("UNCHECKED_CAST")
internal class Invoker4(
    private val body: suspend Any?.(Any?, Any?, Any?, Any?) -> Any?,
    private val a: Int,
    private val b: Int,
    private val c: Int,
    private val d: Int,
) : Invoker() {
    private val direct = body is Continuation<*>
    private val fallback = LambdaInvoker { body(this, input(a), input(b), input(c), input(d)) }

    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? =
        if (direct) {
            (body as Function6<Any?, Any?, Any?, Any?, Any?, Continuation<Any?>, Any?>)
                .invoke(task, task.input(a), task.input(b), task.input(c), task.input(d), completion)
        } else {
            fallback.start(task, completion)
        }
}

/** A body taking a list of inputs of one type (fan-in). */
@Suppress("UNCHECKED_CAST")
internal class ListInvoker(
    private val body: suspend Any?.(List<Any?>) -> Any?,
    private val inputs: IntArray,
) : Invoker() {
    private val direct = body is Continuation<*>
    private val fallback = LambdaInvoker { body(this, values(this)) }

    private fun values(task: NodeTask): List<Any?> = InputList(task, inputs)

    override fun start(
        task: NodeTask,
        completion: Continuation<Any?>,
    ): Any? =
        if (direct) {
            (body as Function3<Any?, Any?, Continuation<Any?>, Any?>).invoke(task, values(task), completion)
        } else {
            fallback.start(task, completion)
        }
}

/**
 * A node's inputs as a read-only list, copied once from the run's values: one array and one small object,
 * instead of a growable list.
 */
internal class InputList(
    task: NodeTask,
    inputs: IntArray,
) : AbstractList<Any?>(),
    RandomAccess {
    private val items = arrayOfNulls<Any?>(inputs.size).also { for (k in inputs.indices) it[k] = task.input(inputs[k]) }

    override val size: Int get() = items.size

    override fun get(index: Int): Any? = items[index]
}
