package io.ambientretail.privacy;

/**
 * Something a principal may do; roles are sets of permissions and every check is audited.
 *
 * <p>An open set: define your own with {@link #of}; equal names are equal values. Immutable.
 */
public final class Permission {
  /** Read one's own personal data (a shopper's right of access). */
  public static final Permission OWN_DATA_READ = new Permission("own-data.read");

  /** Grant or withdraw one's own consent. */
  public static final Permission OWN_CONSENT_MANAGE = new Permission("own-consent.manage");

  /** Read another person's personal data in the course of work. */
  public static final Permission PERSONAL_DATA_READ = new Permission("personal-data.read");

  /** Correct another person's personal data. */
  public static final Permission PERSONAL_DATA_RECTIFY = new Permission("personal-data.rectify");

  /** Turn a token or pseudonym back into the data it stands for. */
  public static final Permission DETOKENIZE = new Permission("detokenize");

  /** Run data-subject requests (access, export, rectify, delete, object). */
  public static final Permission DSR_HANDLE = new Permission("dsr.handle");

  /** Read and export the audit log. */
  public static final Permission AUDIT_READ = new Permission("audit.read");

  /** Verify the audit log and its checkpoints. */
  public static final Permission AUDIT_VERIFY = new Permission("audit.verify");

  /** Operate a store: stock, devices, refunds; no personal data beyond a receipt in hand. */
  public static final Permission STORE_OPERATE = new Permission("store.operate");

  /** Export anonymised (k-anonymous) analytics. */
  public static final Permission ANALYTICS_EXPORT = new Permission("analytics.export");

  /** Grant and revoke roles. */
  public static final Permission ROLE_ASSIGN = new Permission("role.assign");

  /** Rotate and destroy encryption and pseudonym keys. */
  public static final Permission KEY_MANAGE = new Permission("key.manage");

  /** Change retention, purpose and transfer policies. */
  public static final Permission POLICY_MANAGE = new Permission("policy.manage");

  private final String name;

  private Permission(String name) {
    this.name = name;
  }

  /**
   * Returns the permission with this name.
   *
   * @throws PrivacyException if the name is not lower-case words joined by '.', '_' or '-'
   */
  public static Permission of(String name) {
    return new Permission(Name.check("permission", name));
  }

  /** The permission's name, as written in policies and audit entries. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Permission && (((Permission) o).name).equals(name);
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
