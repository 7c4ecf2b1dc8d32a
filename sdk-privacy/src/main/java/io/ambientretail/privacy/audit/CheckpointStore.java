package io.ambientretail.privacy.audit;

import java.io.IOException;
import java.util.List;

/**
 * Where a store keeps the signed checkpoints of its own audit log, so an export carries them and
 * {@code ambient audit verify} can check the log against them. {@link JdbcAuditStore} keeps them in
 * the table {@code audit_checkpoint} next to the log; {@link InMemoryAuditStore} in memory.
 *
 * <p>A checkpoint kept here proves little on its own (whoever can rewrite the log can delete
 * checkpoints too): hand each one to a central witness as well. Implementations are thread-safe.
 */
public interface CheckpointStore {
  /**
   * Durably keeps a signed checkpoint. Storing the same checkpoint again does nothing, so a
   * scheduled job may retry freely.
   *
   * @throws IOException if it could not be made durable
   * @throws io.ambientretail.privacy.PrivacyException with {@link
   *     io.ambientretail.privacy.PrivacyException#AUDIT_CHAIN_BROKEN} if a different checkpoint of
   *     the same size by the same key is already kept (the log forked)
   */
  void saveCheckpoint(SignedCheckpoint checkpoint) throws IOException;

  /**
   * Every kept checkpoint, by tree size and then key name.
   *
   * @throws IOException if the store cannot be read, or a kept checkpoint cannot be parsed
   */
  List<SignedCheckpoint> checkpoints() throws IOException;
}
