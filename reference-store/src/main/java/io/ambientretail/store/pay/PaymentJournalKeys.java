package io.ambientretail.store.pay;

/** The idempotency keys the store uses per session, so a retry reuses the same key. */
public final class PaymentJournalKeys {
  private PaymentJournalKeys() {}

  /** The entry hold of a session. */
  public static String authorize(String sessionId) {
    return "auth:" + sessionId;
  }

  /** The capture at exit. */
  public static String capture(String sessionId) {
    return "capture:" + sessionId;
  }

  /** The kiosk sale. */
  public static String sale(String sessionId) {
    return "sale:" + sessionId;
  }

  /** The release of an unused hold. */
  public static String voidAuth(String sessionId) {
    return "void:" + sessionId;
  }

  /** A refund. */
  public static String refund(String refundId) {
    return "refund:" + refundId;
  }
}
