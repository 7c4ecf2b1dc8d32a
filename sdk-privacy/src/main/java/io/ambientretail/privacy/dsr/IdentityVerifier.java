package io.ambientretail.privacy.dsr;

import java.util.Optional;

/**
 * The hook that checks the requester is the data subject before anything is disclosed or deleted (a
 * signed-in app session, a loyalty card plus a receipt, a one-time code). Implementations may call
 * out to other systems; they must be thread-safe.
 */
@FunctionalInterface
public interface IdentityVerifier {
  /**
   * Returns empty when the requester is verified, or the reason they are not.
   *
   * @param request the request to verify
   */
  Optional<String> refusal(DsrRequest request);
}
