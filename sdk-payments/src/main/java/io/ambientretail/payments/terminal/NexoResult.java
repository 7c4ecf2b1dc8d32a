package io.ambientretail.payments.terminal;

/** The nexo {@code Response.Result} of any response. */
public enum NexoResult {
  /** Done as asked. */
  Success,
  /** Not done; {@link ResponseStatus#errorCondition()} says why. */
  Failure,
  /** Partly done (a partial approval). */
  Partial
}
