/**
 * Adagio for Java: graphs of asynchronous work through {@code CompletionStage}, {@code Executor}
 * and {@code java.util.function}.
 *
 * <p>Start at {@link dev.adagio.java.Dags}. The graphs built here are the same {@link
 * dev.adagio.Dag} values the Kotlin DSL builds, run by the same engine: either side can run,
 * inspect and export the other's graphs.
 */
package dev.adagio.java;
