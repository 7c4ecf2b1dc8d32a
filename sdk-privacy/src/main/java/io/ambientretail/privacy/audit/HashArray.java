package io.ambientretail.privacy.audit;

import java.util.ArrayList;
import java.util.List;

/** A growable array of 32-byte hashes in 1 MiB chunks, so a large log needs no huge array. */
final class HashArray {
  private static final int CHUNK_SHIFT = 15;
  private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT;
  private static final int MASK = CHUNK_HASHES - 1;

  private final List<byte[]> chunks = new ArrayList<>();
  private long size;

  long size() {
    return size;
  }

  void add(byte[] src, int off) {
    int slot = (int) (size & MASK);
    if (slot == 0) {
      chunks.add(new byte[CHUNK_HASHES * Sha256Hash.LENGTH]);
    }
    System.arraycopy(
        src, off, chunks.get(chunks.size() - 1), slot * Sha256Hash.LENGTH, Sha256Hash.LENGTH);
    size++;
  }

  /** Feeds hash {@code i} into {@code sink} at {@code off}. */
  void copy(long i, byte[] sink, int off) {
    byte[] chunk = chunks.get((int) (i >>> CHUNK_SHIFT));
    System.arraycopy(chunk, (int) (i & MASK) * Sha256Hash.LENGTH, sink, off, Sha256Hash.LENGTH);
  }
}
