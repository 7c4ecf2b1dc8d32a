package io.ambientretail.benchmarks.payments;

import com.payneteasy.tlv.BerTlv;
import com.payneteasy.tlv.BerTlvParser;
import com.payneteasy.tlv.BerTlvs;
import io.ambientretail.payments.tlv.Tlv;
import io.ambientretail.payments.tlv.TlvBuilder;
import io.ambientretail.payments.tlv.TlvLimits;
import io.ambientretail.payments.tlv.TlvReader;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing the responses of one contact card read (FCI, GPO format 2, four READ RECORD responses of
 * real sizes: 40 to 200 bytes, with certificates) with our zero-copy {@link TlvReader} and tree
 * {@link Tlv#parseAll}, beside com.payneteasy:ber-tlv on the same bytes. Each benchmark visits
 * every object and reads its tag and value length. Goal: the reader at least 2x ber-tlv.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TlvParseBenchmark {
  private byte[][] responses;
  private final BerTlvParser payneteasy = new BerTlvParser();

  @Setup
  public void setUp() {
    HexFormat hex = HexFormat.of();
    byte[] cert = new byte[176];
    byte[] sdad = new byte[128];
    for (int i = 0; i < cert.length; i++) {
      cert[i] = (byte) (i * 31 + 7);
      if (i < sdad.length) {
        sdad[i] = (byte) (i * 17 + 3);
      }
    }
    responses =
        new byte[][] {
          TlvBuilder.create()
              .begin(0x6F)
              .add(0x84, hex.parseHex("A000000333010102"))
              .begin(0xA5)
              .add(0x50, "UICC CREDIT".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .add(0x87, new byte[] {1})
              .add(0x5F2D, hex.parseHex("636E"))
              .add(0x9F11, new byte[] {1})
              .begin(0xBF0C)
              .add(0x9F4D, hex.parseHex("0B0A"))
              .end()
              .end()
              .end()
              .build(),
          TlvBuilder.create()
              .begin(0x77)
              .add(0x9F27, new byte[] {(byte) 0x80})
              .add(0x9F36, hex.parseHex("0023"))
              .add(0x9F4B, sdad)
              .add(0x9F10, hex.parseHex("06010A03A0A802"))
              .add(0x82, hex.parseHex("1980"))
              .add(0x94, hex.parseHex("0801010010010500"))
              .end()
              .build(),
          TlvBuilder.create()
              .begin(0x70)
              .add(0x5F24, hex.parseHex("301031"))
              .add(0x5A, hex.parseHex("6210948000000011"))
              .add(0x5F34, new byte[] {1})
              .add(0x9F07, hex.parseHex("FF00"))
              .add(0x8E, hex.parseHex("000000000000000042031F00"))
              .add(0x9F0D, hex.parseHex("D8609CA800"))
              .add(0x9F0E, hex.parseHex("0010000000"))
              .add(0x9F0F, hex.parseHex("D8689CF800"))
              .add(0x5F28, hex.parseHex("0156"))
              .add(0x8C, hex.parseHex("9F02069F03069F1A0295055F2A029A039C019F37049F21039F4E14"))
              .add(0x8D, hex.parseHex("910A8A0295059F37049F4C08"))
              .end()
              .build(),
          TlvBuilder.create().begin(0x70).add(0x90, cert).end().build(),
          TlvBuilder.create().begin(0x70).add(0x9F46, cert).end().build(),
          TlvBuilder.create()
              .begin(0x70)
              .add(0x8F, new byte[] {9})
              .add(0x92, new byte[36])
              .add(0x9F32, new byte[] {3})
              .add(0x9F47, hex.parseHex("010001"))
              .add(0x9F48, new byte[42])
              .add(0x9F49, hex.parseHex("9F3704"))
              .end()
              .build(),
        };
  }

  /** Ours: the zero-copy reader, visiting every object. */
  @Benchmark
  public long ambientReader() {
    long sum = 0;
    for (byte[] r : responses) {
      TlvReader reader = TlvReader.of(r);
      while (reader.next()) {
        sum += reader.tag() + reader.valueLength();
      }
    }
    return sum;
  }

  /** Ours: the immutable tree (copies values, like ber-tlv). */
  @Benchmark
  public long ambientTree() {
    long sum = 0;
    for (byte[] r : responses) {
      sum += visit(Tlv.parseAll(r, TlvLimits.defaults()));
    }
    return sum;
  }

  private static long visit(List<Tlv> list) {
    long sum = 0;
    for (Tlv t : list) {
      sum += t.tag() + t.length() + visit(t.children());
    }
    return sum;
  }

  /** Baseline: com.payneteasy:ber-tlv, visiting every object. */
  @Benchmark
  public long payneteasyBerTlv() {
    long sum = 0;
    for (byte[] r : responses) {
      BerTlvs tlvs = payneteasy.parse(r);
      sum += visitBer(tlvs.getList());
    }
    return sum;
  }

  private static long visitBer(List<BerTlv> list) {
    long sum = 0;
    for (BerTlv t : list) {
      sum += t.getTag().bytes.length;
      sum += t.isConstructed() ? visitBer(t.getValues()) : t.getBytesValue().length;
    }
    return sum;
  }
}
