package io.ambientretail.payments.terminal;

import java.util.Objects;

/**
 * The nexo {@code ServiceID} of one request: 1 to 10 letters or digits, unique per sale system
 * among its open requests. The caller chooses it (and can journal it before sending), so that a
 * request whose answer never came can be looked up with {@link PaymentTerminal#status} or aborted.
 */
public record ServiceId(String value) {
  /** Checks the value is 1 to 10 ASCII letters or digits. */
  public ServiceId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 10) {
      throw new IllegalArgumentException("a ServiceID has 1 to 10 characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        throw new IllegalArgumentException("a ServiceID has only ASCII letters and digits");
      }
    }
  }

  /** Parses a service id. */
  public static ServiceId of(String value) {
    return new ServiceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
