package io.ambientretail.devices.smartcard.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Finds libpcsclite and makes the jnasmartcardio provider. */
public final class PcscLibrary {
  private static final List<String> CANDIDATES =
      List.of(
          "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
          "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
          "/usr/lib/arm-linux-gnueabihf/libpcsclite.so.1",
          "/usr/lib/i386-linux-gnu/libpcsclite.so.1",
          "/usr/lib64/libpcsclite.so.1",
          "/usr/lib/libpcsclite.so.1",
          "/lib/libpcsclite.so.1",
          "/usr/local/lib/libpcsclite.so.1");

  private PcscLibrary() {}

  /** A new jnasmartcardio provider instance (each establishes its own PC/SC context). */
  public static Provider provider() {
    return new jnasmartcardio.Smartcardio();
  }

  /**
   * Releases the PC/SC context behind {@code terminals} now (jnasmartcardio would release it only
   * when the object is finalized); null and other providers' objects are left alone.
   */
  public static void release(javax.smartcardio.@Nullable CardTerminals terminals) {
    if (terminals instanceof jnasmartcardio.Smartcardio.JnaCardTerminals jna) {
      try {
        jna.close();
      } catch (javax.smartcardio.CardException | RuntimeException e) {
        // the service is gone already, and the context with it
      }
    }
  }

  /**
   * The libpcsclite path on this Linux machine (the versioned .so.1 that Debian installs without
   * the -dev package), or null when none is found or not on Linux.
   */
  public static @Nullable Path locate() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return null;
    }
    for (String c : CANDIDATES) {
      Path p = Path.of(c);
      if (Files.exists(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Points the JDK's own PC/SC provider at the library found by {@link #locate()}, unless the user
   * set {@code sun.security.smartcardio.library}; for code that uses the JDK provider.
   */
  public static void configureJdkProvider() {
    Path p = locate();
    if (p != null && System.getProperty("sun.security.smartcardio.library") == null) {
      System.setProperty("sun.security.smartcardio.library", p.toString());
    }
  }

  /** Where the library was looked for, for error messages. */
  public static String describe() {
    Path p = locate();
    return p != null
        ? "found " + p
        : "libpcsclite.so.1 not found in " + CANDIDATES + "; install libpcsclite1";
  }
}
