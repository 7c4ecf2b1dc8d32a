package io.ambientretail.privacy.keys;

import java.util.Arrays;
import java.util.Objects;

/**
 * A data key encrypted under one version of a facility's KEK: what is stored next to the data.
 * Immutable; {@link #bytes()} returns a copy. Not secret on its own.
 */
public final class WrappedKey {
  private final String facility;
  private final int kekVersion;
  private final byte[] bytes;

  /**
   * Creates a wrapped key as a {@link KeyStore} returns it.
   *
   * @throws IllegalArgumentException if the version is below 1 or there are no bytes
   */
  public WrappedKey(String facility, int kekVersion, byte[] bytes) {
    if (kekVersion < 1 || bytes.length == 0) {
      throw new IllegalArgumentException("a wrapped key needs a KEK version >= 1 and bytes");
    }
    this.facility = Objects.requireNonNull(facility, "facility");
    this.kekVersion = kekVersion;
    this.bytes = bytes.clone();
  }

  /** The facility whose KEK wrapped it. */
  public String facility() {
    return facility;
  }

  /** The KEK version that wrapped it. */
  public int kekVersion() {
    return kekVersion;
  }

  /** The wrapped bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrappedKey
        && ((WrappedKey) o).kekVersion == kekVersion
        && ((WrappedKey) o).facility.equals(facility)
        && Arrays.equals(((WrappedKey) o).bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(facility, kekVersion, Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return "WrappedKey{" + facility + " v" + kekVersion + ", " + bytes.length + " bytes}";
  }
}
