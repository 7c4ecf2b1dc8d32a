package io.ambientretail.payments.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.payments.terminal.internal.NexoBodies;
import io.ambientretail.payments.terminal.internal.NexoNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every nexo message of the acquirer's published test corpus, read by this codec. */
class NexoCorpusTest {
  /** Whole messages, read through the public codec. */
  private static final List<String> MESSAGES =
      List.of(
          "input-request-success.json",
          "payment-local-additional-attributes.json",
          "payment-local-success.json",
          "payment-sync-additional-attributes.json",
          "payment-sync-error-empty.json",
          "payment-sync-success-storedvalue.json",
          "payment-sync-success.json");

  /** The inside of a {@code SaleToPOIResponse}, without the wrapper. */
  private static final List<String> RESPONSE_CONTENTS =
      List.of(
          "sale-to-poi-response-diagnosis.json",
          "sale-to-poi-response-display.json",
          "sale-to-poi-response-transaction-status.json");

  /** Broken files and the path their error must name. */
  private static final Map<String, String> BROKEN =
      Map.of(
          "abort-request-missing-abort-reason.json", "$.AbortReason",
          "abort-request-missing-message-reference.json", "$.MessageReference",
          "event-notification-missing-event-to-notify.json", "$.EventToNotify",
          "event-notification-missing-timestamp.json", "$.TimeStamp",
          "sale-to-poi-response-missing-message-header.json", "$.SaleToPOIResponse.MessageHeader");

  /** Fragments read by the element mapping they belong to. */
  private static final List<String> FRAGMENTS =
      List.of(
          "abort-request.json",
          "display-request.json",
          "event-notification.json",
          "login-request.json",
          "message-header.json",
          "message-reference.json",
          "sale-terminal-data.json",
          "sale-terminal-data-empty-capabilities.json");

  private static Optional<Path> corpus() {
    Path dir = Path.of("").toAbsolutePath();
    for (int up = 0; up < 6 && dir != null; up++, dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/corpus/nexo-terminal-api").normalize();
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("../shared/corpus/nexo-terminal-api is missing under CI");
    }
    return Optional.empty();
  }

  private static Path dir() {
    Optional<Path> d = corpus();
    assumeTrue(d.isPresent(), "../shared/corpus/nexo-terminal-api is absent (outside CI): skipped");
    return d.get();
  }

  private static byte[] bytes(String name) throws IOException {
    return Files.readAllBytes(dir().resolve(name));
  }

