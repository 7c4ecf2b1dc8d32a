package io.ambientretail.devices;

/**
 * How deep {@link Device#checkHealth(HealthCheckLevel, java.time.Duration)} looks, as the
 * UnifiedPOS {@code checkHealth} levels.
 */
public enum HealthCheckLevel {
  /** From what the SDK knows, without talking to the device: claimed, connected, answering. */
  INTERNAL,
  /** Sends the device a harmless command (a status or identity query) and waits for its answer. */
  EXTERNAL,
  /**
   * Needs a person at the device (scan a test code, put a weight on); no driver of the SDK offers
   * it, so it reports itself unsupported.
   */
  INTERACTIVE
}
