package dev.adagio.examples;

import dev.adagio.annotated.DagNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A graph declared as annotated Java methods: {@code quantity} blocks, {@code unitPrice} returns a
 * stage, {@code total} takes both by parameter name (this module compiles with {@code
 * -parameters}), {@code audit} returns nothing and {@code total} waits for it. Build it with {@code
 * Dags.annotated(new AnnotatedInvoiceJava(), Integer.class)}.
 */
public final class AnnotatedInvoiceJava {
  volatile boolean audited;

  @DagNode
  public int quantity() {
    return 3;
  }

  @DagNode
  public CompletionStage<Integer> unitPrice() {
    return CompletableFuture.supplyAsync(() -> 25);
  }

  @DagNode
  public void audit() {
    audited = true;
  }

  @DagNode(after = "audit")
  public int total(int quantity, Integer unitPrice) {
    if (!audited) {
      throw new IllegalStateException("total ran before audit");
    }
    return quantity * unitPrice;
  }
}