  private static byte[] wrapResponse(String name) throws IOException {
    return ("{\"SaleToPOIResponse\":" + new String(bytes(name), StandardCharsets.UTF_8) + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyJsonFile_isCovered() throws IOException {
    Set<String> covered = new HashSet<>(MESSAGES);
    covered.addAll(RESPONSE_CONTENTS);
    covered.addAll(BROKEN.keySet());
    covered.addAll(FRAGMENTS);
    try (Stream<Path> files = Files.list(dir())) {
      List<String> missing =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              // CMS AuthenticatedData structures of the nexo security layer, not messages.
              .filter(n -> !n.startsWith("authenticated-data-"))
              .filter(n -> !covered.contains(n))
              .toList();
      assertThat(missing).isEmpty();
    }
  }

  @Test
  void wholeMessages_read_andClearOnesRoundTrip() throws IOException {
    for (String name : MESSAGES) {
      NexoMessage m = NexoCodec.read(bytes(name));
      assertThat(m.header().protocolVersion()).as(name).isEqualTo("3.0");
      if (m instanceof SaleToPoiResponse r) {
        assertThat(NexoCodec.read(NexoCodec.write(r))).as(name).isEqualTo(r);
      } else if (m instanceof SaleToPoiRequest r) {
        assertThat(NexoCodec.read(NexoCodec.write(r))).as(name).isEqualTo(r);
      }
    }
  }

  @Test
  void responseContents_read_andRoundTrip() throws IOException {
    for (String name : RESPONSE_CONTENTS) {
      SaleToPoiResponse r = (SaleToPoiResponse) NexoCodec.read(wrapResponse(name));
      assertThat(r.header().messageType()).isEqualTo(MessageType.Response);
      assertThat(r.body().status().result()).as(name).isEqualTo(NexoResult.Success);
      assertThat(NexoCodec.read(NexoCodec.write(r))).as(name).isEqualTo(r);
    }
  }

  @Test
  void paymentSyncSuccess_givesReferenceAliasMaskedCardAndAmount() throws IOException {
    SaleToPoiResponse r = (SaleToPoiResponse) NexoCodec.read(bytes("payment-sync-success.json"));
    PaymentResponse p = (PaymentResponse) r.body();
    assertThat(p.status().result()).isEqualTo(NexoResult.Success);
    assertThat(p.poiTransaction().transactionId())
        .isEqualTo("4r7i001556529591000.8515565295894301");
    assertThat(p.authorisedAmount().minor()).isEqualTo(100);
    assertThat(p.authorisedAmount().currency().getCurrencyCode()).isEqualTo("EUR");
    assertThat(p.maskedPan()).isEqualTo("411111 **** 1111");
    assertThat(p.paymentBrand()).isEqualTo("mc");
    assertThat(p.cardAlias()).isEqualTo("M900978995070104");
  }

  @Test
  void paymentLocalSuccess_readsAsSecuredMessageWithItsTrailer() throws IOException {
    SecuredMessage m = (SecuredMessage) NexoCodec.read(bytes("payment-local-success.json"));
    assertThat(m.request()).isFalse();
    assertThat(m.trailer().keyIdentifier()).isEqualTo("CryptoKeyIdentifier12345");
    assertThat(m.trailer().keyVersion()).isEqualTo(1);
    assertThat(m.trailer().nonce()).hasSize(16);
    assertThat(m.trailer().hmac()).hasSize(32);
    assertThat(m.blob().length % 16).isZero();
    assertThat(m.header().poiId()).isEqualTo("P400Plus-275039202");
  }

  @Test
  void eventRejectRequest_readsAsEventNotification() throws IOException {
    SaleToPoiRequest r = (SaleToPoiRequest) NexoCodec.read(bytes("payment-sync-error-empty.json"));
    assertThat(r.header().serviceId()).isNull();
    assertThat(((EventNotification) r.body()).eventToNotify()).isEqualTo("Reject");
  }

  @Test
  void fragments_readByTheirElementMapping() throws IOException {
    NexoLimits l = NexoLimits.defaults();
    AbortRequest abort = NexoBodies.abort(NexoNode.parse(bytes("abort-request.json"), l));
    assertThat(abort.abortReason()).isEqualTo("cancelled-by-shopper");
    assertThat(abort.reference().serviceId()).isEqualTo("service-id");
    assertThat(abort.displayText()).isEqualTo("Abort requested");
    DisplayRequest display = NexoBodies.display(NexoNode.parse(bytes("display-request.json"), l));
    assertThat(display.outputs().get(0).lines()).containsExactly("Please present card");
    assertThat(display.outputs().get(0).minimumDisplayTime()).isEqualTo(5);
    EventNotification event = NexoBodies.event(NexoNode.parse(bytes("event-notification.json"), l));
    assertThat(event.maintenanceRequired()).isTrue();
    LoginRequest login = NexoBodies.login(NexoNode.parse(bytes("login-request.json"), l));
    assertThat(login.saleCapabilities()).containsExactly("CashierDisplay", "CustomerDisplay");
    assertThat(login.trainingMode()).isTrue();
    MessageHeader header = NexoBodies.header(NexoNode.parse(bytes("message-header.json"), l));
    assertThat(header.messageCategory()).isEqualTo(MessageCategory.Payment);
    assertThat(header.deviceId()).isEqualTo("device-id");
    MessageReference ref = NexoBodies.reference(NexoNode.parse(bytes("message-reference.json"), l));
    assertThat(ref.poiId()).isEqualTo("poi-id");
    assertThat(NexoBodies.saleCapabilities(NexoNode.parse(bytes("sale-terminal-data.json"), l)))
        .hasSize(3);
    assertThat(
            NexoBodies.saleCapabilities(
                NexoNode.parse(bytes("sale-terminal-data-empty-capabilities.json"), l)))
        .isEmpty();
  }

  @Test
  void brokenFiles_refusedNamingWhatIsMissing() throws IOException {
    NexoLimits l = NexoLimits.defaults();
    for (Map.Entry<String, String> e : BROKEN.entrySet()) {
      String name = e.getKey();
      NexoNode n = NexoNode.parse(bytes(name), l);
      assertThatThrownBy(
              () -> {
                if (name.startsWith("abort")) {
                  NexoBodies.abort(n);
                } else if (name.startsWith("event")) {
                  NexoBodies.event(n);
                } else {
                  NexoCodec.read(wrapResponse(name));
                }
              })
          .as(name)
          .isInstanceOfSatisfying(
              NexoFormatException.class, x -> assertThat(x.path()).isEqualTo(e.getValue()));
    }
  }

  @Test
  void asyncAcknowledgements_areNotMessages_andRefusedTyped() throws IOException {
    for (String name : List.of("abort-sync-success", "payment-async-success")) {
      byte[] b = bytes(name);
      assertThatThrownBy(() -> NexoCodec.read(b)).isInstanceOf(NexoFormatException.class);
    }
  }
}
