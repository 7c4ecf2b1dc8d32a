package io.ambientretail.privacy;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Where an {@link AccessController} keeps who holds which {@link Role}, so assignments survive a
 * restart: the storage SPI ({@code InMemoryPrivacyStore}, {@code JdbcPrivacyStore} in {@code
 * io.ambientretail.privacy.store}). Every change is durable when the method returns; adding a held
 * role or removing one not held does nothing. Implementations are thread-safe.
 */
public interface RoleAssignmentStore {
  /**
   * Durably gives {@code actor} {@code role}.
   *
   * @throws IOException if the change could not be made durable
   */
  void addRole(String actor, Role role) throws IOException;

  /**
   * Durably takes {@code role} from {@code actor}.
   *
   * @throws IOException if the change could not be made durable
   */
  void removeRole(String actor, Role role) throws IOException;

  /**
   * Every actor with their roles.
   *
   * @throws IOException if the store cannot be read
   */
  Map<String, Set<Role>> assignments() throws IOException;
}
