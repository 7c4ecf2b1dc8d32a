package io.ambientretail.benchmarks.payments;

import io.ambientretail.core.Money;
import io.ambientretail.payments.terminal.MessageCategory;
import io.ambientretail.payments.terminal.MessageClass;
import io.ambientretail.payments.terminal.MessageHeader;
import io.ambientretail.payments.terminal.NexoCodec;
import io.ambientretail.payments.terminal.NexoCrypto;
import io.ambientretail.payments.terminal.NexoKey;
import io.ambientretail.payments.terminal.NexoPaymentTerminal;
import io.ambientretail.payments.terminal.PaymentRequest;
import io.ambientretail.payments.terminal.PaymentTerminal;
import io.ambientretail.payments.terminal.PaymentType;
import io.ambientretail.payments.terminal.SaleToPoiRequest;
import io.ambientretail.payments.terminal.SecuredMessage;
import io.ambientretail.payments.terminal.ServiceId;
import io.ambientretail.payments.terminal.TerminalOutcome;
import io.ambientretail.payments.terminal.TransactionReference;
import io.ambientretail.testing.terminal.SimulatedTerminal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The certified-terminal path: one payment request written and read in clear (the baseline),
 * encrypted and decrypted with the local-terminal encryption, and a whole pre-authorise, adjust,
 * capture round against the simulated terminal on loopback HTTP, clear and encrypted. Sample mode
 * gives p50 and p99. The fork sets {@code sun.net.httpserver.nodelay}: without it the JDK HTTP
 * server behind the simulator waits on the client's delayed ACK, about 40 ms per answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class NexoTerminalBenchmark {
  private final SecureRandom random = new SecureRandom();
  private NexoKey key;
  private SaleToPoiRequest request;
  private SimulatedTerminal clearSim;
  private SimulatedTerminal encryptedSim;
  private PaymentTerminal clear;
  private PaymentTerminal encrypted;
  private int service;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    key = NexoKey.derive("BenchKey", 1, "bench-passphrase".toCharArray());
    request =
        new SaleToPoiRequest(
            MessageHeader.request(MessageClass.Service, MessageCategory.Payment, "1", "s", "p"),
            new PaymentRequest(
                new TransactionReference("visit-1", Instant.parse("2026-12-07T10:00:00Z")),
                PaymentType.FirstReservation,
                Money.ofMinor(5000, "EUR"),
                null));
    clearSim = SimulatedTerminal.start("P400-B1", Clock.systemUTC());
    encryptedSim = SimulatedTerminal.startEncrypted("P400-B2", Clock.systemUTC(), key);
    clear = NexoPaymentTerminal.builder(clearSim.url(), "till", "P400-B1").build();
    encrypted =
        NexoPaymentTerminal.builder(encryptedSim.url(), "till", "P400-B2").encryptWith(key).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    clearSim.close();
    encryptedSim.close();
  }

  /** Baseline: write and read the request in clear. */
  @Benchmark
  public Object codecClear() throws Exception {
    return NexoCodec.read(NexoCodec.write(request));
  }

  /** Write, encrypt, write the envelope, read it, decrypt and read the request. */
  @Benchmark
  public Object codecEncryptDecrypt() throws Exception {
    SecuredMessage m =
        NexoCrypto.encrypt(true, request.header(), NexoCodec.write(request), key, random);
    SecuredMessage read = (SecuredMessage) NexoCodec.read(NexoCodec.write(m));
    return NexoCodec.read(NexoCrypto.decrypt(read, key));
  }

  private TerminalOutcome round(PaymentTerminal t) throws Exception {
    TerminalOutcome.Approved pre =
        (TerminalOutcome.Approved)
            t.preAuthorise(ServiceId.of("A" + ++service), "visit", Money.ofMinor(5000, "EUR"));
    t.adjust(ServiceId.of("B" + service), pre.transaction(), Money.ofMinor(6234, "EUR"));
    return t.capture(ServiceId.of("C" + service), pre.transaction(), Money.ofMinor(6234, "EUR"));
  }

  /** Pre-authorise, adjust, capture on loopback in clear. */
  @Benchmark
  public Object roundClear() throws Exception {
    return round(clear);
  }

  /** Pre-authorise, adjust, capture on loopback, encrypted. */
  @Benchmark
  public Object roundEncrypted() throws Exception {
    return round(encrypted);
  }
}
