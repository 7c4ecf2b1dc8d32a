package io.ambientretail.payments.terminal.internal;

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
import io.ambientretail.payments.terminal.MessageClass;
import io.ambientretail.payments.terminal.MessageHeader;
import io.ambientretail.payments.terminal.MessageReference;
import io.ambientretail.payments.terminal.MessageType;
import io.ambientretail.payments.terminal.NexoFormatException;
import io.ambientretail.payments.terminal.NexoMessage;
import io.ambientretail.payments.terminal.NexoRequest;
import io.ambientretail.payments.terminal.NexoResponse;
import io.ambientretail.payments.terminal.NexoResult;
import io.ambientretail.payments.terminal.OtherResponse;
import io.ambientretail.payments.terminal.PaymentRequest;
import io.ambientretail.payments.terminal.PaymentResponse;
import io.ambientretail.payments.terminal.PaymentType;
import io.ambientretail.payments.terminal.ResponseStatus;
import io.ambientretail.payments.terminal.ReversalReason;
import io.ambientretail.payments.terminal.ReversalRequest;
import io.ambientretail.payments.terminal.ReversalResponse;
import io.ambientretail.payments.terminal.SaleToPoiRequest;
import io.ambientretail.payments.terminal.SaleToPoiResponse;
import io.ambientretail.payments.terminal.SecuredMessage;
import io.ambientretail.payments.terminal.SecurityTrailer;
import io.ambientretail.payments.terminal.TransactionReference;
import io.ambientretail.payments.terminal.TransactionStatusRequest;
import io.ambientretail.payments.terminal.TransactionStatusResponse;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps the nexo JSON tree to the message types, one method per element, each failing with a {@link
 * NexoFormatException} that names the path of the missing or wrong field.
 */
public final class NexoBodies {
  private NexoBodies() {}

  /**
   * Reads a whole message: {@code {"SaleToPOIRequest": ...}} or {@code {"SaleToPOIResponse":...}}.
   */
  public static NexoMessage message(NexoNode root) throws NexoFormatException {
    boolean req = root.has("SaleToPOIRequest");
    boolean resp = root.has("SaleToPOIResponse");
    if (req == resp) {
      throw new NexoFormatException(
          root.path(), "expected exactly one of SaleToPOIRequest and SaleToPOIResponse");
    }
    NexoNode env = root.object(req ? "SaleToPOIRequest" : "SaleToPOIResponse");
    MessageHeader header = header(env.object("MessageHeader"));
    if (env.has("NexoBlob") || env.has("SecurityTrailer")) {
      return secured(req, header, env);
    }
    String bodyName = bodyName(env);
    NexoNode body = env.object(bodyName);
    try {
      return req
          ? new SaleToPoiRequest(header, request(bodyName, body))
          : new SaleToPoiResponse(header, response(bodyName, body));
    } catch (IllegalArgumentException e) {
      throw new NexoFormatException(body.path(), e.getMessage());
    }
  }

  private static String bodyName(NexoNode env) throws NexoFormatException {
    String found = null;
    for (String n : env.names()) {
      if (n.endsWith("Request") || n.endsWith("Response") || n.equals("EventNotification")) {
        if (found != null) {
          throw new NexoFormatException(env.path(), "more than one message body");
        }
        found = n;
      }
    }
    if (found == null) {
      throw new NexoFormatException(env.path(), "no message body beside the MessageHeader");
    }
    return found;
  }

  private static SecuredMessage secured(boolean req, MessageHeader header, NexoNode env)
      throws NexoFormatException {
    NexoNode t = env.object("SecurityTrailer");
    SecurityTrailer trailer =
        new SecurityTrailer(
            t.string("KeyIdentifier"),
            t.integer("KeyVersion"),
            t.integer("AdyenCryptoVersion"),
            base64(t, "Nonce"),
            base64(t, "Hmac"));
    return new SecuredMessage(req, header, trailer, base64(env, "NexoBlob"));
  }

  private static byte[] base64(NexoNode n, String name) throws NexoFormatException {
    try {
      return Base64.getDecoder().decode(n.string(name));
    } catch (IllegalArgumentException e) {
      throw new NexoFormatException(n.path() + "." + name, "not base64");
    }
  }

