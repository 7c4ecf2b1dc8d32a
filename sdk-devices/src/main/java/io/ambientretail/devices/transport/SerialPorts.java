package io.ambientretail.devices.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lists the serial ports this machine has, as jSerialComm sees them (USB adapters, built-in UARTs;
 * pseudo-terminals are not listed but can still be opened by path).
 */
public final class SerialPorts {
  /**
   * One serial port.
   *
   * @param path the system path, e.g. {@code /dev/ttyUSB0}
   * @param description what the port says it is, e.g. the USB product name; may be empty
   */
  public record Info(String path, String description) {
    /** Checks for nulls. */
    public Info {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(description, "description");
    }
  }

  private SerialPorts() {}

  /**
   * The serial ports present now.
   *
   * @throws NativeLibraryException if jSerialComm's native library cannot be loaded
   */
  public static List<Info> list() throws NativeLibraryException {
    SerialPort[] ports;
    try {
      ports = SerialPort.getCommPorts();
    } catch (LinkageError e) {
      throw new NativeLibraryException(
          "jSerialComm could not load its native library ("
              + e
              + "); a noexec temporary folder causes this: set -DjSerialComm.library.path="
              + "<folder on an executable file system>",
          e);
    }
    List<Info> out = new ArrayList<>();
    for (SerialPort p : ports) {
      String d = p.getPortDescription();
      out.add(new Info(p.getSystemPortPath(), d == null ? "" : d));
    }
    return out;
  }
}
