package io.ambientretail.payments.terminal.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ambientretail.core.Money;
import io.ambientretail.payments.terminal.AbortRequest;
import io.ambientretail.payments.terminal.DeviceResponse;
import io.ambientretail.payments.terminal.DeviceResult;
import io.ambientretail.payments.terminal.DiagnosisResponse;
import io.ambientretail.payments.terminal.DisplayOutput;
import io.ambientretail.payments.terminal.DisplayRequest;
import io.ambientretail.payments.terminal.EventNotification;
import io.ambientretail.payments.terminal.LoginRequest;
import io.ambientretail.payments.terminal.LoginResponse;
import io.ambientretail.payments.terminal.MessageCategory;
import io.ambientretail.payments.terminal.MessageHeader;
import io.ambientretail.payments.terminal.MessageReference;
import io.ambientretail.payments.terminal.NexoRequest;
import io.ambientretail.payments.terminal.NexoResponse;
import io.ambientretail.payments.terminal.OtherResponse;
import io.ambientretail.payments.terminal.PaymentRequest;
import io.ambientretail.payments.terminal.PaymentResponse;
import io.ambientretail.payments.terminal.ResponseStatus;
import io.ambientretail.payments.terminal.ReversalRequest;
import io.ambientretail.payments.terminal.ReversalResponse;
import io.ambientretail.payments.terminal.SaleToPoiRequest;
import io.ambientretail.payments.terminal.SaleToPoiResponse;
import io.ambientretail.payments.terminal.SecuredMessage;
import io.ambientretail.payments.terminal.SecurityTrailer;
import io.ambientretail.payments.terminal.TransactionReference;
import io.ambientretail.payments.terminal.TransactionStatusRequest;
import io.ambientretail.payments.terminal.TransactionStatusResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes nexo messages as JSON. Every string goes through {@link #str}, which refuses a value
 * holding a whole card number, so nothing this writer produces can carry a PAN.
 */
public final class NexoWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonGenerator g;
  private String path = "$";

  private NexoWriter(JsonGenerator g) {
    this.g = g;
  }

  /** The JSON of a request. */
  public static byte[] write(SaleToPoiRequest m) {
    return write(w -> w.envelope("SaleToPOIRequest", m.header(), () -> w.request(m.body())));
  }

  /** The JSON of a response. */
  public static byte[] write(SaleToPoiResponse m) {
    return write(w -> w.envelope("SaleToPOIResponse", m.header(), () -> w.response(m.body())));
  }

  /** The JSON of an encrypted envelope. */
  public static byte[] write(SecuredMessage m) {
    return write(
        w ->
            w.envelope(
                m.request() ? "SaleToPOIRequest" : "SaleToPOIResponse",
                m.header(),
                () -> {
                  w.g.writeStringField("NexoBlob", Base64.getEncoder().encodeToString(m.blob()));
                  SecurityTrailer t = m.trailer();
                  w.open("SecurityTrailer");
                  w.g.writeNumberField("AdyenCryptoVersion", t.cryptoVersion());
                  w.str("KeyIdentifier", t.keyIdentifier());
                  w.g.writeNumberField("KeyVersion", t.keyVersion());
                  w.g.writeStringField("Nonce", Base64.getEncoder().encodeToString(t.nonce()));
                  w.g.writeStringField("Hmac", Base64.getEncoder().encodeToString(t.hmac()));
                  w.close();
                }));
  }

  private interface Body {
    void run() throws IOException;
  }

  private interface Writing {
    void run(NexoWriter w) throws IOException;
  }

  private static byte[] write(Writing writing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writing.run(new NexoWriter(g));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void envelope(String name, MessageHeader h, Body body) throws IOException {
    g.writeStartObject();
    open(name);
    open("MessageHeader");
    str("ProtocolVersion", h.protocolVersion());
    str("MessageClass", h.messageClass().name());
    str("MessageCategory", h.messageCategory().name());
    str("MessageType", h.messageType().name());
    str("ServiceID", h.serviceId());
    str("DeviceID", h.deviceId());
    str("SaleID", h.saleId());
    str("POIID", h.poiId());
    close();
    body.run();
    close();
    g.writeEndObject();
  }

  private void open(String name) throws IOException {
    g.writeFieldName(name);
    g.writeStartObject();
    path = path + "." + name;
  }

  private void close() throws IOException {
    g.writeEndObject();
    path = path.substring(0, path.lastIndexOf('.'));
  }

  private void str(String name, @Nullable String value) throws IOException {
    if (value == null) {
      return;
    }
    if (!issuedByTerminal() && CardNumbers.containsCardNumber(value)) {
      throw new IllegalArgumentException(
          path + "." + name + ": holds a whole card number; nexo messages must not carry one");
    }
    g.writeStringField(name, value);
  }

  /**
   * The terminal's own transaction ids are echoed verbatim: completions and reversals must name
   * them, and an acquirer reference that happens to pass Luhn (one in ten 16-digit ones does) is
   * not card data. Everything the sale system supplies is checked.
   */
  private boolean issuedByTerminal() {
    return path.endsWith(".POITransactionID");
  }

  private void request(NexoRequest body) throws IOException {
    if (body instanceof LoginRequest r) {
      open("LoginRequest");
      str("DateTime", r.dateTime().toString());
      open("SaleSoftware");
      str("ManufacturerID", r.manufacturerId());
      str("ApplicationName", r.applicationName());
      str("SoftwareVersion", r.softwareVersion());
      str("CertificationCode", r.certificationCode());
      close();
      if (!r.saleCapabilities().isEmpty() || r.terminalEnvironment() != null) {
        open("SaleTerminalData");
        strings("SaleCapabilities", r.saleCapabilities());
        str("TerminalEnvironment", r.terminalEnvironment());
        close();
      }
      if (r.trainingMode()) {
        g.writeBooleanField("TrainingModeFlag", true);
      }
      str("OperatorID", r.operatorId());
      str("POISerialNumber", r.poiSerialNumber());
      close();
    } else if (body instanceof PaymentRequest r) {
      open("PaymentRequest");
      open("SaleData");
      transaction("SaleTransactionID", r.saleTransaction());
      close();
      open("PaymentTransaction");
      amounts("AmountsReq", "RequestedAmount", r.requestedAmount());
      if (r.original() != null) {
        open("OriginalPOITransaction");
        transaction("POITransactionID", r.original());
        close();
      }
      close();
      open("PaymentData");
      str("PaymentType", r.paymentType().name());
      close();
      close();
    } else if (body instanceof ReversalRequest r) {
      open("ReversalRequest");
      open("OriginalPOITransaction");
      transaction("POITransactionID", r.original());
      close();
      str("ReversalReason", r.reason().name());
      close();
    } else if (body instanceof AbortRequest r) {
      open("AbortRequest");
      reference(r.reference());
      str("AbortReason", r.abortReason());
      if (r.displayText() != null) {
        g.writeFieldName("DisplayOutput");
        g.writeStartObject();
        displayOutput(
            new DisplayOutput("CustomerDisplay", "Error", List.of(r.displayText()), false, 0));
        g.writeEndObject();
      }
      close();
    } else if (body instanceof TransactionStatusRequest r) {
      open("TransactionStatusRequest");
      if (r.reference() != null) {
        reference(r.reference());
      }
      close();
    } else if (body instanceof DisplayRequest r) {
      open("DisplayRequest");
      g.writeArrayFieldStart("DisplayOutput");
      for (DisplayOutput d : r.outputs()) {
        g.writeStartObject();
        displayOutput(d);
        g.writeEndObject();
      }
      g.writeEndArray();
      close();
    } else if (body instanceof EventNotification r) {
      open("EventNotification");
      str("TimeStamp", r.timeStamp().toString());
      str("EventToNotify", r.eventToNotify());
      str("EventDetails", r.eventDetails());
      if (r.maintenanceRequired()) {
        g.writeBooleanField("MaintenanceRequiredFlag", true);
      }
      close();
    } else {
      throw new IllegalArgumentException("unsupported request " + body.getClass());
    }
  }

  private void response(NexoResponse body) throws IOException {
    if (body instanceof PaymentResponse r) {
      open("PaymentResponse");
      paymentResponseFields(r);
      close();
    } else if (body instanceof ReversalResponse r) {
      open("ReversalResponse");
      status(r.status());
      if (r.poiTransaction() != null) {
        open("POIData");
        transaction("POITransactionID", r.poiTransaction());
        close();
      }
      close();
    } else if (body instanceof TransactionStatusResponse r) {
      open("TransactionStatusResponse");
      status(r.status());
      if (r.reference() != null) {
        reference(r.reference());
      }
      if (r.repeatedPayment() != null) {
        open("RepeatedMessageResponse");
        open("RepeatedResponseMessageBody");
        open("PaymentResponse");
        paymentResponseFields(r.repeatedPayment());
        close();
        close();
        close();
      }
      close();
    } else if (body instanceof LoginResponse r) {
      open("LoginResponse");
      status(r.status());
      close();
    } else if (body instanceof DiagnosisResponse r) {
      open("DiagnosisResponse");
      status(r.status());
      strings("LoggedSaleID", r.loggedSaleIds());
      if (r.globalStatus() != null) {
        open("POIStatus");
        str("GlobalStatus", r.globalStatus());
        close();
      }
      close();
    } else if (body instanceof DeviceResponse r) {
      boolean display = r.category() == MessageCategory.Display;
      open(display ? "DisplayResponse" : "InputResponse");
      g.writeArrayFieldStart(display ? "OutputResult" : "InputResult");
      for (DeviceResult d : r.results()) {
        g.writeStartObject();
        str("Device", d.device());
        str("InfoQualify", d.infoQualify());
        status(d.status());
        g.writeEndObject();
      }
      g.writeEndArray();
      close();
    } else if (body instanceof OtherResponse r) {
      open(r.bodyName());
      status(r.status());
      close();
    } else {
      throw new IllegalArgumentException("unsupported response " + body.getClass());
    }
  }

  private void paymentResponseFields(PaymentResponse r) throws IOException {
    String alias = r.cardAlias();
    ResponseStatus s = r.status();
    String additional = s.additionalResponse();
    if (alias != null && (additional == null || !additional.contains("alias="))) {
      String enc = java.net.URLEncoder.encode(alias, java.nio.charset.StandardCharsets.UTF_8);
      additional = additional == null ? "alias=" + enc : additional + "&alias=" + enc;
    }
    status(new ResponseStatus(s.result(), s.errorCondition(), additional));
    if (r.poiTransaction() != null) {
      open("POIData");
      transaction("POITransactionID", r.poiTransaction());
      close();
    }
    if (r.saleTransaction() != null) {
      open("SaleData");
      transaction("SaleTransactionID", r.saleTransaction());
      close();
    }
    if (r.authorisedAmount() != null || r.maskedPan() != null || r.paymentBrand() != null) {
      open("PaymentResult");
      if (r.authorisedAmount() != null) {
        amounts("AmountsResp", "AuthorizedAmount", r.authorisedAmount());
      }
      if (r.maskedPan() != null || r.paymentBrand() != null) {
        open("PaymentInstrumentData");
        str("PaymentInstrumentType", "Card");
        open("CardData");
        str("MaskedPan", r.maskedPan());
        str("PaymentBrand", r.paymentBrand());
        close();
        close();
      }
      close();
    }
  }

  private void status(ResponseStatus s) throws IOException {
    open("Response");
    str("Result", s.result().name());
    str("ErrorCondition", s.errorCondition());
    str("AdditionalResponse", s.additionalResponse());
    close();
  }

  private void reference(MessageReference r) throws IOException {
    open("MessageReference");
    str("MessageCategory", r.messageCategory().name());
    str("ServiceID", r.serviceId());
    str("DeviceID", r.deviceId());
    str("SaleID", r.saleId());
    str("POIID", r.poiId());
    close();
  }

  private void transaction(String name, TransactionReference t) throws IOException {
    open(name);
    str("TransactionID", t.transactionId());
    str("TimeStamp", t.timestamp().toString());
    close();
  }

  private void amounts(String name, String field, Money m) throws IOException {
    open(name);
    str("Currency", m.currency().getCurrencyCode());
    g.writeFieldName(field);
    g.writeNumber(m.toMajor());
    close();
  }

  private void strings(String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      if (CardNumbers.containsCardNumber(v)) {
        throw new IllegalArgumentException(path + "." + name + ": holds a whole card number");
      }
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private void displayOutput(DisplayOutput d) throws IOException {
    String saved = path;
    path = path + ".DisplayOutput";
    str("Device", d.device());
    str("InfoQualify", d.infoQualify());
    if (d.responseRequired()) {
      g.writeBooleanField("ResponseRequiredFlag", true);
    }
    if (d.minimumDisplayTime() > 0) {
      g.writeNumberField("MinimumDisplayTime", d.minimumDisplayTime());
    }
    open("OutputContent");
    str("OutputFormat", "Text");
    g.writeArrayFieldStart("OutputText");
    for (String line : d.lines()) {
      g.writeStartObject();
      str("Text", line);
      g.writeEndObject();
    }
    g.writeEndArray();
    close();
    path = saved;
  }
}