  private static NexoRequest request(String name, NexoNode b) throws NexoFormatException {
    switch (name) {
      case "LoginRequest":
        return login(b);
      case "PaymentRequest":
        return payment(b);
      case "ReversalRequest":
        return reversal(b);
      case "AbortRequest":
        return abort(b);
      case "TransactionStatusRequest":
        return transactionStatusRequest(b);
      case "DisplayRequest":
        return display(b);
      case "EventNotification":
        return event(b);
      default:
        throw new NexoFormatException(b.path(), "unsupported request");
    }
  }

  private static NexoResponse response(String name, NexoNode b) throws NexoFormatException {
    switch (name) {
      case "PaymentResponse":
        return paymentResponse(b);
      case "ReversalResponse":
        return new ReversalResponse(status(b), optTransaction(b, "POIData", "POITransactionID"));
      case "TransactionStatusResponse":
        return transactionStatusResponse(b);
      case "LoginResponse":
        return new LoginResponse(status(b));
      case "DiagnosisResponse":
        {
          NexoNode poi = b.opt("POIStatus");
          return new DiagnosisResponse(
              status(b),
              poi == null ? null : poi.optString("GlobalStatus"),
              b.strings("LoggedSaleID"));
        }
      case "DisplayResponse":
        return new DeviceResponse(MessageCategory.Display, deviceResults(b, "OutputResult"));
      case "InputResponse":
        return new DeviceResponse(MessageCategory.Input, deviceResults(b, "InputResult"));
      default:
        return new OtherResponse(name, status(b));
    }
  }

  /** Reads a {@code MessageHeader}. */
  public static MessageHeader header(NexoNode h) throws NexoFormatException {
    MessageType type = enumOf(MessageType.class, h, "MessageType");
    String serviceId = h.optString("ServiceID");
    if (serviceId == null && type != MessageType.Notification) {
      h.get("ServiceID");
    }
    return new MessageHeader(
        h.string("ProtocolVersion"),
        enumOf(MessageClass.class, h, "MessageClass"),
        enumOf(MessageCategory.class, h, "MessageCategory"),
        type,
        serviceId,
        h.optString("DeviceID"),
        h.string("SaleID"),
        h.string("POIID"));
  }

  /** Reads a {@code MessageReference}. */
  public static MessageReference reference(NexoNode r) throws NexoFormatException {
    return new MessageReference(
        enumOf(MessageCategory.class, r, "MessageCategory"),
        r.optString("ServiceID"),
        r.optString("DeviceID"),
        r.optString("SaleID"),
        r.optString("POIID"));
  }

  /** Reads a {@code LoginRequest} body. */
  public static LoginRequest login(NexoNode b) throws NexoFormatException {
    NexoNode sw = b.object("SaleSoftware");
    NexoNode td = b.opt("SaleTerminalData");
    return new LoginRequest(
        b.instant("DateTime"),
        sw.string("ManufacturerID"),
        sw.string("ApplicationName"),
        sw.string("SoftwareVersion"),
        sw.optString("CertificationCode"),
        td == null ? List.of() : saleCapabilities(td),
        td == null ? null : td.optString("TerminalEnvironment"),
        b.bool("TrainingModeFlag", false),
        b.optString("OperatorID"),
        b.optString("POISerialNumber"));
  }

  /** Reads the capabilities of a {@code SaleTerminalData} element. */
  public static List<String> saleCapabilities(NexoNode td) throws NexoFormatException {
    td.names();
    return td.strings("SaleCapabilities");
  }

