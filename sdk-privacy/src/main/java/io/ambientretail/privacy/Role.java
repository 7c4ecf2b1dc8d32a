package io.ambientretail.privacy;

/**
 * A job someone does in or for a store (shopper, store operator, auditor, support, admin); a {@link
 * RolePolicy} gives each role the least permissions it needs.
 *
 * <p>An open set: define your own with {@link #of}; equal names are equal values. Immutable.
 */
public final class Role {
  /** A customer: sees and manages only their own data. */
  public static final Role SHOPPER = new Role("shopper");

  /** Runs a store day to day; no access to personal data at large. */
  public static final Role STORE_OPERATOR = new Role("store-operator");

  /** Reads and verifies the audit log; cannot change anything. */
  public static final Role AUDITOR = new Role("auditor");

  /** Answers customers: reads and corrects personal data, handles requests. */
  public static final Role SUPPORT = new Role("support");

  /** Manages roles, keys and policies; does not read personal data by default. */
  public static final Role ADMIN = new Role("admin");

  private final String name;

  private Role(String name) {
    this.name = name;
  }

  /**
   * Returns the role with this name.
   *
   * @throws PrivacyException if the name is not lower-case words joined by '.', '_' or '-'
   */
  public static Role of(String name) {
    return new Role(Name.check("role", name));
  }

  /** The role's name, as written in policies and audit entries. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Role && (((Role) o).name).equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
