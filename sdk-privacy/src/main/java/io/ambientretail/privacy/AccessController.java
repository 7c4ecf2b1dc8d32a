package io.ambientretail.privacy;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.AuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Role-based access control: who holds which {@link Role}, and whether an actor may do something.
 * Every check, allowed or refused, and every role change is reported to the {@link AuditSink}
 * (action {@code access.check} or {@code role.grant} / {@code role.revoke}, with the permission and
 * the outcome), so the audit log shows who was let in and who was turned away.
 *
 * <p>Actors are ids as they appear in the audit log (a staff id, a service name, a shopper's
 * pseudonym). Thread-safe; a role change is visible to every check that starts after it returns.
 * Created with a {@link RoleAssignmentStore}, every role change is durable in it before it takes
 * effect (a failure is an {@link UncheckedIOException} and changes nothing) and the controller
 * starts from the assignments kept there; without one, assignments live in memory only.
 */
public final class AccessController {
  private final RolePolicy policy;
  private final AuditSink audit;
  private final Map<String, Set<Role>> roles = new ConcurrentHashMap<>();
  private final @Nullable RoleAssignmentStore store;

  private AccessController(
      RolePolicy policy, AuditSink audit, @Nullable RoleAssignmentStore store) {
    this.policy = policy;
    this.audit = audit;
    this.store = store;
  }

  /** Creates a controller with the given policy, reporting to {@code audit}; nobody has a role. */
  public static AccessController create(RolePolicy policy, AuditSink audit) {
    return new AccessController(
        Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(audit, "audit"), null);
  }

  /**
   * Creates a controller that keeps role assignments in {@code store}, starting from those kept
   * there.
   *
   * @throws IOException if the store cannot be read
   */
  public static AccessController create(
      RolePolicy policy, AuditSink audit, RoleAssignmentStore store) throws IOException {
    AccessController c =
        new AccessController(
            Objects.requireNonNull(policy, "policy"),
            Objects.requireNonNull(audit, "audit"),
            Objects.requireNonNull(store, "store"));
    store
        .assignments()
        .forEach(
            (actor, held) -> {
              if (!held.isEmpty()) {
                c.roles.put(actor, Set.copyOf(held));
              }
            });
    return c;
  }

  private void persist(String actor, Role role, boolean add) {
    if (store == null) {
      return;
    }
    try {
      if (add) {
        store.addRole(actor, role);
      } else {
        store.removeRole(actor, role);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "role change was not stored, nothing changed: " + e.getMessage(), e);
    }
  }

  /**
   * Gives {@code actor} a role without a check: for the first administrator when a store is set up.
   * Audited as {@code role.bootstrap}.
   */
  public void bootstrap(String actor, Role role, String origin) {
    persist(actor, Objects.requireNonNull(role, "role"), true);
    roles.compute(actor, (a, now) -> with(now, role));
    audit.record(
        event(
            "system",
            "role.bootstrap",
            AuditOutcome.SUCCESS,
            origin,
            "actor/" + actor,
            "role=" + role.name()));
  }

  /**
   * Whether {@code actor} has {@code permission} on {@code resource}; audited either way.
   *
   * @param origin where the request came from (terminal, host, component)
   */
  public boolean check(String actor, Permission permission, String resource, String origin) {
    boolean ok = has(actor, permission);
    audit.record(
        event(
            actor,
            "access.check",
            ok ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
            origin,
            resource,
            "permission=" + permission.name()));
    return ok;
  }

  /**
   * Like {@link #check}, but refuses with an exception.
   *
   * @throws PrivacyException with {@link PrivacyException#ACCESS_DENIED} if not allowed
   */
  public void require(String actor, Permission permission, String resource, String origin) {
    if (!check(actor, permission, resource, origin)) {
      throw new PrivacyException(
          PrivacyException.ACCESS_DENIED,
          actor + " lacks permission " + permission.name() + " for " + resource);
    }
  }

  /**
   * Gives {@code actor} a role; {@code by} needs {@link Permission#ROLE_ASSIGN} and may not change
   * their own roles.
   *
   * @throws PrivacyException with {@link PrivacyException#ACCESS_DENIED} if {@code by} may not
   */
  public void grant(String by, String actor, Role role, String origin) {
    changeRole(by, actor, role, origin, true);
  }

  /**
   * Takes a role from {@code actor}; {@code by} needs {@link Permission#ROLE_ASSIGN}.
   *
   * @throws PrivacyException with {@link PrivacyException#ACCESS_DENIED} if {@code by} may not
   */
  public void revoke(String by, String actor, Role role, String origin) {
    changeRole(by, actor, role, origin, false);
  }

  private void changeRole(String by, String actor, Role role, String origin, boolean grant) {
    String action = grant ? "role.grant" : "role.revoke";
    boolean ok = has(by, Permission.ROLE_ASSIGN) && !by.equals(actor);
    if (ok) {
      // Durable first: the audit log must not show a change that did not happen.
      persist(actor, role, grant);
    }
    audit.record(
        event(
            by,
            action,
            ok ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
            origin,
            "actor/" + actor,
            "role=" + role.name()));
    if (!ok) {
      throw new PrivacyException(
          PrivacyException.ACCESS_DENIED,
          by.equals(actor)
              ? by + " may not change their own roles"
              : by + " lacks permission role.assign");
    }
    if (grant) {
      roles.compute(actor, (a, now) -> with(now, role));
    } else {
      roles.computeIfPresent(
          actor,
          (a, now) -> {
            Set<Role> s = new HashSet<>(now);
            s.remove(role);
            return s.isEmpty() ? null : Set.copyOf(s);
          });
    }
  }

  /** The roles {@code actor} holds now. */
  public Set<Role> roles(String actor) {
    return roles.getOrDefault(actor, Set.of());
  }

  private boolean has(String actor, Permission permission) {
    for (Role r : roles.getOrDefault(actor, Set.of())) {
      if (policy.allows(r, permission)) {
        return true;
      }
    }
    return false;
  }

  private static Set<Role> with(Set<Role> now, Role role) {
    Set<Role> s = new HashSet<>(now == null ? Set.of() : now);
    s.add(Objects.requireNonNull(role, "role"));
    return Set.copyOf(s);
  }

  private static AuditEvent event(
      String actor,
      String action,
      AuditOutcome outcome,
      String origin,
      String resource,
      String detail) {
    return AuditEvent.builder()
        .actor(actor)
        .action(action)
        .outcome(outcome)
        .origin(origin)
        .resource(resource)
        .detail(detail)
        .build();
  }

  @Override
  public String toString() {
    return "AccessController{" + roles.size() + " actors}";
  }
}