  /** Reads a {@code PaymentRequest} body. */
  public static PaymentRequest payment(NexoNode b) throws NexoFormatException {
    NexoNode sale = b.object("SaleData");
    NexoNode tx = b.object("PaymentTransaction");
    NexoNode amounts = tx.object("AmountsReq");
    NexoNode data = b.opt("PaymentData");
    PaymentType type =
        data == null || !data.has("PaymentType")
            ? PaymentType.Normal
            : enumOf(PaymentType.class, data, "PaymentType");
    NexoNode orig = tx.opt("OriginalPOITransaction");
    TransactionReference original = orig == null ? null : transaction(orig, "POITransactionID");
    try {
      return new PaymentRequest(
          transaction(sale, "SaleTransactionID"),
          type,
          money(amounts, "RequestedAmount"),
          original);
    } catch (IllegalArgumentException e) {
      throw new NexoFormatException(b.path(), e.getMessage());
    }
  }

  /** Reads a {@code ReversalRequest} body. */
  public static ReversalRequest reversal(NexoNode b) throws NexoFormatException {
    return new ReversalRequest(
        transaction(b.object("OriginalPOITransaction"), "POITransactionID"),
        enumOf(ReversalReason.class, b, "ReversalReason"));
  }

  /** Reads an {@code AbortRequest} body. */
  public static AbortRequest abort(NexoNode b) throws NexoFormatException {
    MessageReference ref = reference(b.object("MessageReference"));
    String reason = b.string("AbortReason");
    List<DisplayOutput> outs = displayOutputs(b, "DisplayOutput");
    String text =
        outs.isEmpty() || outs.get(0).lines().isEmpty() ? null : outs.get(0).lines().get(0);
    return new AbortRequest(ref, reason, text);
  }

  /** Reads a {@code TransactionStatusRequest} body. */
  public static TransactionStatusRequest transactionStatusRequest(NexoNode b)
      throws NexoFormatException {
    NexoNode r = b.opt("MessageReference");
    return new TransactionStatusRequest(r == null ? null : reference(r));
  }

  /** Reads a {@code DisplayRequest} body. */
  public static DisplayRequest display(NexoNode b) throws NexoFormatException {
    List<DisplayOutput> outs = displayOutputs(b, "DisplayOutput");
    if (outs.isEmpty()) {
      b.get("DisplayOutput");
    }
    return new DisplayRequest(outs);
  }

  private static List<DisplayOutput> displayOutputs(NexoNode b, String name)
      throws NexoFormatException {
    List<DisplayOutput> out = new ArrayList<>();
    for (NexoNode d : b.objects(name)) {
      List<String> lines = new ArrayList<>();
      NexoNode content = d.opt("OutputContent");
      if (content != null) {
        for (NexoNode t : content.objects("OutputText")) {
          lines.add(t.get("Text").asString());
        }
      }
      NexoNode min = d.opt("MinimumDisplayTime");
      out.add(
          new DisplayOutput(
              d.string("Device"),
              d.string("InfoQualify"),
              lines,
              d.bool("ResponseRequiredFlag", false),
              min == null ? 0 : nonNegative(d, "MinimumDisplayTime")));
    }
    return out;
  }

  private static int nonNegative(NexoNode n, String name) throws NexoFormatException {
    int v = n.integer(name);
    if (v < 0) {
      throw new NexoFormatException(n.path() + "." + name, "must not be negative");
    }
    return v;
  }

  /** Reads an {@code EventNotification} body. */
  public static EventNotification event(NexoNode b) throws NexoFormatException {
    return new EventNotification(
        b.instant("TimeStamp"),
        b.string("EventToNotify"),
        b.optString("EventDetails"),
        b.bool("MaintenanceRequiredFlag", false));
  }

  /** Reads a {@code PaymentResponse} body. */
  public static PaymentResponse paymentResponse(NexoNode b) throws NexoFormatException {
    ResponseStatus status = status(b);
    NexoNode result = b.opt("PaymentResult");
    Money authorised = null;
    String masked = null;
    String brand = null;
    if (result != null) {
      NexoNode amounts = result.opt("AmountsResp");
      if (amounts != null) {
        authorised = money(amounts, "AuthorizedAmount");
      }
      NexoNode instrument = result.opt("PaymentInstrumentData");
      NexoNode card = instrument == null ? null : instrument.opt("CardData");
      if (card != null) {
        masked = card.optString("MaskedPan");
        if (masked != null && CardNumbers.containsCardNumber(masked)) {
          throw new NexoFormatException(
              card.path() + ".MaskedPan", "holds a whole card number, not a masked one");
        }
        brand = card.optString("PaymentBrand");
      }
    }
    return new PaymentResponse(
        status,
        optTransaction(b, "POIData", "POITransactionID"),
        optTransaction(b, "SaleData", "SaleTransactionID"),
        authorised,
        masked,
        brand,
        additional(status.additionalResponse(), "alias"));
  }

