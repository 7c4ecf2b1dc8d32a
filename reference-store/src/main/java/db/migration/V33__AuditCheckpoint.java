package db.migration;

import io.ambientretail.privacy.audit.JdbcAuditStore;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Moves the store's signed audit checkpoints into sdk-privacy's table {@code audit_checkpoint}
 * ({@link JdbcAuditStore#CHECKPOINT_DDL}), where {@code JdbcAuditStore}, and so {@code ambient
 * audit export} and {@code verify}, find them.
 *
 * <p>The old rows fit as they are: the store's own {@code audit_checkpoints} (V31) held the same
 * C2SP signed notes, made by the same {@code CheckpointSigner} over the same {@code audit_log},
 * with the same tree size and key name; only {@code signed_ms} has no column in the library's
 * table, and the store reads that time from the audit entry of each signing instead. They are
 * copied (each (size, key) once) and the old table is dropped.
 */
public final class V33__AuditCheckpoint extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute(JdbcAuditStore.CHECKPOINT_DDL);
      s.executeUpdate(
          "INSERT INTO audit_checkpoint (tree_size, key_name, note) SELECT"
              + " o.tree_size, o.key_name, o.note FROM audit_checkpoints o WHERE NOT EXISTS (SELECT 1"
              + " FROM audit_checkpoint n WHERE n.tree_size = o.tree_size AND n.key_name ="
              + " o.key_name)");
      s.execute("DROP TABLE audit_checkpoints");
    }
  }
}
