package io.ambientretail.payments.terminal;

import java.util.List;

/** A nexo display request: text for one or more terminal displays. */
public record DisplayRequest(List<DisplayOutput> outputs) implements NexoRequest {
  /** Copies the list and checks it is not empty. */
  public DisplayRequest {
    outputs = List.copyOf(outputs);
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("a display request needs at least one output");
    }
  }

  @Override
  public MessageCategory category() {
    return MessageCategory.Display;
  }
}
