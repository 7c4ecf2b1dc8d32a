package io.ambientretail.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The base of the SDK's unchecked exceptions: every one carries a stable {@link ErrorCode} that
 * callers, logs and REST problem documents can rely on.
 *
 * <p>Unchecked exceptions report caller mistakes and invalid input; device and transport failures
 * are {@link java.io.IOException}s and cryptographic failures are {@link
 * java.security.GeneralSecurityException}s. Messages never contain card numbers or other secrets.
 */
public class AmbientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** Creates an exception with a code and a message that says what was wrong and where. */
  public AmbientException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /** Creates an exception with a code, a message and the underlying cause. */
  public AmbientException(ErrorCode code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable code of this error. */
  public ErrorCode code() {
    return code;
  }
}
