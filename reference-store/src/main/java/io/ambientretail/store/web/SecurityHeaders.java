package io.ambientretail.store.web;

import io.javalin.http.Context;

/**
 * The security headers on every answer: {@code X-Content-Type-Options: nosniff}, frame protection
 * ({@code X-Frame-Options: DENY} and CSP {@code frame-ancestors 'none'}), {@code Referrer-Policy:
 * no-referrer}; under {@code /api/} also {@code Cache-Control: no-store} (answers carry personal
 * and payment data) and a CSP that loads nothing but the printable receipt's own styles; for the
 * dashboard a CSP that allows only the store's own scripts, styles and connections.
 */
final class SecurityHeaders {
  /**
   * The dashboard's policy: its own modules, styles and API; inline styles for bars and receipts.
   */
  static final String DASHBOARD_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'none'; frame-ancestors 'none'";

  /** The API's policy: JSON loads nothing; the printable receipt only its inline styles. */
  static final String API_CSP =
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void apply(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    if (ctx.path().startsWith("/api/")) {
      ctx.header("Cache-Control", "no-store");
      ctx.header("Content-Security-Policy", API_CSP);
    } else {
      ctx.header("Content-Security-Policy", DASHBOARD_CSP);
    }
  }
}
