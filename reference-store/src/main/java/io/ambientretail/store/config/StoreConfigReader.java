package io.ambientretail.store.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ambientretail.core.Gtin;
import io.ambientretail.core.InvalidValueException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates {@code store.yaml}. Every error names the source and the field path ({@code
 * planogram.shelves[1].lanes[0].gtin}) or, for YAML syntax, the line and column.
 *
 * <p>Limits (defaults): at most {@value #DEFAULT_MAX_BYTES} bytes, nesting depth 32, 1000 lanes,
 * 500 devices. Thread-safe.
 */
public final class StoreConfigReader {
  /** Default maximum size of a configuration file in bytes. */
  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  private static final int MAX_LANES = 1000;
  private static final int MAX_DEVICES = 500;
  private static final String SHA256_PREFIX = "sha256:";

  private final int maxBytes;
  private final ObjectMapper yaml;

  private StoreConfigReader(int maxBytes) {
    this.maxBytes = maxBytes;
    YAMLFactory f =
        YAMLFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxStringLength(64 * 1024)
                    .maxDocumentLength(maxBytes)
                    .build())
            .build();
    this.yaml = new ObjectMapper(f);
  }

  /** A reader with the default limits. */
  public static StoreConfigReader withDefaults() {
    return new StoreConfigReader(DEFAULT_MAX_BYTES);
  }

  /** Reads a configuration file. */
  public StoreConfig read(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > maxBytes) {
        throw new StoreConfigException(file + ": larger than " + maxBytes + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StoreConfigException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    return read(bytes, file.toString());
  }

  /** The built-in demo configuration of a store kind. */
  public StoreConfig demo(StoreKind kind) {
    return read(
        demoYaml(kind).getBytes(StandardCharsets.UTF_8), "built-in demo-" + kind.id() + ".yaml");
  }

  /**
   * The text of the built-in demo configuration of a store kind, a complete {@code store.yaml} that
   * {@link #read(Path)} accepts: the start of a store's own configuration.
   */
  public static String demoYaml(StoreKind kind) {
    String name = "/io/ambientretail/store/demo-" + kind.id() + ".yaml";
    try (InputStream in = StoreConfigReader.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads configuration text; {@code source} names it in errors. */
  public StoreConfig read(byte[] bytes, String source) {
    if (bytes.length > maxBytes) {
      throw new StoreConfigException(source + ": larger than " + maxBytes + " bytes");
    }
    LocatedYaml doc;
    try {
      doc = LocatedYaml.read(yaml, new String(bytes, StandardCharsets.UTF_8), source);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
      throw new StoreConfigException(
          source
              + where
              + ": not valid YAML ("
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + ")",
          e);
    } catch (IOException e) {
      throw new StoreConfigException(source + ": cannot be read (" + e.getMessage() + ")", e);
    }
    JsonNode root = doc.root();
    if (root == null || !root.isObject()) {
      throw new StoreConfigException(source + ": expected a mapping at the top");
    }
    return new Walk(source, doc).config(root);
  }

  private static String sha256Hex(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Walks the tree, tracking the field path for errors. */
  private static final class Walk {
    private final String source;
    private final LocatedYaml doc;

    Walk(String source, LocatedYaml doc) {
      this.source = source;
      this.doc = doc;
    }

    StoreConfig config(JsonNode root) {
      known(
          root,
          "",
          "store",
          "payment",
          "devices",
          "planogram",
          "replenishment",
          "privacy",
          "security",
          "http",
          "review",
          "audit");
      JsonNode s = object(root, "store", true);
      known(s, "store", "id", "name", "kind", "region", "privacyRegime", "currency", "timezone");
      String id = text(s, "store.id", "id", null);
      StoreKind kind;
      try {
        kind = StoreKind.parse(text(s, "store.kind", "kind", "walkout"));
      } catch (IllegalArgumentException e) {
        throw fail("store.kind", e.getMessage());
      }
      Currency currency;
      try {
        currency = Currency.getInstance(text(s, "store.currency", "currency", "EUR"));
      } catch (IllegalArgumentException e) {
        throw fail("store.currency", "not an ISO 4217 currency code");
      }
      ZoneId zone;
      try {
        zone = ZoneId.of(text(s, "store.timezone", "timezone", "UTC"));
      } catch (DateTimeException e) {
        throw fail("store.timezone", "unknown time zone");
      }
      JsonNode p = object(root, "payment", false);
      known(p, "payment", "gateway", "holdMinor", "acquirerLatencyMs", "declineRate", "offline");
      JsonNode dr = p.path("declineRate");
      if (!dr.isMissingNode() && !dr.isNull() && !dr.isNumber()) {
        throw fail(
            "payment.declineRate", "expected a number between 0 and 1, was '" + dr.asText() + "'");
      }
      double decline = dr.asDouble(0.0);
      if (decline < 0 || decline > 1) {
        throw fail("payment.declineRate", "must be between 0 and 1");
      }
      var payment =
          new StoreConfig.Payment(
              gateway(text(p, "payment.gateway", "gateway", "simulated")),
              longAt(p, "payment.holdMinor", "holdMinor", 3000, 1, 10_000_000),
              (int) longAt(p, "payment.acquirerLatencyMs", "acquirerLatencyMs", 10, 0, 10_000),
              decline,
              offline(p.path("offline")));
      List<StoreConfig.Device> devices = devices(root.path("devices"));
      List<StoreConfig.Shelf> shelves = shelves(object(root, "planogram", true));
      JsonNode rp = object(root, "replenishment", false);
      known(rp, "replenishment", "defaults");
      JsonNode r = rp.path("defaults");
      known(r, "replenishment.defaults", "min", "max", "packSize", "supplier");
      int min = (int) longAt(r, "replenishment.defaults.min", "min", 3, 0, 100_000);
      int max = (int) longAt(r, "replenishment.defaults.max", "max", 12, 1, 100_000);
      if (max < min) {
        throw fail("replenishment.defaults.max", "must not be below min");
      }
      var replenishment =
          new StoreConfig.Replenishment(
              min,
              max,
              (int) longAt(r, "replenishment.defaults.packSize", "packSize", 1, 1, 10_000),
              text(r, "replenishment.defaults.supplier", "supplier", "default"));
      JsonNode pv = object(root, "privacy", false);
      known(pv, "privacy", "returningCardConsent", "retentionDays");
      Map<String, Integer> retention = new LinkedHashMap<>();
      JsonNode rd = pv.path("retentionDays");
      known(rd, "privacy.retentionDays", "sessions", "cardData", "receipts");
      for (Iterator<String> it = rd.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        retention.put(k, (int) longAt(rd, "privacy.retentionDays." + k, k, 0, 1, 36_500));
      }
      var privacy =
          new StoreConfig.Privacy(
              bool(pv, "privacy.returningCardConsent", "returningCardConsent", true), retention);
      JsonNode sec = object(root, "security", false);
      known(sec, "security", "tokens", "rateLimit", "failedAuthAudit");
      List<StoreConfig.ApiToken> tokens = tokens(sec.path("tokens"));
      StoreConfig.WebLimits web = web(sec, object(root, "http", false));
      return new StoreConfig(
          id,
          text(s, "store.name", "name", id),
          kind,
          text(s, "store.region", "region", "EU"),
          text(s, "store.privacyRegime", "privacyRegime", "GDPR"),
          currency,
          zone,
          payment,
          devices,
          shelves,
          replenishment,
          privacy,
          tokens,
          review(root.path("review")),
          web,
          audit(root.path("audit")));
    }

    /** {@code security.rateLimit}, {@code security.failedAuthAudit} and {@code http}. */
    private StoreConfig.WebLimits web(JsonNode security, JsonNode http) {
      StoreConfig.WebLimits d = StoreConfig.WebLimits.DEFAULTS;
      JsonNode rl = object(security, "security.rateLimit", "rateLimit", false);
      String r = "security.rateLimit";
      known(
          rl,
          r,
          "requestsPerMinute",
          "burst",
          "failedAuthPerMinute",
          "failedAuthBurst",
          "trackedClients");
      JsonNode fa = object(security, "security.failedAuthAudit", "failedAuthAudit", false);
      known(fa, "security.failedAuthAudit", "sourcesPerMinute");
      known(http, "http", "idleTimeoutMs", "maxBodyReaders");
      return new StoreConfig.WebLimits(
          (int)
              longAt(
                  rl,
                  r + ".requestsPerMinute",
                  "requestsPerMinute",
                  d.requestsPerMinute(),
                  1,
                  1_000_000),
          (int) longAt(rl, r + ".burst", "burst", d.burst(), 1, 1_000_000),
          (int)
              longAt(
                  rl,
                  r + ".failedAuthPerMinute",
                  "failedAuthPerMinute",
                  d.failedAuthPerMinute(),
                  1,
                  1_000_000),
          (int)
              longAt(
                  rl, r + ".failedAuthBurst", "failedAuthBurst", d.failedAuthBurst(), 1, 1_000_000),
          (int)
              longAt(rl, r + ".trackedClients", "trackedClients", d.trackedClients(), 1, 1_000_000),
          (int)
              longAt(
                  fa,
                  "security.failedAuthAudit.sourcesPerMinute",
                  "sourcesPerMinute",
                  d.auditSourcesPerMinute(),
                  1,
                  10_000),
          (int)
              longAt(http, "http.idleTimeoutMs", "idleTimeoutMs", d.idleTimeoutMs(), 100, 600_000),
          (int)
              longAt(http, "http.maxBodyReaders", "maxBodyReaders", d.maxBodyReaders(), 1, 1_000));
    }

    /** The optional {@code audit} settings; each field defaults as in DEFAULTS. */
    private StoreConfig.Audit audit(JsonNode a) {
      if (a.isMissingNode() || a.isNull()) {
        return StoreConfig.Audit.DEFAULTS;
      }
      if (!a.isObject()) {
        throw fail("audit", "expected a mapping");
      }
      known(a, "audit", "checkpointEveryEntries", "checkpointEverySeconds", "witness");
      StoreConfig.Audit d = StoreConfig.Audit.DEFAULTS;
      int entries =
          (int)
              longAt(
                  a,
                  "audit.checkpointEveryEntries",
                  "checkpointEveryEntries",
                  d.checkpointEveryEntries(),
                  1,
                  1_000_000);
      int seconds =
          (int)
              longAt(
                  a,
                  "audit.checkpointEverySeconds",
                  "checkpointEverySeconds",
                  d.checkpointEverySeconds(),
                  1,
                  3600);
      String witness =
          a.path("witness").isMissingNode() || a.path("witness").isNull()
              ? null
              : text(a, "audit.witness", "witness", null);
      java.net.URI uri = null;
      if (witness != null) {
        try {
          uri = new java.net.URI(witness);
        } catch (java.net.URISyntaxException e) {
          throw fail("audit.witness", "not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null) {
          throw fail("audit.witness", "expected an absolute http(s) URL, was '" + witness + "'");
        }
      }
      return new StoreConfig.Audit(entries, seconds, uri);
    }

    /** The optional {@code review} settings; each field defaults as in DEFAULTS. */
    private StoreConfig.Review review(JsonNode r) {
      if (r.isMissingNode() || r.isNull()) {
        return StoreConfig.Review.DEFAULTS;
      }
      if (!r.isObject()) {
        throw fail("review", "expected a mapping");
      }
      known(r, "review", "decideWithinMinutes", "whenLate");
      StoreConfig.Review d = StoreConfig.Review.DEFAULTS;
      int minutes =
          (int)
              longAt(
                  r,
                  "review.decideWithinMinutes",
                  "decideWithinMinutes",
                  d.decideWithinMinutes(),
                  1,
                  StoreConfig.Review.MAX_MINUTES);
      String late = text(r, "review.whenLate", "whenLate", d.whenLate().name());
      StoreConfig.LateDecision when;
      try {
        when = StoreConfig.LateDecision.valueOf(late.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw fail("review.whenLate", "expected approve or void, was '" + late + "'");
      }
      return new StoreConfig.Review(minutes, when);
    }

    private List<StoreConfig.Device> devices(JsonNode list) {
      List<StoreConfig.Device> out = new ArrayList<>();
      if (list.isMissingNode()) {
        return out;
      }
      if (!list.isArray()) {
        throw fail("devices", "expected a list");
      }
      if (list.size() > MAX_DEVICES) {
        throw fail("devices", "more than " + MAX_DEVICES + " devices");
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String path = "devices[" + i + "]";
        JsonNode d = list.get(i);
        known(d, path, "id", "type", "driver", "port", "params");
        String id = text(d, path + ".id", "id", null);
        if (!ids.add(id)) {
          throw fail(path + ".id", "duplicate device id '" + id + "'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode ps = d.path("params");
        if (!ps.isMissingNode() && !ps.isNull() && !ps.isObject()) {
          throw fail(path + ".params", "expected a mapping");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!e.getValue().isValueNode() || e.getValue().isNull()) {
            throw fail(path + ".params." + e.getKey(), "expected a single value");
          }
          params.put(e.getKey(), e.getValue().asText());
        }
        out.add(
            new StoreConfig.Device(
                id,
                text(d, path + ".type", "type", null),
                text(d, path + ".driver", "driver", "simulated"),
                text(d, path + ".port", "port", ""),
                params));
      }
      return out;
    }

    private List<StoreConfig.Shelf> shelves(JsonNode planogram) {
      known(planogram, "planogram", "shelves");
      JsonNode list = planogram.path("shelves");
      if (!list.isArray() || list.isEmpty()) {
        throw fail("planogram.shelves", "expected a non-empty list of shelves");
      }
      List<StoreConfig.Shelf> out = new ArrayList<>();
      Set<String> laneIds = new HashSet<>();
      Set<String> shelfIds = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String path = "planogram.shelves[" + i + "]";
        JsonNode sh = list.get(i);
        known(sh, path, "id", "lanes");
        String sid = text(sh, path + ".id", "id", null);
        if (!shelfIds.add(sid)) {
          throw fail(path + ".id", "duplicate shelf id '" + sid + "'");
        }
        JsonNode lanes = sh.path("lanes");
        if (!lanes.isArray() || lanes.isEmpty()) {
          throw fail(path + ".lanes", "expected a non-empty list of lanes");
        }
        List<StoreConfig.Lane> ls = new ArrayList<>();
        for (int j = 0; j < lanes.size(); j++) {
          String lp = path + ".lanes[" + j + "]";
          JsonNode l = lanes.get(j);
          known(
              l,
              lp,
              "id",
              "gtin",
              "name",
              "priceMinor",
              "unitGrams",
              "capacity",
              "initial",
              "pricing",
              "pricePerKgMinor");
          String lid = text(l, lp + ".id", "id", null);
          if (!laneIds.add(lid)) {
            throw fail(lp + ".id", "duplicate lane id '" + lid + "'");
          }
          if (laneIds.size() > MAX_LANES) {
            throw fail(lp, "more than " + MAX_LANES + " lanes");
          }
          Gtin gtin;
          try {
            gtin = Gtin.parse(text(l, lp + ".gtin", "gtin", null));
          } catch (InvalidValueException e) {
            throw fail(lp + ".gtin", e.getMessage());
          }
          int capacity = (int) longAt(l, lp + ".capacity", "capacity", 10, 1, 100_000);
          int initial = (int) longAt(l, lp + ".initial", "initial", capacity, 0, capacity);
          StoreConfig.Pricing pricing =
              switch (text(l, lp + ".pricing", "pricing", "unit")) {
                case "unit" -> StoreConfig.Pricing.UNIT;
                case "weight" -> StoreConfig.Pricing.WEIGHT;
                default -> throw fail(lp + ".pricing", "expected unit or weight");
              };
          long perKg = longAt(l, lp + ".pricePerKgMinor", "pricePerKgMinor", 0, 0, 100_000_000);
          if (pricing == StoreConfig.Pricing.WEIGHT && perKg == 0) {
            throw fail(lp + ".pricePerKgMinor", "required when pricing is weight");
          }
          ls.add(
              new StoreConfig.Lane(
                  lid,
                  sid,
                  gtin,
                  text(l, lp + ".name", "name", lid),
                  longAt(l, lp + ".priceMinor", "priceMinor", -1, 0, 100_000_000),
                  (int) longAt(l, lp + ".unitGrams", "unitGrams", -1, 1, 1_000_000),
                  capacity,
                  initial,
                  pricing,
                  perKg));
        }
        out.add(new StoreConfig.Shelf(sid, ls));
      }
      return out;
    }

    private List<StoreConfig.ApiToken> tokens(JsonNode list) {
      List<StoreConfig.ApiToken> out = new ArrayList<>();
      if (list.isMissingNode()) {
        return out;
      }
      if (!list.isArray()) {
        throw fail("security.tokens", "expected a list");
      }
      Map<String, String> seen = new HashMap<>();
      for (int i = 0; i < list.size(); i++) {
        String path = "security.tokens[" + i + "]";
        JsonNode t = list.get(i);
        known(t, path, "token", "role", "shopper");
        String token = text(t, path + ".token", "token", null);
        String digest;
        if (token.startsWith(SHA256_PREFIX)) {
          String hex = token.substring(SHA256_PREFIX.length());
          if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw fail(
                path + ".token",
                "expected sha256: followed by 64 hex digits (a SHA-256 of the token), was "
                    + hex.length()
                    + " characters"
                    + (hex.matches("[0-9a-fA-F]*") ? "" : " with non-hex ones"));
          }
          digest = hex.toLowerCase(Locale.ROOT);
        } else if (token.length() < 8) {
          throw fail(path + ".token", "shorter than 8 characters");
        } else {
          digest = sha256Hex(token);
        }
        String first = seen.putIfAbsent(digest, path);
        if (first != null) {
          // never echo the token itself: name where the first one is
          throw fail(path + ".token", "duplicate token (the same as " + first + ".token)");
        }
        Role role;
        try {
          role = Role.parse(text(t, path + ".role", "role", null));
        } catch (IllegalArgumentException e) {
          throw fail(path + ".role", e.getMessage());
        }
        Optional<String> shopper =
            t.hasNonNull("shopper") ? Optional.of(t.get("shopper").asText()) : Optional.empty();
        if (role == Role.SHOPPER && shopper.isEmpty()) {
          throw fail(path + ".shopper", "required for a shopper token");
        }
        out.add(new StoreConfig.ApiToken(token, role, shopper));
      }
      return out;
    }

    /** The optional {@code payment.offline} limits; each field defaults as in DEFAULTS. */
    private StoreConfig.Offline offline(JsonNode o) {
      if (o.isMissingNode() || o.isNull()) {
        return StoreConfig.Offline.DEFAULTS;
      }
      if (!o.isObject()) {
        throw fail("payment.offline", "expected a mapping");
      }
      known(o, "payment.offline", "perCardHolds", "totalHolds", "maxAgeHours", "warnBeforeHours");
      StoreConfig.Offline d = StoreConfig.Offline.DEFAULTS;
      int total =
          (int) longAt(o, "payment.offline.totalHolds", "totalHolds", d.totalHolds(), 0, 10_000);
      int perCard =
          (int)
              longAt(
                  o,
                  "payment.offline.perCardHolds",
                  "perCardHolds",
                  Math.min(d.perCardHolds(), total),
                  0,
                  1_000);
      if (perCard > total) {
        throw fail("payment.offline.perCardHolds", "must not exceed totalHolds (" + total + ")");
      }
      int maxAge =
          (int) longAt(o, "payment.offline.maxAgeHours", "maxAgeHours", d.maxAgeHours(), 1, 168);
      int warn =
          (int)
              longAt(
                  o,
                  "payment.offline.warnBeforeHours",
                  "warnBeforeHours",
                  Math.min(d.warnBeforeHours(), maxAge - 1),
                  0,
                  167);
      if (warn >= maxAge) {
        throw fail(
            "payment.offline.warnBeforeHours", "must be less than maxAgeHours (" + maxAge + ")");
      }
      return new StoreConfig.Offline(perCard, total, maxAge, warn);
    }

    private JsonNode object(JsonNode parent, String field, boolean required) {
      return object(parent, field, field, required);
    }

    private JsonNode object(JsonNode parent, String path, String field, boolean required) {
      JsonNode n = parent.path(field);
      if (n.isMissingNode() || n.isNull()) {
        if (required) {
          throw fail(path, "missing");
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      if (!n.isObject()) {
        throw fail(path, "expected a mapping");
      }
      return n;
    }

    private void known(JsonNode node, String path, String... fields) {
      if (!node.isObject()) {
        if (node.isMissingNode()) {
          return;
        }
        throw fail(path.isEmpty() ? "(top)" : path, "expected a mapping");
      }
      Set<String> ok = Set.of(fields);
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!ok.contains(f)) {
          throw fail(
              (path.isEmpty() ? "" : path + ".") + f,
              "unknown field (expected one of " + String.join(", ", fields) + ")");
        }
      }
    }

    private String text(JsonNode node, String path, String field, String dflt) {
      JsonNode n = node.path(field);
      if (n.isMissingNode() || n.isNull()) {
        if (dflt == null) {
          throw fail(path, "missing");
        }
        return dflt;
      }
      if (!n.isValueNode()) {
        throw fail(path, "expected a single value");
      }
      String v = n.asText().strip();
      if (v.isEmpty()) {
        throw fail(path, "empty");
      }
      return v;
    }

    /**
     * {@code simulated}, or the acquirer's base URL: https, or http to a loopback host; no user
     * info, query or fragment (what the payment gateway client accepts).
     */
    private String gateway(String g) {
      if (g.equals("simulated")) {
        return g;
      }
      String why = null;
      try {
        java.net.URI u = new java.net.URI(g);
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        boolean loopback =
            host.equals("localhost")
                || host.startsWith("127.")
                || host.equals("[::1]")
                || host.equals("::1");
        if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || host.isEmpty()) {
          why = "expected simulated or an https URL with a host";
        } else if ("http".equals(u.getScheme()) && !loopback) {
          why = "plain http is allowed only to a loopback host, use https";
        } else if (u.getRawUserInfo() != null
            || u.getRawQuery() != null
            || u.getRawFragment() != null) {
          why = "must not have user info, a query or a fragment";
        }
      } catch (java.net.URISyntaxException e) {
        why = "not a URL (" + e.getReason() + ")";
      }
      if (why != null) {
        throw fail("payment.gateway", why);
      }
      return g;
    }

    private boolean bool(JsonNode node, String path, String field, boolean dflt) {
      JsonNode n = node.path(field);
      if (n.isMissingNode() || n.isNull()) {
        return dflt;
      }
      if (!n.isBoolean()) {
        throw fail(path, "expected true or false, was '" + n.asText() + "'");
      }
      return n.booleanValue();
    }

    private long longAt(JsonNode node, String path, String field, long dflt, long min, long max) {
      JsonNode n = node.path(field);
      if (n.isMissingNode() || n.isNull()) {
        if (dflt < min) {
          throw fail(path, "missing");
        }
        return dflt;
      }
      if (!n.isIntegralNumber() && !(n.isTextual() && n.asText().matches("-?\\d{1,18}"))) {
        throw fail(path, "expected a whole number, was '" + n.asText() + "'");
      }
      long v = n.asLong();
      if (v < min || v > max) {
        throw fail(path, "must be between " + min + " and " + max + ", was " + v);
      }
      return v;
    }

    /** An error naming the file, the line of {@code path} (or its nearest parent) and the key. */
    private StoreConfigException fail(String path, String why) {
      var line = doc.line(path);
      return new StoreConfigException(
          source + (line.isPresent() ? ":" + line.getAsInt() : "") + ": " + path + ": " + why);
    }
  }
}
