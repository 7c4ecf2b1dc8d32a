package io.ambientretail.devices.transport.internal;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import com.fazecast.jSerialComm.SerialPortMessageListener;
import io.ambientretail.devices.transport.ByteLink;
import io.ambientretail.devices.transport.FlowControl;
import io.ambientretail.devices.transport.NativeLibraryException;
import io.ambientretail.devices.transport.SerialSettings;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ByteLink} over one opened jSerialComm port. Closes the port on the first disconnect
 * event (jSerialComm keeps firing them until the port is closed, and {@code isOpen()} stays true
 * after an unplug) and on the first failed read.
 */
public final class JSerialCommLink implements ByteLink {
  private static final Object LOAD_LOCK = new Object();
  private static volatile boolean loaded;

  private final SerialPort port;
  private final String name;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean disconnected;

  private JSerialCommLink(SerialPort port, String name) {
    this.port = port;
    this.name = name;
  }

  /** Opens the port in {@code s}. */
  public static ByteLink open(SerialSettings s) throws IOException {
    ensureNativeLibrary(s);
    String path = s.path();
    Path p = Path.of(path);
    if (!Files.exists(p)) {
      throw new IOException("serial port " + path + " does not exist");
    }
    String real = p.toRealPath().toString();
    SerialPort port;
    try {
      port = SerialPort.getCommPort(real);
    } catch (SerialPortInvalidPortException e) {
      throw new IOException("serial port " + path + " is not a port: " + e.getMessage(), e);
    }
    port.setComPortParameters(s.baud(), s.dataBits(), stopBits(s), parity(s));
    port.setFlowControl(flow(s.flowControl()));
    port.setComPortTimeouts(
        SerialPort.TIMEOUT_READ_SEMI_BLOCKING, (int) Math.max(1, s.pollInterval().toMillis()), 0);
    if (!port.openPort()) {
      throw new IOException(
          "cannot open serial port "
              + path
              + (real.equals(path) ? "" : " (" + real + ")")
              + ": error "
              + port.getLastErrorCode()
              + " at "
              + port.getLastErrorLocation()
              + " (in use, or no permission?)");
    }
    JSerialCommLink link = new JSerialCommLink(port, path);
    port.addDataListener(
        new SerialPortMessageListener() {
          @Override
          public int getListeningEvents() {
            return SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
          }

          @Override
          public byte[] getMessageDelimiter() {
            return new byte[] {'\n'};
          }

          @Override
          public boolean delimiterIndicatesEndOfMessage() {
            return true;
          }

          @Override
          public void serialEvent(SerialPortEvent event) {
            // jSerialComm repeats this event until the port is closed. Closing from its own event
            // thread would join that thread, so flag it: the reader closes the port on its next
            // read.
            link.disconnected = true;
          }
        });
    return link;
  }

  private static void ensureNativeLibrary(SerialSettings s) throws NativeLibraryException {
    if (loaded) {
      return;
    }
    synchronized (LOAD_LOCK) {
      if (loaded) {
        return;
      }
      Path dir = s.nativeLibraryDirectory();
      if (dir != null) {
        extractInto(dir);
        System.setProperty("jSerialComm.library.path", dir.toString());
      }
      try {
        SerialPort.getCommPorts();
        loaded = true;
      } catch (LinkageError e) {
        String where = System.getProperty("jSerialComm.library.path");
        String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        throw new NativeLibraryException(
            "jSerialComm could not load its native library from "
                + (where != null
                    ? where
                    : "the folder it extracts to under "
                        + System.getProperty("java.io.tmpdir")
                        + " or "
                        + System.getProperty("user.home")
                        + " (a noexec /tmp causes this)")
                + " ("
                + first
                + "); set "
                + "SerialSettings.Builder.nativeLibraryDirectory(dir) to a folder on a file system "
                + "mounted with exec",
            e);
      }
    }
  }

  /**
   * jSerialComm only loads from {@code jSerialComm.library.path}; it does not extract there. So
   * copy the library for this platform out of its jar into {@code dir} unless it is there.
   */
  private static void extractInto(Path dir) throws NativeLibraryException {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    if (!os.contains("linux")) {
      return; // elsewhere the user provides the library in the folder
    }
    String arch;
    switch (System.getProperty("os.arch", "")) {
      case "amd64":
      case "x86_64":
        arch = "x86_64";
        break;
      case "aarch64":
        arch = "armv8_64";
        break;
      case "arm":
        arch = "armv7hf";
        break;
      case "x86":
      case "i386":
        arch = "x86";
        break;
      case "ppc64le":
        arch = "ppc64le";
        break;
      default:
        return;
    }
    Path target = dir.resolve("libjSerialComm.so");
    try {
      if (Files.isRegularFile(target)) {
        return;
      }
      Files.createDirectories(dir);
      try (java.io.InputStream in =
          SerialPort.class.getResourceAsStream("/Linux/" + arch + "/libjSerialComm.so")) {
        if (in == null) {
          throw new NativeLibraryException(
              "the jSerialComm jar has no library for Linux/" + arch,
              new UnsatisfiedLinkError(arch));
        }
        Path tmp = Files.createTempFile(dir, "libjSerialComm", ".tmp");
        Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            tmp,
            target,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new NativeLibraryException(
          "cannot put jSerialComm's native library into " + dir + ": " + e.getMessage(), e);
    }
  }

  private static int stopBits(SerialSettings s) {
    switch (s.stopBits()) {
      case TWO:
        return SerialPort.TWO_STOP_BITS;
      case ONE_POINT_FIVE:
        return SerialPort.ONE_POINT_FIVE_STOP_BITS;
      default:
        return SerialPort.ONE_STOP_BIT;
    }
  }

  private static int parity(SerialSettings s) {
    switch (s.parity()) {
      case ODD:
        return SerialPort.ODD_PARITY;
      case EVEN:
        return SerialPort.EVEN_PARITY;
      case MARK:
        return SerialPort.MARK_PARITY;
      case SPACE:
        return SerialPort.SPACE_PARITY;
      default:
        return SerialPort.NO_PARITY;
    }
  }

  private static int flow(FlowControl f) {
    switch (f) {
      case RTS_CTS:
        return SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
      case XON_XOFF:
        return SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED
            | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
      default:
        return SerialPort.FLOW_CONTROL_DISABLED;
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (disconnected) {
      close();
      throw new EOFException("serial port " + name + " disconnected");
    }
    if (closed.get()) {
      throw new EOFException("serial port " + name + " closed");
    }
    int n = port.readBytes(buffer, length, offset);
    if (n < 0) {
      close();
      throw new EOFException(
          "serial port "
              + name
              + " disconnected (read failed, error "
              + port.getLastErrorCode()
              + ")");
    }
    return n;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    int done = 0;
    while (done < length) {
      if (closed.get()) {
        throw new EOFException("serial port " + name + " closed");
      }
      int n = port.writeBytes(bytes, length - done, offset + done);
      if (n < 0) {
        close();
        throw new EOFException("serial port " + name + " disconnected (write failed)");
      }
      done += n;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      port.removeDataListener();
      port.closePort();
    }
  }
}
