package dev.adagio.stream

import dev.adagio.AdagioDsl
import dev.adagio.AdagioInteropApi
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.future.future
import java.util.concurrent.CompletionStage

/** Hands items downstream; the receiver of source and stage bodies. */
@AdagioDsl
public interface Emitter<in T> {
    /** Sends [item] to every node downstream, waiting while any of their buffers is full. */
    @JvmSynthetic
    public suspend fun emit(item: T)
}

/** The receiver of a source body: an [Emitter] plus the arguments the run started this source with. */
@AdagioDsl
public interface SourceScope<in T> :
    Emitter<T>,
    CoroutineScope {
    /** The arguments given for this source in `run(start = …)`; empty when none were. */
    public val arguments: List<Any?>
}

/** Emits items from Java stage bodies: `emitter.emit(item)` returns a stage that completes once sent. */
@AdagioInteropApi
public fun interface JavaEmitter<T> {
    /** Sends [item] downstream; the stage completes once every downstream buffer took it (back-pressure). */
    public fun emit(item: T): CompletionStage<Void?>
}

/** A source body for Java: emits through the emitter, returns a stage that completes when it is done. */
@AdagioInteropApi
public fun interface SourceFunction<T> {
    /** Starts the source with its start [arguments]; the returned stage completes when it is done emitting. */
    public fun start(
        arguments: List<Any?>,
        emitter: JavaEmitter<T>,
    ): CompletionStage<*>?
}

/**
 * A blocking source body for Java: emits through its `emit` consumer on the calling (executor) thread, item by item;
 * `emit` waits while a downstream buffer is full (the back-pressure), and the source is done when the
 * body returns. No future to chain.
 */
@AdagioInteropApi
public fun interface BlockingSourceFunction<T> {
    /** Emits the source's items; [arguments] are its start arguments. Whatever it throws fails the source. */
    @Throws(Exception::class)
    public fun run(
        arguments: List<Any?>,
        emit: java.util.function.Consumer<in T>,
    )
}

/** A blocking stage body for Java: takes an item and emits through a `Consumer`; runs on an executor. */
@AdagioInteropApi
public fun interface BlockingStageFunction<A, R> {
    /** Processes [item] on the calling (executor) thread, emitting results through [emit]. */
    public fun apply(
        item: A,
        emit: java.util.function.Consumer<in R>,
    )
}

/** A stage body for Java: takes an item and an emitter, returns a stage that completes when it is done. */
@AdagioInteropApi
public fun interface StageFunction<A, R> {
    /** Processes [item], emitting through [emitter]; the returned stage completes when it is done. */
    public fun apply(
        item: A,
        emitter: JavaEmitter<R>,
    ): CompletionStage<*>?
}
