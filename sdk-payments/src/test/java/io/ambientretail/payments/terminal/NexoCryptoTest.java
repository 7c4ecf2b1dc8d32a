package io.ambientretail.payments.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.core.Money;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NexoCryptoTest {
  private static NexoKey testKey;

  @BeforeAll
  static void derive() throws GeneralSecurityException {
    testKey = NexoKey.derive("CryptoKeyIdentifier12345", 1, "p@ssw0rd123456".toCharArray());
  }

  private static Optional<Path> corpusFile(String name) {
    Path dir = Path.of("").toAbsolutePath();
    for (int up = 0; up < 6 && dir != null; up++, dir = dir.getParent()) {
      Path f = dir.resolve("../shared/corpus/nexo-terminal-api").resolve(name).normalize();
      if (Files.isRegularFile(f)) {
        return Optional.of(f);
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError("../shared/corpus/nexo-terminal-api is missing under CI");
    }
    return Optional.empty();
  }

  private static SecuredMessage corpusMessage(String name) throws Exception {
    Optional<Path> f = corpusFile(name);
    assumeTrue(f.isPresent(), "../shared/corpus/nexo-terminal-api is absent (outside CI): skipped");
    return (SecuredMessage) NexoCodec.read(Files.readAllBytes(f.get()));
  }

  @Test
  void publishedLocalPayment_decryptsWithTheTestKey_andItsHmacVerifies() throws Exception {
    for (String name :
        new String[] {"payment-local-success.json", "payment-local-additional-attributes.json"}) {
      SecuredMessage m = corpusMessage(name);
      SaleToPoiResponse inner = (SaleToPoiResponse) NexoCodec.read(NexoCrypto.decrypt(m, testKey));
      assertThat(inner.header()).as(name).isEqualTo(m.header());
      PaymentResponse p = (PaymentResponse) inner.body();
      assertThat(p.status().result()).isEqualTo(NexoResult.Success);
      assertThat(p.poiTransaction()).isNotNull();
    }
  }

  @Test
  void publishedLocalPayment_wrongPassphrase_refused() throws Exception {
    SecuredMessage m = corpusMessage("payment-local-success.json");
    NexoKey wrong = NexoKey.derive("CryptoKeyIdentifier12345", 1, "p@ssw0rd123457".toCharArray());
    assertThatThrownBy(() -> NexoCrypto.decrypt(m, wrong))
        .isInstanceOf(GeneralSecurityException.class);
  }

  private static SecuredMessage sample() throws Exception {
    SaleToPoiRequest req =
        new SaleToPoiRequest(
            MessageHeader.request(MessageClass.Service, MessageCategory.Payment, "9", "s", "p"),
            new PaymentRequest(
                new TransactionReference("v-1", Instant.parse("2026-12-07T10:00:00Z")),
                PaymentType.FirstReservation,
                Money.ofMinor(5000, "EUR"),
                null));
    return NexoCrypto.encrypt(
        true, req.header(), NexoCodec.write(req), testKey, new SecureRandom(new byte[] {1}));
  }

  @Test
  void encryptWriteReadDecrypt_roundTrips() throws Exception {
    SecuredMessage m = sample();
    SecuredMessage read = (SecuredMessage) NexoCodec.read(NexoCodec.write(m));
    assertThat(read.trailer()).isEqualTo(m.trailer());
    SaleToPoiRequest inner = (SaleToPoiRequest) NexoCodec.read(NexoCrypto.decrypt(read, testKey));
    assertThat(inner.body()).isInstanceOf(PaymentRequest.class);
  }

  @Test
  void alteredHmac_refused() throws Exception {
    SecuredMessage m = sample();
    byte[] mac = m.trailer().hmac();
    mac[0] ^= 1;
    SecurityTrailer t = m.trailer();
    SecuredMessage bad =
        new SecuredMessage(
            true,
            m.header(),
            new SecurityTrailer(t.keyIdentifier(), t.keyVersion(), 1, t.nonce(), mac),
            m.blob());
    assertThatThrownBy(() -> NexoCrypto.decrypt(bad, testKey))
        .isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void alteredBody_refused() throws Exception {
    SecuredMessage m = sample();
    byte[] blob = m.blob();
    blob[blob.length - 20] ^= 1;
    SecuredMessage bad = new SecuredMessage(true, m.header(), m.trailer(), blob);
    assertThatThrownBy(() -> NexoCrypto.decrypt(bad, testKey))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void otherKeyIdentifier_refused_andKeyNeverPrinted() throws Exception {
    NexoKey other = NexoKey.derive("OtherKey", 1, "p@ssw0rd123456".toCharArray());
    assertThatThrownBy(() -> NexoCrypto.decrypt(sample(), other))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("another key");
    assertThat(testKey.toString()).contains("redacted").doesNotContain("p@ss");
  }
}
