package io.ambientretail.store.privacy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * A JDBC connection through which the store hands its database to sdk-privacy's {@code
 * JdbcAuditStore} inside the store's own transaction: its {@code commit}, {@code rollback}, {@code
 * setAutoCommit} and {@code close} do nothing, so an audit entry commits (or rolls back) atomically
 * with the change it records, in the same durable write. The owner (the store's {@code Database})
 * commits.
 */
public final class AuditConnections {
  private AuditConnections() {}

  /** A view of {@code c} whose transaction the caller owns; see the class comment. */
  public static Connection joined(Connection c) {
    return (Connection)
        Proxy.newProxyInstance(
            AuditConnections.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, m, args) -> {
              String name = m.getName();
              if (name.equals("commit")
                  || name.equals("setAutoCommit")
                  || name.equals("close")
                  || (name.equals("rollback") && m.getParameterCount() == 0)) {
                return null;
              }
              try {
                return m.invoke(c, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
