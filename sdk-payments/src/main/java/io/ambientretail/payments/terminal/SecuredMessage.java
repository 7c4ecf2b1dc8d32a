package io.ambientretail.payments.terminal;

import java.util.Objects;

/**
 * An encrypted local-terminal message: the clear header, the security trailer and the encrypted
 * body ({@code NexoBlob}). Its {@code toString} shows the blob's length only.
 *
 * @param request true for a {@code SaleToPOIRequest}, false for a response
 */
public record SecuredMessage(
    boolean request, MessageHeader header, SecurityTrailer trailer, byte[] blob)
    implements NexoMessage {
  /** Checks the fields and copies the blob. */
  public SecuredMessage {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(trailer, "trailer");
    blob = blob.clone();
  }

  /** A copy of the encrypted body. */
  @Override
  public byte[] blob() {
    return blob.clone();
  }

  @Override
  public String toString() {
    return "SecuredMessage[" + header + ", " + trailer + ", blob=" + blob.length + " bytes]";
  }
}
