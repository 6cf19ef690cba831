package dev.adagio.java.contract;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adagio.NodeFailedException;
import dev.adagio.stream.StreamFailedException;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every graph kind keeps, through the Java facade: a stage's failure, whatever it is,
 * is its node's failure, reported with the node's name and the exception itself; cancelling the
 * future stops every kind at once.
 */
class ContractJavaTest {
  private static final int RUNS = 100 * Integer.getInteger("adagio.stress", 1);

  /** An exception whose message and string form throw. */
  static final class HostileException extends RuntimeException {
    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage throws");
    }

    @Override
    public String toString() {
      throw new IllegalStateException("toString throws");
    }
  }

  /** The node and cause a failed run reports, from the future's failure. */
  private static Throwable failureOf(JavaKinds kind, Supplier<CompletionStage<Integer>> work)
      throws Exception {
    AtomicBoolean nextRan = new AtomicBoolean();
    CompletableFuture<?> run = kind.runWork(work, () -> nextRan.set(true));
    ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(10, SECONDS));
    assertFalse(nextRan.get(), "the failed node's dependent never starts");
    Throwable failure = e.getCause();
    String node;
    if (failure instanceof NodeFailedException nodeFailed) {
      node = nodeFailed.getNodeName();
    } else {
      node = assertInstanceOf(StreamFailedException.class, failure).getNodeName();
    }
    assertEquals("work", node);
    assertTrue(failure.getMessage().contains("'work'"), failure.getMessage());
    return failure.getCause();
  }

  @ParameterizedTest
  @EnumSource(JavaKinds.class)
  void aFailedStage_failsItsNodeWithTheExceptionItself(JavaKinds kind) throws Exception {
    IOException boom = new IOException("boom");
    assertSame(boom, failureOf(kind, () -> CompletableFuture.failedFuture(boom)));
  }

  @ParameterizedTest
  @EnumSource(JavaKinds.class)
  void aCancelledStage_failsItsNode_neverASilentSuccessOrAHang(JavaKinds kind) throws Exception {
    Throwable cause =
        failureOf(
            kind,
            () -> {
              CompletableFuture<Integer> cancelled = new CompletableFuture<>();
              cancelled.cancel(false);
              return cancelled;
            });
    assertInstanceOf(CancellationException.class, cause);
  }

  @ParameterizedTest
  @EnumSource(JavaKinds.class)
  void aBodyThatThrows_failsItsNode(JavaKinds kind) throws Exception {
    IllegalStateException boom = new IllegalStateException("thrown");
    assertSame(
        boom,
        failureOf(
            kind,
            () -> {
              throw boom;
            }));
  }

  @ParameterizedTest
  @EnumSource(JavaKinds.class)
  void aHostileException_isReportedAsTheNodesFailure(JavaKinds kind) throws Exception {
    HostileException hostile = new HostileException();
    assertSame(hostile, failureOf(kind, () -> CompletableFuture.failedFuture(hostile)));
  }

  @ParameterizedTest
  @EnumSource(JavaKinds.class)
  void cancellingTheFuture_startsNoFurtherBody_andLeavesNoneRunning(JavaKinds kind)
      throws Exception {
    cancelAtRandomMoments(kind, false);
  }

  @ParameterizedTest
  @EnumSource(JavaKinds.class)
  void cancellingTheFuture_cancelsPendingStagesAtOnce(JavaKinds kind) throws Exception {
    cancelAtRandomMoments(kind, true);
  }

  /**
   * Cancels runs of {@code kind}'s wide graph at random moments: bodies that complete their stage
   * inline (busy for a while), or return a stage completed a few milliseconds later. No body may
   * start after the cancel (one may pass its check just before it), and none may still run.
   */
  private static void cancelAtRandomMoments(JavaKinds kind, boolean pending) throws Exception {
    Random random = new Random(17);
    long spinNanos = 10_000_000L / kind.wideSize();
    long worst = 0;
    // Removes a cancelled stage's tick at once, so cancelled runs leave nothing queued behind them.
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    timer.setRemoveOnCancelPolicy(true);
    try {
      worst = cancelAtRandomMoments(kind, pending, random, spinNanos, timer);
    } finally {
      timer.shutdownNow();
    }
    System.out.printf(
        "%s (Java, %s): cancellation latency, worst of %d runs: %.2f ms%n",
        kind, pending ? "pending stages" : "inline stages", RUNS, worst / 1e6);
    assertTrue(worst < 250_000_000L, "cancellation took " + worst / 1_000_000 + " ms");
  }

  private static long cancelAtRandomMoments(
      JavaKinds kind,
      boolean pending,
      Random random,
      long spinNanos,
      ScheduledThreadPoolExecutor timer)
      throws InterruptedException {
    long worst = 0;
    for (int run = 0; run < RUNS; run++) {
      AtomicInteger running = new AtomicInteger();
      AtomicInteger starts = new AtomicInteger();
      AtomicLong lastEnd = new AtomicLong();
      AtomicBoolean cancelled = new AtomicBoolean();
      AtomicInteger late = new AtomicInteger();
      long pause = 1 + random.nextInt(4);
      CompletableFuture<?> future =
          kind.runWide(
              () -> {
                running.incrementAndGet();
                starts.incrementAndGet();
                if (cancelled.get()) {
                  late.incrementAndGet();
                }
                if (pending) {
                  CompletableFuture<Integer> later = new CompletableFuture<>();
                  ScheduledFuture<?> tick =
                      timer.schedule(() -> later.complete(1), pause, MILLISECONDS);
                  later.whenComplete(
                      (v, e) -> {
                        tick.cancel(false);
                        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                        running.decrementAndGet();
                      });
                  return later;
                }
                long end = System.nanoTime() + spinNanos;
                while (System.nanoTime() < end) {
                  Thread.onSpinWait();
                }
                lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                running.decrementAndGet();
                return completedFuture(1);
              });
      long wait = System.nanoTime() + random.nextInt(8_000_000);
      while (System.nanoTime() < wait) {
        Thread.onSpinWait();
      }
      future.cancel(true);
      long cancelledAt = System.nanoTime();
      cancelled.set(true);
      // The future's cancel returns at once and the run winds down behind it: wait until no body
      // has
      // run for a quiet while (a body that passed its check just before the cancel may start after
      // it).
      long deadline = cancelledAt + SECONDS.toNanos(10);
      int seen;
      do {
        while (running.get() > 0 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        seen = starts.get();
        Thread.sleep(10);
      } while ((running.get() > 0 || starts.get() != seen) && System.nanoTime() < deadline);
      worst = Math.max(worst, Math.max(0, lastEnd.get() - cancelledAt));
      assertEquals(0, running.get(), "no body runs after the cancel");
      assertTrue(late.get() <= 1, late.get() + " bodies started after the cancel");
    }
    return worst;
  }
}
