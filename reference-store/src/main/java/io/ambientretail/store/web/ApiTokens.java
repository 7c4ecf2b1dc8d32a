package io.ambientretail.store.web;

import io.ambientretail.privacy.AccessController;
import io.ambientretail.store.config.Role;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.privacy.AuditPseudonyms;
import io.ambientretail.store.privacy.ReservedSubjects;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens mapped to sdk-privacy roles: the configuration's tokens (given plainly for the demo or
 * as {@code sha256:<hex>}) and shopper tokens the store issues, kept only as SHA-256 hashes
 * (base64url). A presented token is hashed and looked up, so no token is compared character by
 * character. Each token's actor holds its role in the {@link AccessController} (configured tokens
 * from start-up, audited as {@code role.bootstrap}; shopper tokens granted by the issuing admin,
 * audited as {@code role.grant}). Thread-safe.
 */
public final class ApiTokens {
  private final Map<String, ApiPrincipal> byHash = new ConcurrentHashMap<>();
  private final Database db;
  private final AccessController access;
  private final AuditPseudonyms pseudonyms = new AuditPseudonyms();
  private final SecureRandom random = new SecureRandom();

  /** Tokens from the configuration and those issued earlier (in the database). */
  public ApiTokens(StoreConfig config, Database db, AccessController access) {
    this.db = db;
    this.access = access;
    int i = 0;
    long now = System.currentTimeMillis();
    for (StoreConfig.ApiToken t : config.tokens()) {
      String hash =
          t.token().startsWith("sha256:")
              ? Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(
                      HexFormat.of().parseHex(t.token().substring(7).toLowerCase(Locale.ROOT)))
              : sha256(t.token());
      String shopper = t.shopper().orElse(null);
      String name =
          shopper == null
              ? t.role().name().toLowerCase(Locale.ROOT) + "-token-" + i
              : "shopper:" + db.tx(c -> pseudonyms.of(c, shopper, now));
      i++;
      byHash.put(hash, new ApiPrincipal(name, t.role(), shopper));
      access.bootstrap(name, t.role().privacyRole(), "store.yaml");
    }
    db.read(
        c -> {
          try (var q = c.prepareStatement("SELECT token_hash, role, shopper_ref FROM api_tokens");
              var r = q.executeQuery()) {
            while (r.next()) {
              String shopper = r.getString(3);
              byHash.put(
                  r.getString(1),
                  new ApiPrincipal(
                      "shopper:" + pseudonyms.of(c, shopper, now),
                      Role.valueOf(r.getString(2)),
                      shopper));
            }
          }
          return null;
        });
  }

  /**
   * The principal of a presented token. A shopper token issued before this start gets its role back
   * on first use (audited as {@code role.bootstrap}); a shopper token for a {@link ReservedSubjects
   * reserved value} resolves to nobody.
   */
  public Optional<ApiPrincipal> resolve(String token) {
    if (token == null || token.isEmpty() || token.length() > 256) {
      return Optional.empty();
    }
    ApiPrincipal p = byHash.get(sha256(token));
    if (p != null && p.shopperRef() != null && ReservedSubjects.isReserved(p.shopperRef())) {
      // a token issued for a reserved value before it was refused: it names nobody
      return Optional.empty();
    }
    if (p != null && access.roles(p.name()).isEmpty()) {
      access.bootstrap(p.name(), p.role().privacyRole(), "api-tokens");
    }
    return Optional.ofNullable(p);
  }

  /**
   * Issues a shopper token (stored hashed) and returns it with its actor; the caller shows it once.
   * {@code by} grants the shopper role through the access controller, so it needs permission to
   * assign roles.
   *
   * @throws io.ambientretail.privacy.PrivacyException if {@code by} may not assign roles
   * @throws io.ambientretail.core.AmbientException with {@link ReservedSubjects#CODE} for {@code
   *     erased}, {@code kiosk} or another value that names no shopper
   */
  public Issued issueShopperToken(String by, String shopperRef, String origin, long nowMs) {
    ReservedSubjects.requireSubject("shopper", shopperRef);
    byte[] b = new byte[24];
    random.nextBytes(b);
    String token = "st_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    String hash = sha256(token);
    String name = "shopper:" + db.tx(c -> pseudonyms.of(c, shopperRef, nowMs));
    if (!access.roles(name).contains(Role.SHOPPER.privacyRole())) {
      access.grant(by, name, Role.SHOPPER.privacyRole(), origin);
    }
    db.tx(
        c -> {
          try (var p =
              c.prepareStatement(
                  "INSERT INTO api_tokens (token_hash, role, shopper_ref,"
                      + " created_ms) VALUES (?,?,?,?)")) {
            p.setString(1, hash);
            p.setString(2, Role.SHOPPER.name());
            p.setString(3, shopperRef);
            p.setLong(4, nowMs);
            p.executeUpdate();
          }
          return null;
        });
    byHash.put(hash, new ApiPrincipal(name, Role.SHOPPER, shopperRef));
    return new Issued(token, name);
  }

  /** A token just issued (show it once) and the actor it acts as. */
  public record Issued(String token, String actor) {
    @Override
    public String toString() {
      return "Issued{" + actor + "}";
    }
  }

  /** Forgets the tokens of an erased shopper (their rows are deleted by the DSR). */
  public void forgetShopper(String shopperRef) {
    byHash.values().removeIf(p -> shopperRef.equals(p.shopperRef()));
  }

  static String sha256(String s) {
    try {
      // base64url, not hex: no stored hash can look like a card number to a PAN scan
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
