package io.ambientretail.devices.smartcard;

import io.ambientretail.devices.smartcard.internal.PcscLibrary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.jspecify.annotations.Nullable;

/**
 * The PC/SC service (pcscd on Linux) behind the javax.smartcardio API, able to come back after the
 * service restarts: the PC/SC context is re-established (a new provider instance) whenever a call
 * fails because the service went away, so a kiosk never needs a JVM restart for it.
 *
 * <p>Uses the jnasmartcardio provider (it loads {@code libpcsclite.so.1}, which Debian installs
 * without the -dev package, and establishes a fresh context per instance). Never uses {@code
 * TerminalFactory.getDefault()}, which silently returns an empty "None" factory when pcscd is down
 * at first use.
 *
 * <p>Thread-safe.
 */
public final class PcscService {
  private @Nullable TerminalFactory factory;

  private PcscService() {}

  /** A service handle; nothing is loaded or connected until first use. */
  public static PcscService create() {
    return new PcscService();
  }

  /**
   * The names of the readers present now.
   *
   * @throws IOException if the PC/SC service is not running or failed
   */
  public List<String> readers() throws IOException {
    List<String> out = new ArrayList<>();
    for (CardTerminal t : terminals()) {
      out.add(t.getName());
    }
    return out;
  }

  /** The first reader matching {@code pattern}, or null when none is attached. */
  public @Nullable CardTerminal find(ReaderPattern pattern) throws IOException {
    for (CardTerminal t : terminals()) {
      if (pattern.matches(t.getName())) {
        return t;
      }
    }
    return null;
  }

  /** The terminals now; re-establishes the context once if the service went away. */
  public List<CardTerminal> terminals() throws IOException {
    try {
      return factory().terminals().list();
    } catch (CardException | RuntimeException first) {
      reset();
      try {
        return factory().terminals().list();
      } catch (CardException | RuntimeException e) {
        if (isNoReaders(e)) {
          return List.of();
        }
        throw new IOException("PC/SC service unavailable (is pcscd running?): " + describe(e), e);
      }
    }
  }

  /** Drops the current context so the next call establishes a new one. */
  public synchronized void reset() {
    factory = null;
  }

  private synchronized TerminalFactory factory() throws IOException {
    if (factory == null) {
      try {
        factory = TerminalFactory.getInstance("PC/SC", null, PcscLibrary.provider());
      } catch (java.security.NoSuchAlgorithmException | LinkageError e) {
        throw new IOException(
            "cannot load the PC/SC library (" + PcscLibrary.describe() + "): " + e, e);
      }
    }
    return factory;
  }

  static boolean isNoReaders(Throwable e) {
    return describe(e).contains("SCARD_E_NO_READERS_AVAILABLE");
  }

  /** The exception's message with its causes, for error events. */
  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null && sb.length() < 300; t = t.getCause()) {
      if (sb.length() > 0) {
        sb.append(": ");
      }
      sb.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
    }
    return sb.toString();
  }
}
