package io.ambientretail.devices.smartcard;

import io.ambientretail.devices.smartcard.internal.PcscLibrary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import org.jspecify.annotations.Nullable;

/**
 * The PC/SC service (pcscd on Linux) behind the javax.smartcardio API, able to come back after the
 * service restarts: the PC/SC context is re-established (a new provider instance) whenever a call
 * fails because the service went away, so a kiosk never needs a JVM restart for it.
 *
 * <p>One context per service, reused by every call and released explicitly: jnasmartcardio
 * establishes a new PC/SC context on every {@code TerminalFactory.terminals()} and releases it only
 * in {@code finalize()}, so a kiosk that asked for the terminals on every card read would pile up
 * contexts (each a connection to pcscd, which refuses clients past its limit) until a garbage
 * collection happened to run. This class keeps one, releases it before establishing the next after
 * a failure, and on {@link #close()}.
 *
 * <p>Uses the jnasmartcardio provider (it loads {@code libpcsclite.so.1}, which Debian installs
 * without the -dev package). Never uses {@code TerminalFactory.getDefault()}, which silently
 * returns an empty "None" factory when pcscd is down at first use.
 *
 * <p>Thread-safe.
 */
public final class PcscService implements AutoCloseable {
  private @Nullable CardTerminals context;
  private long established;
  private boolean closed;

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

  /**
   * The terminals now, on this service's one context; re-establishes the context once (releasing
   * the old one) if the service went away.
   */
  public List<CardTerminal> terminals() throws IOException {
    try {
      return context().list();
    } catch (CardException | RuntimeException first) {
      if (isNoReaders(first)) {
        return List.of();
      }
      reset();
      try {
        return context().list();
      } catch (CardException | RuntimeException e) {
        if (isNoReaders(e)) {
          return List.of();
        }
        throw new IOException("PC/SC service unavailable (is pcscd running?): " + describe(e), e);
      }
    }
  }

  /** Releases the current context; the next call establishes a new one. */
  public void reset() {
    CardTerminals old;
    synchronized (this) {
      old = context;
      context = null;
    }
    PcscLibrary.release(old);
  }

  /** How many PC/SC contexts this service has established so far (one, unless pcscd restarted). */
  public synchronized long contextsEstablished() {
    return established;
  }

  /** Releases the context; later calls fail. Closing twice does nothing. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    reset();
  }

  private synchronized CardTerminals context() throws IOException {
    if (closed) {
      throw new IOException("PC/SC service handle is closed");
    }
    if (context == null) {
      try {
        context = TerminalFactory.getInstance("PC/SC", null, PcscLibrary.provider()).terminals();
        established++;
      } catch (java.security.NoSuchAlgorithmException | LinkageError e) {
        throw new IOException(
            "cannot load the PC/SC library (" + PcscLibrary.describe() + "): " + e, e);
      } catch (RuntimeException e) {
        throw new IOException("PC/SC service unavailable (is pcscd running?): " + describe(e), e);
      }
    }
    return context;
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
