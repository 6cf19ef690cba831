package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adagio.DagRun;
import dev.adagio.Retry;
import dev.adagio.java.Dags;
import dev.adagio.java.JavaDag;
import dev.adagio.java.JavaDagBuilder;
import dev.adagio.java.NodeOptions;
import dev.adagio.test.AdagioTestExtension;
import dev.adagio.test.RunAssertions;
import dev.adagio.test.VirtualTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's Java test: a retried step whose backoff passes in virtual time. */
@ExtendWith(AdagioTestExtension.class)
class QuickStartTest {
  @Test
  void theRetryWaitsItsBackoffInVirtualTime(VirtualTime time) {
    AtomicInteger calls = new AtomicInteger();
    JavaDagBuilder<Void> b = Dags.builder("retried");
    JavaDag<Void, String> dag =
        b.build(
            b.with(NodeOptions.defaults().withRetry(Retry.fixed(2, Duration.ofMinutes(5))))
                .step(
                    "greet",
                    () -> {
                      if (calls.incrementAndGet() < 2) {
                        throw new IllegalStateException("not yet");
                      }
                      return "Hello, Ada!";
                    }));
    DagRun<String> run = time.await(dag.run(null, time.options()));
    RunAssertions.shouldHaveSucceeded(run);
    assertEquals("Hello, Ada!", run.getOutput());
    assertEquals(Duration.ofMinutes(5), run.makespan());
  }
}
