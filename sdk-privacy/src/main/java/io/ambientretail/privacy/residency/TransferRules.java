package io.ambientretail.privacy.residency;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which cross-border transfers of personal data are allowed, per regime: data collected in the EU
 * or UK may leave only to a destination with an adequacy decision or with standard contractual
 * clauses on file; data collected in China stays in China unless a transfer assessment is recorded
 * for the destination; other regions are unrestricted unless configured as restricted.
 *
 * <p>{@link #defaults()} has the adequacy decisions a European chain meets most (EU: UK, CH, JP, US
 * under the Data Privacy Framework only for certified recipients, so not included; UK: EU, CH, JP).
 * Verify them against the current lists before relying on them. Immutable.
 */
public final class TransferRules {
  private final Set<Region> restricted;
  private final Set<Region> inCountry;
  private final Map<Region, Set<Region>> adequacy;
  private final Map<Region, Set<Region>> clauses;
  private final Map<Region, Set<Region>> assessments;

  private TransferRules(Builder b) {
    this.restricted = Set.copyOf(b.restricted);
    this.inCountry = Set.copyOf(b.inCountry);
    this.adequacy = copy(b.adequacy);
    this.clauses = copy(b.clauses);
    this.assessments = copy(b.assessments);
  }

  private static Map<Region, Set<Region>> copy(Map<Region, Set<Region>> m) {
    Map<Region, Set<Region>> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, Set.copyOf(v)));
    return Map.copyOf(out);
  }

  /** EU and UK restricted with common adequacy decisions; China in-country. */
  public static TransferRules defaults() {
    return builder()
        .restricted(Region.EU)
        .restricted(Region.UK)
        .inCountry(Region.CN)
        .adequacy(Region.EU, Region.UK)
        .adequacy(Region.EU, Region.CH)
        .adequacy(Region.EU, Region.JP)
        .adequacy(Region.UK, Region.EU)
        .adequacy(Region.UK, Region.CH)
        .adequacy(Region.UK, Region.JP)
        .build();
  }

  /** Starts empty rules: every region unrestricted. */
  public static Builder builder() {
    return new Builder();
  }

  /** Decides whether data collected in {@code from} may be sent to {@code to}. */
  public TransferDecision decide(Region from, Region to) {
    if (from.equals(to)) {
      return TransferDecision.SAME_REGION;
    }
    if (inCountry.contains(from)) {
      return has(assessments, from, to)
          ? TransferDecision.ASSESSMENT_RECORDED
          : TransferDecision.BLOCKED;
    }
    if (restricted.contains(from)) {
      if (has(adequacy, from, to)) {
        return TransferDecision.ADEQUACY;
      }
      return has(clauses, from, to) ? TransferDecision.STANDARD_CLAUSES : TransferDecision.BLOCKED;
    }
    return TransferDecision.UNRESTRICTED;
  }

  private static boolean has(Map<Region, Set<Region>> m, Region from, Region to) {
    Set<Region> s = m.get(from);
    return s != null && s.contains(to);
  }

  @Override
  public String toString() {
    return "TransferRules{restricted=" + restricted + ", inCountry=" + inCountry + "}";
  }

  /** Collects {@link TransferRules}; not thread-safe. */
  public static final class Builder {
    private final Set<Region> restricted = new HashSet<>();
    private final Set<Region> inCountry = new HashSet<>();
    private final Map<Region, Set<Region>> adequacy = new HashMap<>();
    private final Map<Region, Set<Region>> clauses = new HashMap<>();
    private final Map<Region, Set<Region>> assessments = new HashMap<>();

    private Builder() {}

    /** Data from {@code region} leaves only on adequacy or standard clauses. */
    public Builder restricted(Region region) {
      restricted.add(Objects.requireNonNull(region, "region"));
      return this;
    }

    /** Data from {@code region} stays there unless an assessment is recorded. */
    public Builder inCountry(Region region) {
      inCountry.add(Objects.requireNonNull(region, "region"));
      return this;
    }

    /** {@code from}'s law finds {@code to} adequate. */
    public Builder adequacy(Region from, Region to) {
      adequacy.computeIfAbsent(from, k -> new HashSet<>()).add(to);
      return this;
    }

    /** Standard contractual clauses for {@code from} to {@code to} are signed and on file. */
    public Builder standardClauses(Region from, Region to) {
      clauses.computeIfAbsent(from, k -> new HashSet<>()).add(to);
      return this;
    }

    /** A transfer assessment for {@code from} to {@code to} is recorded. */
    public Builder assessment(Region from, Region to) {
      assessments.computeIfAbsent(from, k -> new HashSet<>()).add(to);
      return this;
    }

    /** Builds the rules. */
    public TransferRules build() {
      return new TransferRules(this);
    }
  }
}
