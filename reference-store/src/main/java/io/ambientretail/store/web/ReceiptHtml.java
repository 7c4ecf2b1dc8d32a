package io.ambientretail.store.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.ambientretail.core.Money;
import java.util.Currency;

/** Renders a receipt's JSON as a printable HTML page (80 mm receipt printer width). */
final class ReceiptHtml {
  private ReceiptHtml() {}

  static String render(JsonNode r, Currency currency) {
    StringBuilder b = new StringBuilder(2048);
    b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Receipt ")
        .append(esc(r.path("receipt").asText()))
        .append("</title><style>")
        .append("body{font:13px/1.4 monospace;width:72mm;margin:4mm auto;color:#000}")
        .append("h1{font-size:15px;text-align:center;margin:0}table{width:100%;border-collapse:")
        .append("collapse}td.a{text-align:right}.t{border-top:1px dashed #000;font-weight:bold}")
        .append("@media print{button{display:none}}</style></head><body>");
    b.append("<h1>").append(esc(r.path("storeName").asText())).append("</h1>");
    b.append("<p>Receipt ")
        .append(esc(r.path("receipt").asText()))
        .append("<br>")
        .append(esc(r.path("issuedAt").asText()))
        .append("</p><table>");
    for (JsonNode l : r.path("lines")) {
      b.append("<tr><td>")
          .append(l.path("qty").asInt())
          .append(" &times; ")
          .append(esc(l.path("name").asText()));
      if (l.has("weightGrams")) {
        b.append(" (").append(l.path("weightGrams").asLong()).append(" g)");
      }
      b.append("</td><td class=\"a\">")
          .append(esc(Money.ofMinor(l.path("amountMinor").asLong(), currency).toString()))
          .append("</td></tr>");
    }
    b.append("<tr class=\"t\"><td>Total</td><td class=\"a\">")
        .append(esc(Money.ofMinor(r.path("total").path("minor").asLong(), currency).toString()))
        .append("</td></tr></table><p>Paid by ")
        .append(esc(r.path("card").asText()))
        .append(r.path("review").asBoolean() ? "<br>Checked by staff before charging" : "")
        .append("</p><button onclick=\"print()\">Print</button></body></html>");
    return b.toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
