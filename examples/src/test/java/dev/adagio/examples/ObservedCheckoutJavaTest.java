package dev.adagio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The observability example: its spans and timers, as the modules make them. */
class ObservedCheckoutJavaTest {
  @Test
  void spansPerRunAndAttempt_timersPerNodeAndStatus() throws Exception {
    ObservedCheckoutJava.Observed observed = ObservedCheckoutJava.run();
    assertEquals("order-7 costs 42", observed.run().getOutput());
    assertEquals(
        List.of(
            "observed-checkout (parent -, UNSET)",
            "order (parent observed-checkout, UNSET)",
            "quote (parent observed-checkout, ERROR)",
            "quote (parent observed-checkout, ERROR)",
            "quote (parent observed-checkout, UNSET)",
            "receipt (parent observed-checkout, UNSET)"),
        observed.spans());
    assertEquals(
        List.of(
            "adagio.node{node=order, status=SUCCEEDED} count 1",
            "adagio.node{node=quote, status=FAILED} count 2",
            "adagio.node{node=quote, status=SUCCEEDED} count 1",
            "adagio.node{node=receipt, status=SUCCEEDED} count 1"),
        observed.timers());
    assertEquals(1, observed.bodiesSaw().size());
    assertTrue(
        observed.bodiesSaw().get(0).matches("order sees span [0-9a-f]{16}"),
        observed.bodiesSaw().get(0));
  }
}
