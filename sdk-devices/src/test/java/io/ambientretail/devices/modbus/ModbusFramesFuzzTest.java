package io.ambientretail.devices.modbus;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.internal.ModbusRtu;

/**
 * Hostile Modbus frames (bad CRC, wrong lengths, exception codes, random bytes) may only be refused
 * with a {@link ModbusException} carrying one of our codes, never another exception or a reading.
 * Seeds under ModbusFramesFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ModbusFramesFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void readResponse(byte[] input) {
    int len = Math.min(input.length, 300);
    int count = Math.max(1, Math.min(ModbusRtu.MAX_READ, (len - 5) / 2));
    try {
      int[] regs = ModbusRtu.parseReadResponse(input, 0, len, 1, ModbusRtu.READ_INPUT, count);
      // accepted: then it must really be a well-formed answer from unit 1 to function 04
      if (regs.length != count
          || len != 5 + 2 * count
          || input[0] != 1
          || input[1] != 4
          || ModbusRtu.crc16(input, 0, len - 2)
              != ((input[len - 2] & 0xFF) | (input[len - 1] & 0xFF) << 8)) {
        throw new AssertionError("accepted a frame that is not a valid answer");
      }
      for (int r : regs) {
        if (r < 0 || r > 0xFFFF) {
          throw new AssertionError("register out of range: " + r);
        }
      }
    } catch (ModbusException e) {
      requireCode(e);
    }
    int need = ModbusRtu.responseLength(input, 0, len, ModbusRtu.READ_INPUT);
    if (need < 0 || need > ModbusRtu.MAX_FRAME) {
      throw new AssertionError("response length " + need);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void request(byte[] input) {
    try {
      ModbusRtu.parseRequest(input, 0, input.length);
    } catch (ModbusException e) {
      requireCode(e);
    }
  }

  private static void requireCode(ModbusException e) {
    if (!(e.code().equals(DeviceErrors.FRAME_CHECKSUM)
        || e.code().equals(DeviceErrors.FRAME_SYNTAX)
        || e.code().equals(DeviceErrors.FRAME_TOO_LONG)
        || e.code().equals(DeviceErrors.MODBUS_EXCEPTION))) {
      throw new AssertionError("unexpected code " + e.code(), e);
    }
    if (e.getMessage() == null || e.getMessage().isEmpty()) {
      throw new AssertionError("no message", e);
    }
  }
}
