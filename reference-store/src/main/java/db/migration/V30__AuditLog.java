package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates sdk-privacy's {@code audit_log} table by running the DDL that sdk-privacy ships as a
 * class-path resource, so the store's schema and the library's {@code JdbcAuditStore} can never
 * disagree about the table. The store's first trail ({@code store_audit}) is left as it was: its
 * entries stay readable evidence, nothing writes to it any more.
 */
public final class V30__AuditLog extends BaseJavaMigration {
  /** Where sdk-privacy keeps the audit table's DDL. */
  static final String DDL = "io/ambientretail/privacy/audit/audit_log.sql";

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement s = context.getConnection().createStatement()) {
      s.execute(ddl());
    }
  }

  static String ddl() throws IOException {
    try (InputStream in = V30__AuditLog.class.getClassLoader().getResourceAsStream(DDL)) {
      if (in == null) {
        throw new IOException("sdk-privacy's " + DDL + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
