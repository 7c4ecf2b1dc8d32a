package io.ambientretail.privacy;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which permissions each {@link Role} has. {@link #defaults()} is least privilege: a shopper can
 * read only their own data, an operator runs the store without personal data, an auditor reads and
 * verifies the audit log, support reads, corrects and answers requests, an admin manages roles,
 * keys and policies but does not read personal data.
 *
 * <p>Immutable; build another with {@link #builder()}.
 */
public final class RolePolicy {
  private final Map<Role, Set<Permission>> grants;

  private RolePolicy(Map<Role, Set<Permission>> grants) {
    this.grants = Map.copyOf(grants);
  }

  /** The SDK's least-privilege policy for the five standard roles. */
  public static RolePolicy defaults() {
    return builder()
        .allow(Role.SHOPPER, Permission.OWN_DATA_READ, Permission.OWN_CONSENT_MANAGE)
        .allow(Role.STORE_OPERATOR, Permission.STORE_OPERATE)
        .allow(Role.AUDITOR, Permission.AUDIT_READ, Permission.AUDIT_VERIFY)
        .allow(
            Role.SUPPORT,
            Permission.PERSONAL_DATA_READ,
            Permission.PERSONAL_DATA_RECTIFY,
            Permission.DSR_HANDLE)
        .allow(
            Role.ADMIN,
            Permission.ROLE_ASSIGN,
            Permission.KEY_MANAGE,
            Permission.POLICY_MANAGE,
            Permission.AUDIT_VERIFY)
        .build();
  }

  /** Starts an empty policy. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code role} has {@code permission}. */
  public boolean allows(Role role, Permission permission) {
    Set<Permission> p = grants.get(role);
    return p != null && p.contains(permission);
  }

  /** The permissions of {@code role} (empty for a role the policy does not know). */
  public Set<Permission> permissions(Role role) {
    return grants.getOrDefault(role, Set.of());
  }

  @Override
  public String toString() {
    return "RolePolicy" + grants;
  }

  /** Collects the grants of a {@link RolePolicy}; not thread-safe. */
  public static final class Builder {
    private final Map<Role, Set<Permission>> grants = new HashMap<>();

    private Builder() {}

    /** Gives {@code role} these permissions, in addition to any given before. */
    public Builder allow(Role role, Permission... permissions) {
      Objects.requireNonNull(role, "role");
      Set<Permission> now = new java.util.HashSet<>(grants.getOrDefault(role, Set.of()));
      for (Permission p : permissions) {
        now.add(Objects.requireNonNull(p, "permission"));
      }
      grants.put(role, Set.copyOf(now));
      return this;
    }

    /** Builds the policy. */
    public RolePolicy build() {
      return new RolePolicy(grants);
    }
  }
}
