package io.ambientretail.devices.transport;

import io.ambientretail.core.ErrorCode;

/**
 * Receives what a {@link FrameDecoder} cuts from a byte stream: complete frames and framing errors.
 * The byte ranges are only valid during the call (the decoder reuses its buffers).
 */
public interface FrameSink {
  /** A complete frame, without its delimiter or length header. */
  void frame(byte[] buffer, int offset, int length);

  /**
   * A framing error: {@code code} is one of the {@code FRAME_*} codes of {@link
   * io.ambientretail.devices.DeviceErrors}; the range holds (the start of) the bad bytes.
   */
  void error(ErrorCode code, String message, byte[] buffer, int offset, int length);
}
