package io.ambientretail.store.config;

import io.ambientretail.core.Gtin;
import io.ambientretail.core.Money;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated store configuration (the model of {@code store.yaml}): identity and region, payment,
 * devices, planogram, replenishment policy, privacy settings and API tokens.
 *
 * <p>Immutable; built by {@link StoreConfigReader}, which checks every field and names the one that
 * is wrong.
 */
public record StoreConfig(
    String storeId,
    String name,
    StoreKind kind,
    String region,
    String privacyRegime,
    Currency currency,
    ZoneId zone,
    Payment payment,
    List<Device> devices,
    List<Shelf> shelves,
    Replenishment replenishment,
    Privacy privacy,
    List<ApiToken> tokens,
    Review review,
    WebLimits web,
    Audit audit) {

  /** Copies the lists. */
  public StoreConfig {
    devices = List.copyOf(devices);
    shelves = List.copyOf(shelves);
    tokens = List.copyOf(tokens);
    java.util.Objects.requireNonNull(review, "review");
    java.util.Objects.requireNonNull(web, "web");
    java.util.Objects.requireNonNull(audit, "audit");
  }

  /**
   * A configuration with the default web limits ({@link WebLimits#DEFAULTS}) and audit settings
   * ({@link Audit#DEFAULTS}).
   */
  public StoreConfig(
      String storeId,
      String name,
      StoreKind kind,
      String region,
      String privacyRegime,
      Currency currency,
      ZoneId zone,
      Payment payment,
      List<Device> devices,
      List<Shelf> shelves,
      Replenishment replenishment,
      Privacy privacy,
      List<ApiToken> tokens,
      Review review) {
    this(
        storeId,
        name,
        kind,
        region,
        privacyRegime,
        currency,
        zone,
        payment,
        devices,
        shelves,
        replenishment,
        privacy,
        tokens,
        review,
        WebLimits.DEFAULTS,
        Audit.DEFAULTS);
  }

  /** A configuration with the default review settings ({@link Review#DEFAULTS}). */
  public StoreConfig(
      String storeId,
      String name,
      StoreKind kind,
      String region,
      String privacyRegime,
      Currency currency,
      ZoneId zone,
      Payment payment,
      List<Device> devices,
      List<Shelf> shelves,
      Replenishment replenishment,
      Privacy privacy,
      List<ApiToken> tokens) {
    this(
        storeId,
        name,
        kind,
        region,
        privacyRegime,
        currency,
        zone,
        payment,
        devices,
        shelves,
        replenishment,
        privacy,
        tokens,
        Review.DEFAULTS);
  }

  /** A copy with other review settings. */
  public StoreConfig withReview(Review r) {
    return new StoreConfig(
        storeId,
        name,
        kind,
        region,
        privacyRegime,
        currency,
        zone,
        payment,
        devices,
        shelves,
        replenishment,
        privacy,
        tokens,
        r,
        web,
        audit);
  }

  /** A copy with other web limits. */
  public StoreConfig withWeb(WebLimits w) {
    return new StoreConfig(
        storeId,
        name,
        kind,
        region,
        privacyRegime,
        currency,
        zone,
        payment,
        devices,
        shelves,
        replenishment,
        privacy,
        tokens,
        review,
        w,
        audit);
  }

  /** A copy with other audit settings. */
  public StoreConfig withAudit(Audit a) {
    return new StoreConfig(
        storeId,
        name,
        kind,
        region,
        privacyRegime,
        currency,
        zone,
        payment,
        devices,
        shelves,
        replenishment,
        privacy,
        tokens,
        review,
        web,
        a);
  }

  /**
   * When the store signs a checkpoint of its audit log, besides every clean shutdown: after {@code
   * checkpointEveryEntries} new entries or {@code checkpointEverySeconds} seconds with new entries,
   * whichever comes first; and where each signed checkpoint is sent: {@code witness}, an HTTP(S)
   * endpoint that receives the note by POST (null: none). Entries after the newest checkpoint a
   * witness holds can be cut off undetected, so the seconds bound the entries at risk.
   */
  public record Audit(
      int checkpointEveryEntries,
      int checkpointEverySeconds,
      java.net.@org.jspecify.annotations.Nullable URI witness) {
    /** Every 1000 entries or 10 seconds, no witness. */
    public static final Audit DEFAULTS = new Audit(1000, 10, null);

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if a bound is not positive (entries at most 1000000, seconds
     *     at most 3600) or the witness is not an absolute http(s) URL
     */
    public Audit {
      if (checkpointEveryEntries < 1 || checkpointEveryEntries > 1_000_000) {
        throw new IllegalArgumentException("checkpointEveryEntries: 1 to 1000000");
      }
      if (checkpointEverySeconds < 1 || checkpointEverySeconds > 3600) {
        throw new IllegalArgumentException("checkpointEverySeconds: 1 to 3600");
      }
      if (witness != null
          && (!("http".equals(witness.getScheme()) || "https".equals(witness.getScheme()))
              || witness.getHost() == null)) {
        throw new IllegalArgumentException("witness: an absolute http(s) URL");
      }
    }
  }

  /**
   * What the HTTP server allows each client ({@code security.rateLimit}, {@code
   * security.failedAuthAudit} and {@code http} in store.yaml).
   *
   * <p>Rate limits are token buckets: a client may send {@code burst} requests at once and then
   * {@code perMinute} a minute. An authenticated client is its token; a request without a valid
   * token is counted against its source address. At most {@code trackedClients} clients are
   * remembered (least recently seen forgotten first). Failed authentications are audited as at most
   * {@code auditSourcesPerMinute} sources a minute, each with its first failure and a counted
   * summary; further sources in that minute share one summary.
   *
   * @param requestsPerMinute sustained requests a minute per token
   * @param burst requests a token may send at once
   * @param failedAuthPerMinute sustained requests a minute per source without a valid token
   * @param failedAuthBurst such requests a source may send at once
   * @param trackedClients clients whose buckets are kept (memory bound)
   * @param auditSourcesPerMinute sources whose failed authentications are audited separately
   * @param idleTimeoutMs how long a connection may send nothing, also in the middle of a body
   *     (milliseconds)
   * @param maxBodyReaders requests whose bodies are being read at once; more are refused with 503
   */
  public record WebLimits(
      int requestsPerMinute,
      int burst,
      int failedAuthPerMinute,
      int failedAuthBurst,
      int trackedClients,
      int auditSourcesPerMinute,
      int idleTimeoutMs,
      int maxBodyReaders) {
    /**
     * 1200 a minute (burst 300) per token, 120 (burst 120) per source without one, 10,000 clients,
     * 100 audited sources a minute, 5 s idle, 32 bodies at once.
     */
    public static final WebLimits DEFAULTS =
        new WebLimits(1200, 300, 120, 120, 10_000, 100, 5000, 32);

    /**
     * Checks every limit is positive.
     *
     * @throws IllegalArgumentException naming the first that is not
     */
    public WebLimits {
      positive("requestsPerMinute", requestsPerMinute);
      positive("burst", burst);
      positive("failedAuthPerMinute", failedAuthPerMinute);
      positive("failedAuthBurst", failedAuthBurst);
      positive("trackedClients", trackedClients);
      positive("auditSourcesPerMinute", auditSourcesPerMinute);
      positive("idleTimeoutMs", idleTimeoutMs);
      positive("maxBodyReaders", maxBodyReaders);
    }

    private static void positive(String name, int v) {
      if (v < 1) {
        throw new IllegalArgumentException(name + ": must be at least 1, was " + v);
      }
    }
  }

  /**
   * How long a walk-out receipt held for review ({@code review}) may wait for staff, and what the
   * store decides when nobody did in time: {@link LateDecision#APPROVE} captures the cart as the
   * store saw it, {@link LateDecision#VOID} releases the hold without a charge.
   */
  public record Review(int decideWithinMinutes, LateDecision whenLate) {
    /** 30 minutes, then approve. */
    public static final Review DEFAULTS = new Review(30, LateDecision.APPROVE);

    /**
     * The longest wait: the entry hold must still be capturable (the SDK settles a day-old hold).
     */
    public static final int MAX_MINUTES = 720;

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if the wait is not 1 to {@link #MAX_MINUTES} minutes
     */
    public Review {
      java.util.Objects.requireNonNull(whenLate, "whenLate");
      if (decideWithinMinutes < 1 || decideWithinMinutes > MAX_MINUTES) {
        throw new IllegalArgumentException("decideWithinMinutes: 1 to " + MAX_MINUTES);
      }
    }
  }

  /** The decision a review deadline applies. */
  public enum LateDecision {
    /** Capture the cart as the store saw it. */
    APPROVE,
    /** Release the hold; nothing is charged. */
    VOID
  }

  /**
   * Payment settings: gateway ({@code simulated} or a URL), entry hold, simulated acquirer knobs,
   * and the offline (store-and-forward) limits.
   */
  public record Payment(
      String gateway, long holdMinor, int acquirerLatencyMs, double declineRate, Offline offline) {
    /** Checks the offline limits are present. */
    public Payment {
      java.util.Objects.requireNonNull(offline, "offline");
    }

    /** Payment settings with the default offline limits ({@link Offline#DEFAULTS}). */
    public Payment(String gateway, long holdMinor, int acquirerLatencyMs, double declineRate) {
      this(gateway, holdMinor, acquirerLatencyMs, declineRate, Offline.DEFAULTS);
    }
  }

  /**
   * Limits on shoppers admitted while the gateway is unreachable ({@code payment.offline}): the
   * queued exposure per card and in total as multiples of the entry hold, how long a queued payment
   * may wait (hours) and how long before that it is flagged as expiring (hours).
   */
  public record Offline(int perCardHolds, int totalHolds, int maxAgeHours, int warnBeforeHours) {
    /** 2 holds per card, 40 in total, 24 h maximum age, flagged 4 h before. */
    public static final Offline DEFAULTS = new Offline(2, 40, 24, 4);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a limit is negative, the per-card limit exceeds the
     *     total, the age is under an hour, or the warning is not shorter than the age
     */
    public Offline {
      if (perCardHolds < 0 || totalHolds < 0 || perCardHolds > totalHolds) {
        throw new IllegalArgumentException("need 0 <= perCardHolds <= totalHolds");
      }
      if (maxAgeHours < 1 || warnBeforeHours < 0 || warnBeforeHours >= maxAgeHours) {
        throw new IllegalArgumentException(
            "need 1 <= maxAgeHours and 0 <= warnBeforeHours" + " < maxAgeHours");
      }
    }
  }

  /** A device: id, type (shelf, card-reader, door-lock, gate, scanner, scale), driver, port. */
  public record Device(
      String id, String type, String driver, String port, Map<String, String> params) {
    /** Copies the parameters. */
    public Device {
      params = Map.copyOf(params);
    }
  }

  /** A shelf of lanes, each lane holding one product. */
  public record Shelf(String id, List<Lane> lanes) {
    /** Copies the lanes. */
    public Shelf {
      lanes = List.copyOf(lanes);
    }
  }

  /** How a lane's product is priced. */
  public enum Pricing {
    /** A fixed price per unit. */
    UNIT,
    /** A price per kilogram, the kiosk scale weighs it. */
    WEIGHT
  }

  /**
   * A lane: one product with its unit price (minor units), unit weight (grams), capacity and
   * initial quantity; {@code pricePerKgMinor} applies when {@code pricing} is {@link
   * Pricing#WEIGHT}.
   */
  public record Lane(
      String id,
      String shelfId,
      Gtin gtin,
      String name,
      long priceMinor,
      int unitGrams,
      int capacity,
      int initial,
      Pricing pricing,
      long pricePerKgMinor) {}

  /** Replenishment policy defaults: order up to {@code max} when a lane falls below {@code min}. */
  public record Replenishment(int min, int max, int packSize, String supplier) {}

  /** Privacy settings: consent for returning-card recognition and retention per record kind. */
  public record Privacy(boolean returningCardConsent, Map<String, Integer> retentionDays) {
    /** Copies the map. */
    public Privacy {
      retentionDays = Map.copyOf(retentionDays);
    }
  }

  /**
   * An API token mapped to a role: either the token itself (demo only) or {@code sha256:<hex>};
   * {@code shopper} names the shopper a shopper token belongs to.
   */
  public record ApiToken(String token, Role role, Optional<String> shopper) {
    @Override
    public String toString() {
      return "ApiToken[role=" + role + "]";
    }
  }

  /** All lanes of all shelves, in planogram order. */
  public List<Lane> lanes() {
    return shelves.stream().flatMap(s -> s.lanes().stream()).toList();
  }

  /** The money of {@code minor} units in the store's currency. */
  public Money money(long minor) {
    return Money.ofMinor(minor, currency);
  }
}
