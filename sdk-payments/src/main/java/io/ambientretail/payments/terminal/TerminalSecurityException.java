package io.ambientretail.payments.terminal;

import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * Thrown when an encrypted answer from the terminal fails its checks: another key or key version, a
 * body that does not decrypt, or an HMAC that does not match. The answer is never taken as an
 * approval; as the request was delivered, resolve its outcome with {@link PaymentTerminal#status}.
 * The cause is the {@link GeneralSecurityException}.
 */
public final class TerminalSecurityException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public TerminalSecurityException(String message, GeneralSecurityException cause) {
    super(message, cause);
  }
}
