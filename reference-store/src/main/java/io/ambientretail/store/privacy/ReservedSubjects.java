package io.ambientretail.store.privacy;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;
import java.util.Set;

/**
 * The values the store writes where a shopper reference would be, which name no shopper: {@code
 * erased} (the records of every erased shopper, unlinked by a delete request) and {@code kiosk}
 * (kiosk visits, which have no shopper). They are not subjects: no shopper token is issued for
 * them, no token resolves to them, and no data-subject request is taken for them.
 */
public final class ReservedSubjects {
  /** What a delete request leaves in place of the shopper reference. */
  public static final String ERASED = "erased";

  /** The shopper reference of a kiosk visit. */
  public static final String KIOSK = "kiosk";

  /** Error code of a request that names a reserved value as a shopper (HTTP 400). */
  public static final ErrorCode CODE = ErrorCode.of("STORE_SUBJECT_RESERVED");

  private static final Set<String> RESERVED = Set.of(ERASED, KIOSK);

  private ReservedSubjects() {}

  /** True when {@code shopperRef} is one of the reserved values (compared ignoring case). */
  public static boolean isReserved(String shopperRef) {
    return RESERVED.contains(shopperRef.strip().toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Returns {@code shopperRef}, or refuses a reserved value.
   *
   * @param field the request field it came from, named in the message
   * @throws AmbientException with {@link #CODE}
   */
  public static String requireSubject(String field, String shopperRef) {
    if (isReserved(shopperRef)) {
      throw new AmbientException(
          CODE,
          field
              + ": '"
              + shopperRef
              + "' is reserved by the store and names no shopper (erased or kiosk records)");
    }
    return shopperRef;
  }
}
