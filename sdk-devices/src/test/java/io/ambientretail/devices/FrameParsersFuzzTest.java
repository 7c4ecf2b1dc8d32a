package io.ambientretail.devices;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;
import io.ambientretail.devices.lock.LockFrameParser;
import io.ambientretail.devices.scale.MtSicsParser;
import io.ambientretail.devices.scale.NciParser;
import io.ambientretail.devices.scanner.Gs1Element;
import io.ambientretail.devices.scanner.Scan;
import io.ambientretail.devices.scanner.ScanParser;
import io.ambientretail.devices.shelf.ShelfFrameParser;
import io.ambientretail.devices.transport.FrameDecoder;
import io.ambientretail.devices.transport.FrameLimits;
import io.ambientretail.devices.transport.FrameSink;

/**
 * Fuzzes every frame parser: hostile bytes may only produce our typed errors (AmbientException
 * subclasses with a code), never another exception, a hang or a scan with an invalid GTIN. Runs the
 * seeds under FrameParsersFuzzTestInputs in regression mode in CI.
 */
class FrameParsersFuzzTest {
  private static final ScanParser SCANS =
      ScanParser.builder()
          .embedded(
              io.ambientretail.devices.scanner.EmbeddedCodeRule.price(
                  "20-22", "PPIIIIIXVVVVC", java.util.Currency.getInstance("EUR")))
          .embedded(
              io.ambientretail.devices.scanner.EmbeddedCodeRule.weight(
                  "23-29", "PPIIIIIVVVVVC", io.ambientretail.core.Weight.ofGrams(1)))
          .build();

  @FuzzTest(maxDuration = "30s")
  void scanParser(byte[] input) {
    try {
      Scan s = SCANS.parse(input, 0, input.length);
      if (s.gtin() != null) {
        String gtin = s.gtin().digits14();
        if (!io.ambientretail.core.Gtin.isValid(gtin)) {
          throw new AssertionError("scan with an invalid GTIN: " + s);
        }
        // random bytes never become a GTIN: it comes from an (01)/(02) element or all-digit data
        Gs1Element key = ScanParser.find(s.elements(), "01");
        if (key == null) {
          key = ScanParser.find(s.elements(), "02");
        }
        boolean fromElement = key != null && key.value().equals(gtin);
        boolean fromDigits = !s.data().isEmpty() && s.data().chars().allMatch(Character::isDigit);
        if (!fromElement && !fromDigits) {
          throw new AssertionError("GTIN " + gtin + " from data that is not a code: " + s);
        }
      }
      if (s.embedded() != null
          && s.embedded().price() != null
          && s.embedded().price().isNegative()) {
        throw new AssertionError("negative embedded price: " + s);
      }
      for (Gs1Element e : s.elements()) {
        e.decimal();
        e.netWeight();
      }
    } catch (AmbientException expected) {
      requireCode(expected);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void mtSicsParser(byte[] input) {
    try {
      MtSicsParser.create().parse(input, 0, input.length);
    } catch (AmbientException expected) {
      requireCode(expected);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void nciParser(byte[] input) {
    try {
      NciParser.create().parse(input, 0, input.length);
    } catch (AmbientException expected) {
      requireCode(expected);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void shelfParser(byte[] input) {
    try {
      ShelfFrameParser.create().parse(input, 0, input.length);
    } catch (AmbientException expected) {
      requireCode(expected);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void lockParser(byte[] input) {
    try {
      LockFrameParser.create().parse(input, 0, input.length);
    } catch (AmbientException expected) {
      requireCode(expected);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void calibrationFile(byte[] input) {
    try {
      DeviceConfig.parseLanesYaml(new String(input, java.nio.charset.StandardCharsets.UTF_8));
    } catch (AmbientException expected) {
      requireCode(expected);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void atrParser(byte[] input) {
    try {
      io.ambientretail.devices.smartcard.Atr.parse(input).capabilities();
    } catch (AmbientException expected) {
      requireCode(expected);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void commandApduParser(byte[] input) {
    try {
      io.ambientretail.devices.smartcard.CommandApdu c =
          io.ambientretail.devices.smartcard.CommandApdu.parse(input);
      byte[] again =
          c.fitsShort() && !io.ambientretail.devices.smartcard.CommandApdu.isExtendedEncoding(input)
              ? c.encodeShort()
              : c.encodeExtended();
      if (!java.util.Arrays.equals(again, input)) {
        throw new AssertionError("parse/encode round trip changed the APDU: " + c);
      }
    } catch (AmbientException expected) {
      requireCode(expected);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void frameDecoder(FuzzedDataProvider data) {
    int max = data.consumeInt(1, 64);
    boolean length = data.consumeBoolean();
    FrameDecoder d =
        length
            ? FrameDecoder.lengthPrefixed(
                FrameLimits.DEFAULTS.withMaxFrameBytes(max), data.consumeInt(1, 2))
            : FrameDecoder.delimited(FrameLimits.DEFAULTS.withMaxFrameBytes(max), (byte) '\n');
    FrameSink sink =
        new FrameSink() {
          @Override
          public void frame(byte[] b, int off, int len) {
            if (len > max || len <= 0) {
              throw new AssertionError("frame of " + len + " bytes with limit " + max);
            }
          }

          @Override
          public void error(ErrorCode code, String message, byte[] b, int off, int len) {
            if (len < 0 || off < 0 || off + len > b.length) {
              throw new AssertionError("bad error range");
            }
          }
        };
    while (data.remainingBytes() > 0) {
      byte[] chunk = data.consumeBytes(data.consumeInt(1, 16));
      d.feed(chunk, 0, chunk.length, sink);
    }
    if (d.pendingBytes() > max + 2) {
      throw new AssertionError("holds more than the limit: " + d.pendingBytes());
    }
  }

  @FuzzTest(maxDuration = "30s")
  void deviceConfig(byte[] input) {
    String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
    try {
      DeviceConfig.parseYaml(text);
    } catch (AmbientException expected) {
      requireCode(expected);
    }
    try {
      DeviceConfig.parseJson(text);
    } catch (AmbientException expected) {
      requireCode(expected);
    }
  }

  private static void requireCode(AmbientException e) {
    if (e.code() == null || e.getMessage() == null) {
      throw new AssertionError("typed error without code or message", e);
    }
  }
}
