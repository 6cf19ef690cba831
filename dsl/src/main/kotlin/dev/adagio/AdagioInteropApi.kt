package dev.adagio

private const val INTEROP_MESSAGE: String =
    "This entry is for callers outside Kotlin coroutines (the Java facade); Kotlin code has a DSL form for it."

/**
 * Marks the entries that exist for callers outside Kotlin coroutines (the Java facade, and code that
 * builds graphs without the DSL): `CompletionStage` and `Executor` bodies, `CompletableFuture` runs,
 * `java.util.function` and `java.time` parameters, `Flow.Publisher` sources and results.
 *
 * Kotlin code has the DSL for each of them (suspend bodies, `blockingNode`, `run`, `Flow`,
 * `kotlin.time.Duration`), so using one of these from Kotlin is an error unless opted in with
 * `@OptIn(AdagioInteropApi::class)`. Java code is not affected: Java sees them as ordinary members.
 * This is the one seam between Kotlin and Java, as okhttp and kotlinx.coroutines draw theirs.
 */
@RequiresOptIn(level = RequiresOptIn.Level.ERROR, message = INTEROP_MESSAGE)
@Retention(AnnotationRetention.BINARY)
@Target(AnnotationTarget.CLASS, AnnotationTarget.FUNCTION, AnnotationTarget.PROPERTY, AnnotationTarget.CONSTRUCTOR)
@MustBeDocumented
public annotation class AdagioInteropApi