  private static TransactionStatusResponse transactionStatusResponse(NexoNode b)
      throws NexoFormatException {
    NexoNode r = b.opt("MessageReference");
    NexoNode repeated = b.opt("RepeatedMessageResponse");
    PaymentResponse payment = null;
    if (repeated != null) {
      NexoNode inner = repeated.object("RepeatedResponseMessageBody");
      NexoNode pr = inner.opt("PaymentResponse");
      if (pr != null) {
        payment = paymentResponse(pr);
      }
    }
    return new TransactionStatusResponse(status(b), r == null ? null : reference(r), payment);
  }

  private static List<DeviceResult> deviceResults(NexoNode b, String name)
      throws NexoFormatException {
    List<DeviceResult> out = new ArrayList<>();
    for (NexoNode d : b.objects(name)) {
      out.add(new DeviceResult(d.string("Device"), d.string("InfoQualify"), status(d)));
    }
    if (out.isEmpty()) {
      b.get(name);
    }
    return out;
  }

  /** Reads the {@code Response} element of a response body. */
  public static ResponseStatus status(NexoNode body) throws NexoFormatException {
    NexoNode r = body.object("Response");
    NexoResult result = enumOf(NexoResult.class, r, "Result");
    String error = r.optString("ErrorCondition");
    if (result != NexoResult.Success && error == null) {
      r.get("ErrorCondition");
    }
    return new ResponseStatus(result, error, withoutCardNumbers(r.optString("AdditionalResponse")));
  }

  /**
   * The additional response without any {@code key=value} pair whose decoded value holds a whole
   * card number, so that nothing PAN-shaped is kept, logged or stored from this free-form field.
   */
  private static @Nullable String withoutCardNumbers(@Nullable String additional) {
    if (additional == null) {
      return null;
    }
    StringBuilder kept = new StringBuilder();
    for (String pair : additional.split("&", -1)) {
      String value = pair.substring(pair.indexOf('=') + 1);
      String decoded;
      try {
        decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = value;
      }
      if (CardNumbers.containsCardNumber(decoded) || CardNumbers.containsCardNumber(value)) {
        continue;
      }
      if (kept.length() > 0) {
        kept.append('&');
      }
      kept.append(pair);
    }
    return kept.toString();
  }

  private static @Nullable TransactionReference optTransaction(
      NexoNode b, String outer, String inner) throws NexoFormatException {
    NexoNode o = b.opt(outer);
    return o == null ? null : transaction(o, inner);
  }

  private static TransactionReference transaction(NexoNode holder, String name)
      throws NexoFormatException {
    NexoNode t = holder.object(name);
    return new TransactionReference(t.string("TransactionID"), t.instant("TimeStamp"));
  }

  private static Money money(NexoNode amounts, String field) throws NexoFormatException {
    String code = amounts.string("Currency");
    Currency currency;
    try {
      currency = Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new NexoFormatException(amounts.path() + ".Currency", "not an ISO 4217 code");
    }
    BigDecimal major = amounts.decimal(field);
    try {
      return Money.of(major, currency);
    } catch (RuntimeException e) {
      throw new NexoFormatException(
          amounts.path() + "." + field, "not an amount of " + currency.getCurrencyCode());
    }
  }

  private static @Nullable String additional(@Nullable String additional, String key) {
    if (additional == null) {
      return null;
    }
    for (String pair : additional.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(key)) {
        try {
          String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          return v.isBlank() || CardNumbers.containsCardNumber(v) ? null : v;
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, NexoNode n, String name)
      throws NexoFormatException {
    String s = n.string(name);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    throw new NexoFormatException(
        n.path() + "." + name, "not a known " + type.getSimpleName() + " value");
  }
}
