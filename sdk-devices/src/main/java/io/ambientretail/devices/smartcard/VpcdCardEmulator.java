package io.ambientretail.devices.smartcard;

import io.ambientretail.devices.SmartCard;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import org.jspecify.annotations.Nullable;

/**
 * Puts a {@link SmartCard} into the vsmartcard {@code vpcd} virtual reader by speaking vpcd's TCP
 * protocol: while connected, pcscd reports a card present in that reader and forwards every APDU to
 * the card.
 *
 * <p>The protocol: every message is a 2-byte big-endian length followed by that many bytes. A
 * 1-byte message from vpcd is a control: {@code 0} power off, {@code 1} power on, {@code 2} reset,
 * {@code 4} get ATR (answered with the ATR). Any longer message is a command APDU, answered with
 * the card's response APDU.
 *
 * <p>{@link #insert} connects and serves the card on a daemon thread; {@link #close()} removes the
 * card. One emulator per vpcd reader at a time. Never logs APDU contents (they may hold card data).
 */
public final class VpcdCardEmulator implements AutoCloseable {
  /** Where Debian's vsmartcard-vpcd driver listens by default: 127.0.0.1:35963. */
  public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 35963);

  private static final int MAX_MESSAGE = 65_535 + 7;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final SmartCard card;
  private final Socket socket;
  private final Thread thread;
  private final CountDownLatch poweredOn = new CountDownLatch(1);
  private final AtomicInteger apdus = new AtomicInteger();
  private volatile boolean closed;
  private volatile @Nullable IOException failure;

  private VpcdCardEmulator(SmartCard card, Socket socket) {
    this.card = card;
    this.socket = socket;
    this.thread = new Thread(this::serve, "vpcd-card-" + THREADS.incrementAndGet());
    this.thread.setDaemon(true);
  }

  /**
   * Inserts {@code card} into the vpcd reader at {@code vpcd}: connects and starts answering.
   *
   * @throws IOException if vpcd is not listening there (is pcscd running with the vpcd driver?)
   */
  public static VpcdCardEmulator insert(SmartCard card, InetSocketAddress vpcd) throws IOException {
    Objects.requireNonNull(card, "card");
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(vpcd, 2_000);
    } catch (IOException e) {
      s.close();
      throw new IOException(
          "cannot reach the vpcd virtual reader at "
              + vpcd.getHostString()
              + ":"
              + vpcd.getPort()
              + " (is pcscd running with vsmartcard-vpcd installed?): "
              + e.getMessage(),
          e);
    }
    VpcdCardEmulator emulator = new VpcdCardEmulator(card, s);
    emulator.thread.start();
    return emulator;
  }

  /**
   * Waits until the reader has powered the card on (pcscd does this when it notices the card).
   *
   * @return false when the deadline passed first
   */
  public boolean awaitPowerOn(Duration timeout) throws InterruptedException {
    return poweredOn.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The number of command APDUs the card has answered. */
  public int apduCount() {
    return apdus.get();
  }

  /** The I/O error that ended the session early, or null while it runs or after a clean close. */
  public @Nullable IOException failure() {
    return failure;
  }

  /** True while the card is connected to the reader. */
  public boolean isInserted() {
    return !closed && thread.isAlive();
  }

  private void serve() {
    try (DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
      while (!closed) {
        int length;
        try {
          quickAck();
          length = in.readUnsignedShort();
        } catch (EOFException e) {
          return; // vpcd went away (pcscd stopped)
        }
        if (length == 0 || length > MAX_MESSAGE) {
          throw new IOException("vpcd sent a message of length " + length);
        }
        byte[] message = new byte[length];
        in.readFully(message);
        if (length == 1) {
          control(message[0], out);
        } else {
          byte[] response = card.process(message);
          apdus.incrementAndGet();
          send(out, response);
        }
      }
    } catch (IOException e) {
      if (!closed && !(e instanceof SocketException && socket.isClosed())) {
        failure = e;
      }
    } finally {
      closed = true;
    }
  }

  /**
   * vpcd writes each message's length and body in two sends; with delayed ACKs, Nagle on its side
   * holds the body back for tens of milliseconds per APDU. Linux clears TCP_QUICKACK after use, so
   * it is set again before every read.
   */
  private void quickAck() {
    if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
      try {
        socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
      } catch (IOException | UnsupportedOperationException e) {
        // an optimisation only
      }
    }
  }

  private void control(byte code, DataOutputStream out) throws IOException {
    switch (code) {
      case 0: // power off
        break;
      case 1: // power on
      case 2: // reset
        card.reset();
        poweredOn.countDown();
        break;
      case 4: // get ATR
        send(out, card.atr());
        break;
      default:
        throw new IOException("vpcd sent unknown control byte " + (code & 0xFF));
    }
  }

  private static void send(DataOutputStream out, byte[] payload) throws IOException {
    if (payload.length > MAX_MESSAGE) {
      throw new InterruptedIOException("response too long for vpcd: " + payload.length);
    }
    out.writeShort(payload.length);
    out.write(payload);
    out.flush();
  }

  /** Removes the card from the reader (closes the connection) and waits for the thread to end. */
  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
