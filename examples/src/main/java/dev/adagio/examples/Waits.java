package dev.adagio.examples;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where the Java examples' stages wait: {@link #REAL} is {@code CompletableFuture.delayedExecutor};
 * tests pass the test kit's {@code VirtualTime::delayedExecutor} (as milliseconds) so the same
 * graphs run in exact virtual time.
 */
@FunctionalInterface
public interface Waits {
  /** Real time. */
  Waits REAL = millis -> CompletableFuture.delayedExecutor(millis, MILLISECONDS);

  /** An executor that runs its tasks {@code millis} from now. */
  Executor after(long millis);
}
