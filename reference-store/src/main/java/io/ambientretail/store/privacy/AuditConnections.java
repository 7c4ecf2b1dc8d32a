package io.ambientretail.store.privacy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * JDBC connections through which the store hands its database to sdk-privacy's
 * {@code JdbcAuditStore}.
 *
 * <p>{@link #joined} lets the audit store work inside the transaction of whoever owns the
 * connection: its {@code commit}, {@code rollback}, {@code setAutoCommit} and {@code close} do
 * nothing, so an audit entry commits (or rolls back) atomically with the change it records, in
 * the same durable write. The owner (the store's {@code Database}) commits.
 *
 * <p>Both kinds store the two hash columns as 43 characters of base64url instead of 64 hex
 * digits, and give hex back when they are read. About one SHA-256 hex string in two hundred holds
 * a Luhn-valid run of 13 to 19 digits that a PAN scan of the database file rightly flags; base64url
 * has no such runs. sdk-privacy's next version stores base64url itself and still reads hex, so
 * rows written either way stay readable by both; once it is in, this translation is a no-op and
 * can go.
 */
public final class AuditConnections {
  private static final String INSERT = "INSERT INTO AUDIT_LOG";
  private static final String SELECT_HASHES = "PREV_HASH, ENTRY_HASH FROM AUDIT_LOG";
  private static final int COLUMNS = 10;

  private AuditConnections() {}

  /** A view of {@code c} whose transaction the caller owns; see the class comment. */
  public static Connection joined(Connection c) {
    return wrap(c, true);
  }

  /** A view of {@code c} that only translates the hash columns (for reading a store's log). */
  public static Connection reading(Connection c) {
    return wrap(c, false);
  }

  /** A stored hash (base64url or hex, blank padding allowed) as 64 lower-case hex digits. */
  public static String hex(String stored) {
    String s = stored.strip();
    if (s.length() == 43) {
      try {
        return HexFormat.of().formatHex(Base64.getUrlDecoder().decode(s));
      } catch (IllegalArgumentException e) {
        return s;
      }
    }
    return s;
  }

  static String stored(String hex) {
    if (hex != null && hex.length() == 64) {
      try {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
            HexFormat.of().parseHex(hex));
      } catch (IllegalArgumentException e) {
        return hex;
      }
    }
    return hex;
  }

  private static Connection wrap(Connection c, boolean joined) {
    return (Connection) Proxy.newProxyInstance(AuditConnections.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, m, args) -> {
          String name = m.getName();
          if (joined && (name.equals("commit") || name.equals("setAutoCommit")
              || name.equals("close") || (name.equals("rollback") && m.getParameterCount() == 0))) {
            return null;
          }
          Object r = invoke(m, c, args);
          if (name.equals("prepareStatement") && args != null && args[0] instanceof String sql) {
            String u = sql.toUpperCase(Locale.ROOT);
            if (u.startsWith(INSERT)) {
              return statement((PreparedStatement) r, true);
            }
            if (u.contains(SELECT_HASHES)) {
              return statement((PreparedStatement) r, false);
            }
          }
          return r;
        });
  }

  private static PreparedStatement statement(PreparedStatement ps, boolean insert) {
    return (PreparedStatement) Proxy.newProxyInstance(AuditConnections.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (proxy, m, args) -> {
          if (insert && m.getName().equals("setString") && args[0] instanceof Integer i
              && (i - 1) % COLUMNS >= COLUMNS - 2) {
            args[1] = stored((String) args[1]);
          }
          Object r = invoke(m, ps, args);
          if (!insert && m.getName().equals("executeQuery")) {
            return results((ResultSet) r);
          }
          return r;
        });
  }

  private static ResultSet results(ResultSet rs) {
    InvocationHandler h = (proxy, m, args) -> {
      Object r = invoke(m, rs, args);
      if (m.getName().equals("getString") && r instanceof String s && args[0] instanceof Integer i
          && i >= COLUMNS - 1) {
        return hex(s);
      }
      return r;
    };
    return (ResultSet) Proxy.newProxyInstance(AuditConnections.class.getClassLoader(),
        new Class<?>[] {ResultSet.class}, h);
  }

  private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
