package io.ambientretail.devices.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.ErrorCode;
import io.ambientretail.devices.DeviceErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  static final class Sink implements FrameSink {
    final List<String> frames = new ArrayList<>();
    final List<ErrorCode> errors = new ArrayList<>();

    @Override
    public void frame(byte[] b, int off, int len) {
      frames.add(new String(b, off, len, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void error(ErrorCode code, String message, byte[] b, int off, int len) {
      errors.add(code);
    }
  }

  private static void feed(FrameDecoder d, String s, Sink sink) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    d.feed(b, 0, b.length, sink);
  }

  @Test
  void delimited_framesSplitAtEveryByte_reassembled() {
    FrameDecoder d = FrameDecoder.delimited(FrameLimits.DEFAULTS, (byte) '\r', (byte) '\n');
    Sink sink = new Sink();
    for (char c : "S S 1.00 g\r\nS D 2.00 g\r\n".toCharArray()) {
      feed(d, String.valueOf(c), sink);
    }
    assertThat(sink.frames).containsExactly("S S 1.00 g", "S D 2.00 g");
    assertThat(sink.errors).isEmpty();
  }

  @Test
  void delimited_overlongFrame_reportedOnceAndNextFrameKept() {
    FrameDecoder d = FrameDecoder.delimited(FrameLimits.DEFAULTS.withMaxFrameBytes(8), (byte) '\n');
    Sink sink = new Sink();
    feed(d, "0123456", sink);
    feed(d, "789ABCDEF", sink);
    feed(d, "GHIJ\nok\n", sink);
    assertThat(sink.frames).containsExactly("ok");
    assertThat(sink.errors).containsExactly(DeviceErrors.FRAME_TOO_LONG);
  }

  @Test
  void delimited_flushWithoutTerminator_reportsIncomplete() {
    FrameDecoder d = FrameDecoder.delimited(FrameLimits.DEFAULTS, (byte) '\n');
    Sink sink = new Sink();
    feed(d, "half", sink);
    assertThat(d.pendingBytes()).isEqualTo(4);
    assertThat(d.flush(DeviceErrors.FRAME_INCOMPLETE, "silence", sink)).isTrue();
    feed(d, "whole\n", sink);
    assertThat(sink.frames).containsExactly("whole");
    assertThat(sink.errors).containsExactly(DeviceErrors.FRAME_INCOMPLETE);
  }

  @Test
  void lengthPrefixed_splitAndOverlong() {
    FrameDecoder d = FrameDecoder.lengthPrefixed(FrameLimits.DEFAULTS.withMaxFrameBytes(4), 2);
    Sink sink = new Sink();
    byte[] stream = {0, 3, 'a', 'b', 'c', 0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 2, 'x', 'y'};
    for (byte b : stream) {
      d.feed(new byte[] {b}, 0, 1, sink);
    }
    assertThat(sink.frames).containsExactly("abc", "xy");
    assertThat(sink.errors).containsExactly(DeviceErrors.FRAME_TOO_LONG);
  }
}
