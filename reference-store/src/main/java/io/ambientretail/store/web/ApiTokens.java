package io.ambientretail.store.web;

import io.ambientretail.store.config.Role;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.db.Database;
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
 * API tokens mapped to roles: the configuration's tokens (given plainly for the demo or as
 * {@code sha256:<hex>}) and shopper tokens the store issues, kept only as SHA-256 hashes (base64url). A
 * presented token is hashed and looked up, so no token is compared character by character.
 * Thread-safe.
 */
public final class ApiTokens {
  private final Map<String, ApiPrincipal> byHash = new ConcurrentHashMap<>();
  private final Database db;
  private final SecureRandom random = new SecureRandom();

  /** Tokens from the configuration and those issued earlier (in the database). */
  public ApiTokens(StoreConfig config, Database db) {
    this.db = db;
    int i = 0;
    for (StoreConfig.ApiToken t : config.tokens()) {
      String hash = t.token().startsWith("sha256:")
          ? Base64.getUrlEncoder().withoutPadding().encodeToString(
              HexFormat.of().parseHex(t.token().substring(7).toLowerCase(Locale.ROOT)))
          : sha256(t.token());
      byHash.put(hash, new ApiPrincipal(t.role().name().toLowerCase(Locale.ROOT) + "-token-" + i++,
          t.role(), t.shopper().orElse(null)));
    }
    db.read(c -> {
      try (var q = c.prepareStatement("SELECT token_hash, role, shopper_ref FROM api_tokens");
          var r = q.executeQuery()) {
        while (r.next()) {
          byHash.put(r.getString(1), new ApiPrincipal("shopper-token", Role.valueOf(r.getString(2)),
              r.getString(3)));
        }
      }
      return null;
    });
  }

  /** The principal of a presented token. */
  public Optional<ApiPrincipal> resolve(String token) {
    if (token == null || token.isEmpty() || token.length() > 256) {
      return Optional.empty();
    }
    return Optional.ofNullable(byHash.get(sha256(token)));
  }

  /** Issues a shopper token (stored hashed) and returns it; the caller shows it once. */
  public String issueShopperToken(String shopperRef, long nowMs) {
    byte[] b = new byte[24];
    random.nextBytes(b);
    String token = "st_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    String hash = sha256(token);
    db.tx(c -> {
      try (var p = c.prepareStatement("INSERT INTO api_tokens (token_hash, role, shopper_ref,"
          + " created_ms) VALUES (?,?,?,?)")) {
        p.setString(1, hash);
        p.setString(2, Role.SHOPPER.name());
        p.setString(3, shopperRef);
        p.setLong(4, nowMs);
        p.executeUpdate();
      }
      return null;
    });
    byHash.put(hash, new ApiPrincipal("shopper-token", Role.SHOPPER, shopperRef));
    return token;
  }

  static String sha256(String s) {
    try {
      // base64url, not hex: no stored hash can look like a card number to a PAN scan
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
