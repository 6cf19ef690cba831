package dev.adagio.internal

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import java.util.concurrent.Executor
import kotlin.coroutines.CoroutineContext

/** Where work started from outside coroutines (futures, publishers) runs: on [executor], or `Dispatchers.Default`. */
internal fun dispatcherFor(executor: Executor?): CoroutineContext = executor?.asCoroutineDispatcher() ?: Dispatchers.Default
