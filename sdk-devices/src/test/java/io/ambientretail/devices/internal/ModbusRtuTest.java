package io.ambientretail.devices.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.modbus.ModbusException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Known answers from the Modbus specifications and a bitwise CRC written out separately. */
class ModbusRtuTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  /** The CRC as "Modbus over Serial Line" describes it, bit by bit. */
  private static int crcBitwise(byte[] b, int len) {
    int crc = 0xFFFF;
    for (int i = 0; i < len; i++) {
      crc ^= b[i] & 0xFF;
      for (int k = 0; k < 8; k++) {
        boolean lsb = (crc & 1) != 0;
        crc >>>= 1;
        if (lsb) {
          crc ^= 0xA001;
        }
      }
    }
    return crc;
  }

  @Test
  void crc_knownAnswers() {
    // Modbus over Serial Line V1.02, appendix: the frame 02 07 has CRC 0x1241 (sent 41 12)
    assertThat(ModbusRtu.crc16(new byte[] {0x02, 0x07}, 0, 2)).isEqualTo(0x1241);
    // read 10 holding registers of unit 1: the often quoted 01 03 00 00 00 0A C5 CD
    assertThat(HEX.formatHex(ModbusRtu.readRequest(1, 3, 0, 10))).isEqualTo("01030000000AC5CD");
    assertThat(HEX.formatHex(ModbusRtu.readRequest(1, 4, 0, 1))).isEqualTo("01040000000131CA");
  }

  @Test
  void crc_tableMatchesBitwiseOnRandomFrames() {
    SplittableRandom r = new SplittableRandom(16);
    for (int i = 0; i < 2000; i++) {
      byte[] b = new byte[r.nextInt(1, 256)];
      for (int k = 0; k < b.length; k++) {
        b[k] = (byte) r.nextInt(256);
      }
      assertThat(ModbusRtu.crc16(b, 0, b.length)).isEqualTo(crcBitwise(b, b.length));
    }
  }

  @Test
  void readResponse_roundTrips() throws Exception {
    byte[] f = ModbusRtu.readResponse(7, 4, new int[] {0xFFE2, 45});
    assertThat(ModbusRtu.parseReadResponse(f, 0, f.length, 7, 4, 2)).containsExactly(0xFFE2, 45);
    assertThat(ModbusRtu.responseLength(f, 0, 3, 4)).isEqualTo(f.length);
  }

  @Test
  void badCrc_isRefusedAsChecksum() {
    byte[] f = ModbusRtu.readResponse(1, 4, new int[] {30});
    f[3] ^= 1;
    assertThatThrownBy(() -> ModbusRtu.parseReadResponse(f, 0, f.length, 1, 4, 1))
        .isInstanceOfSatisfying(
            ModbusException.class,
            e -> {
              assertThat(e.code()).isEqualTo(DeviceErrors.FRAME_CHECKSUM);
              assertThat(e.offset()).isEqualTo(f.length - 2);
            });
  }

  @Test
  void exceptionResponse_givesItsCode() {
    byte[] f = ModbusRtu.exceptionResponse(3, 4, 2);
    assertThat(HEX.formatHex(f)).startsWith("038402");
    assertThatThrownBy(() -> ModbusRtu.parseReadResponse(f, 0, f.length, 3, 4, 1))
        .isInstanceOfSatisfying(
            ModbusException.class,
            e -> {
              assertThat(e.code()).isEqualTo(DeviceErrors.MODBUS_EXCEPTION);
              assertThat(e.exceptionCode()).isEqualTo(2);
              assertThat(e.getMessage()).contains("illegal data address").contains("unit 3");
            });
  }

  @Test
  void wrongLengthUnitOrFunction_areSyntaxErrors() {
    byte[] two = ModbusRtu.readResponse(1, 4, new int[] {1, 2});
    assertThatThrownBy(() -> ModbusRtu.parseReadResponse(two, 0, two.length, 1, 4, 1))
        .isInstanceOfSatisfying(
            ModbusException.class, e -> assertThat(e.code()).isEqualTo(DeviceErrors.FRAME_SYNTAX))
        .hasMessageContaining("4 data bytes, expected 2");
    byte[] other = ModbusRtu.readResponse(2, 4, new int[] {1});
    assertThatThrownBy(() -> ModbusRtu.parseReadResponse(other, 0, other.length, 1, 4, 1))
        .hasMessageContaining("from unit 2");
    byte[] holding = ModbusRtu.readResponse(1, 3, new int[] {1});
    assertThatThrownBy(() -> ModbusRtu.parseReadResponse(holding, 0, holding.length, 1, 4, 1))
        .hasMessageContaining("function 3");
    assertThatThrownBy(() -> ModbusRtu.parseReadResponse(new byte[3], 0, 3, 1, 4, 1))
        .isInstanceOf(ModbusException.class)
        .hasMessageContaining("shorter");
  }

  @Test
  void request_roundTripsThroughTheSlaveParser() throws Exception {
    ModbusRtu.Request r = ModbusRtu.parseRequest(ModbusRtu.readRequest(12, 3, 256, 2), 0, 8);
    assertThat(r).isEqualTo(new ModbusRtu.Request(12, 3, 256, 2));
    byte[] bad = ModbusRtu.writeRequest(1, 5, 7);
    bad[7] ^= 1;
    assertThatThrownBy(() -> ModbusRtu.parseRequest(bad, 0, 8))
        .isInstanceOfSatisfying(
            ModbusException.class,
            e -> assertThat(e.code()).isEqualTo(DeviceErrors.FRAME_CHECKSUM));
  }
}
