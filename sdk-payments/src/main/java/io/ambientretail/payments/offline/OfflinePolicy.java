package io.ambientretail.payments.offline;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.CardId;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The risk limits under which {@link StoreAndForward} admits shoppers while the gateway cannot be
 * reached, and the life of a queued payment.
 *
 * <ul>
 *   <li>{@code perCardLimit}: what one card (by {@link CardId}) may owe in queued and admitted
 *       payments together;
 *   <li>{@code totalExposure}: what all cards together may owe;
 *   <li>{@code denyList}: cards never admitted offline (e.g. declined before);
 *   <li>{@code maxAge}: a queued payment must be forwarded within this time of being queued (the
 *       acquirer refuses older offline payments), and no one is admitted while a queued payment is
 *       older than this (the store has been offline for too long);
 *   <li>{@code warnBefore}: how long before a queued payment's expiry to warn.
 * </ul>
 *
 * <p>Immutable.
 */
public final class OfflinePolicy {
  private final Money perCardLimit;
  private final Money totalExposure;
  private final Set<CardId> denyList;
  private final Duration maxAge;
  private final Duration warnBefore;

  private OfflinePolicy(Builder b) {
    this.perCardLimit = b.perCardLimit;
    this.totalExposure = b.totalExposure;
    this.denyList = Set.copyOf(b.denyList);
    this.maxAge = b.maxAge;
    this.warnBefore = b.warnBefore;
  }

  /** Starts a policy with the two amount limits, in one currency. */
  public static Builder builder(Money perCardLimit, Money totalExposure) {
    return new Builder(perCardLimit, totalExposure);
  }

  /** What one card may owe offline. */
  public Money perCardLimit() {
    return perCardLimit;
  }

  /** What all cards together may owe offline. */
  public Money totalExposure() {
    return totalExposure;
  }

  /** Cards never admitted offline. */
  public Set<CardId> denyList() {
    return denyList;
  }

  /** How long a queued payment stays forwardable. */
  public Duration maxAge() {
    return maxAge;
  }

  /** How long before expiry a queued payment is reported as expiring. */
  public Duration warnBefore() {
    return warnBefore;
  }

  /** Configures an {@link OfflinePolicy}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final Money perCardLimit;
    private final Money totalExposure;
    private final Set<CardId> denyList = new HashSet<>();
    private Duration maxAge = Duration.ofHours(24);
    private Duration warnBefore = Duration.ofHours(4);

    private Builder(Money perCardLimit, Money totalExposure) {
      this.perCardLimit = Objects.requireNonNull(perCardLimit, "perCardLimit");
      this.totalExposure = Objects.requireNonNull(totalExposure, "totalExposure");
    }

    /** Adds cards to the deny-list. */
    public Builder deny(Set<CardId> cards) {
      denyList.addAll(cards);
      return this;
    }

    /** How long a queued payment stays forwardable (default 24 hours). */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
      return this;
    }

    /** How long before expiry to warn (default 4 hours). */
    public Builder warnBefore(Duration warnBefore) {
      this.warnBefore = Objects.requireNonNull(warnBefore, "warnBefore");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalArgumentException if the limits are negative or in different currencies, or
     *     the durations are not positive with warnBefore below maxAge
     */
    public OfflinePolicy build() {
      if (!perCardLimit.currency().equals(totalExposure.currency())) {
        throw new IllegalArgumentException("limits must be in one currency");
      }
      if (perCardLimit.isNegative() || totalExposure.isNegative()) {
        throw new IllegalArgumentException("limits must not be negative");
      }
      if (maxAge.isNegative()
          || maxAge.isZero()
          || warnBefore.isNegative()
          || warnBefore.compareTo(maxAge) >= 0) {
        throw new IllegalArgumentException("need 0 <= warnBefore < maxAge");
      }
      return new OfflinePolicy(this);
    }
  }
}
