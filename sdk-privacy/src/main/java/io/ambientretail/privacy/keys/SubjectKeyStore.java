package io.ambientretail.privacy.keys;

import io.ambientretail.privacy.SubjectId;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link SubjectVault} keeps each subject's wrapped data key, so encrypted records stay
 * readable after a restart: the storage SPI ({@code InMemoryPrivacyStore}, {@code JdbcPrivacyStore}
 * in {@code io.ambientretail.privacy.store}). Only wrapped keys are kept: without the facility's
 * KEK in the {@link KeyStore} they are useless, and removing one crypto-shreds the subject. Every
 * change is durable when the method returns. Implementations are thread-safe.
 */
public interface SubjectKeyStore {
  /**
   * Keeps {@code key} for {@code subject} unless a key is kept already, and returns the key kept
   * (so two machines racing to create a subject's key agree on one).
   *
   * @throws IOException if it could not be made durable
   */
  WrappedKey putKeyIfAbsent(SubjectId subject, WrappedKey key) throws IOException;

  /**
   * The subject's wrapped key, or null when there is none.
   *
   * @throws IOException if the store cannot be read
   */
  @Nullable WrappedKey key(SubjectId subject) throws IOException;

  /**
   * Durably deletes the subject's key (crypto-shredding); returns whether there was one.
   *
   * @throws IOException if the deletion could not be made durable
   */
  boolean removeKey(SubjectId subject) throws IOException;
}
