package io.ambientretail.devices.internal;

import io.ambientretail.devices.transport.FrameDecoder;
import io.ambientretail.devices.transport.FrameLimits;

/** The driver-specific part of a serial device: how to frame its bytes and what frames mean. */
public interface Protocol {
  /** A new decoder for one connection. */
  FrameDecoder newDecoder(FrameLimits limits);

  /** Handles one frame on the I/O thread: parse and emit events through {@code core}. */
  void onFrame(byte[] buffer, int offset, int length, DeviceCore core);

  /** Called on the I/O thread after every (re)connect, e.g. to start a stream of readings. */
  default void onConnected(DeviceCore core) throws java.io.IOException {}

  /** Called on the I/O thread after the link was lost. */
  default void onDisconnected(DeviceCore core) {}

  /**
   * How long a connected device may send nothing before it counts as unresponsive (a streaming
   * scale, a polled or heartbeat-acknowledging device), or null for devices that are silent by
   * nature (a scanner between scans).
   */
  default java.time.@org.jspecify.annotations.Nullable Duration silenceLimit() {
    return null;
  }
}
