package dev.adagio.annotated

/**
 * Marks a public method as a node of the graph [AnnotatedDags] builds from its class (dagio's model).
 *
 * The node's inputs are the method's parameters: each takes the value of the node named by its
 * [From] annotation, or by its own name when the class is compiled with `-parameters` (Java) or
 * `-java-parameters` (Kotlin). What the node does follows from the signature: a Kotlin `suspend`
 * function is a suspending node; a method returning `CompletionStage<T>` is an asynchronous node; a
 * `void` method is an order-only node (others wait for it with [after], and cannot take its value);
 * any other method is a blocking node, run on the executor given to the builder.
 *
 * @property name the node's name; the method's name when empty.
 * @property after nodes this one waits for without taking their values.
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class DagNode(
    val name: String = "",
    val after: Array<String> = [],
)

/** Names the node whose value a parameter takes. */
@Target(AnnotationTarget.VALUE_PARAMETER)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class From(
    /** The name of the node. */
    val value: String,
)

/** Limits each attempt of the node to [millis] milliseconds (see `Node.timeout`). */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class Timeout(
    /** The limit per attempt, in milliseconds. */
    val millis: Long,
)

/**
 * Retries the node: at most [attempts] attempts, [delayMillis] apart, the delay multiplied by [factor]
 * after each (1 for a fixed delay), up to [maxDelayMillis] (see `Retry`).
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class Retried(
    /** The most attempts, the first included. */
    val attempts: Int,
    /** The delay before the second attempt, in milliseconds. */
    val delayMillis: Long = 0,
    /** What each delay is multiplied by for the next (1 for a fixed delay). */
    val factor: Double = 1.0,
    /** The longest delay, in milliseconds. */
    val maxDelayMillis: Long = 30_000,
)

/**
 * Runs the node's body on `Dispatchers.Default`, dispatched instead of inline on the run's driver: the
 * switch for CPU-bound methods (see `Node.dispatched`).
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class Dispatched

/** Runs the node only while it holds a permit of the pool of that name, given to the builder. */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class InPool(
    /** The pool's name. */
    val value: String,
)

/** The node's weight for critical-path priority (see `Node.weight`). */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class Weight(
    /** The node's estimated cost, at least 1. */
    val value: Long,
)

/**
 * Turns the node's failure into the value of the public method named [value] of the same class, which
 * takes the error (a `Throwable`) and returns a value of the node's type: `@Fallback("cachedPrice")`.
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class Fallback(
    /** The name of the method that turns the error into a value. */
    val value: String,
)
