package io.ambientretail.inventory.fusion;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * Writes the fusion replay format (version 1), receipt lines and the metrics line, one JSON object
 * per line. What it writes, {@link ReplayReader} and {@link ReceiptReader} read back unchanged. Not
 * thread-safe; closing it closes the writer.
 */
public final class ReplayWriter implements Closeable, Flushable {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final Writer out;
  private final JsonGenerator gen;

  private ReplayWriter(Writer out) throws IOException {
    this.out = out;
    this.gen = FACTORY.createGenerator(out);
    this.gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    this.gen.setRootValueSeparator(null);
  }

  /** A writer onto {@code out}. */
  public static ReplayWriter to(Writer out) throws IOException {
    return new ReplayWriter(Objects.requireNonNull(out, "out"));
  }

  /** Writes one event line. */
  public void event(ReplayEvent e) throws IOException {
    gen.writeStartObject();
    gen.writeNumberField("v", 1);
    gen.writeNumberField("t", e.t());
    if (e instanceof ReplayEvent.LaneDefined) {
      Lane l = ((ReplayEvent.LaneDefined) e).lane();
      gen.writeStringField("type", "lane");
      gen.writeStringField("lane", l.id().value());
      gen.writeStringField("shelf", l.shelf());
      gen.writeStringField("sku", l.sku().value());
      gen.writeNumberField("unitGrams", l.unitGrams());
      gen.writeNumberField("gramsStd", l.gramsStd());
      gen.writeNumberField("x", l.x());
      gen.writeNumberField("y", l.y());
    } else if (e instanceof ReplayEvent.Enter) {
      gen.writeStringField("type", "enter");
      gen.writeStringField("shopper", ((ReplayEvent.Enter) e).shopper().value());
    } else if (e instanceof ReplayEvent.Exit) {
      gen.writeStringField("type", "exit");
      gen.writeStringField("shopper", ((ReplayEvent.Exit) e).shopper().value());
    } else if (e instanceof ReplayEvent.Track) {
      ReplayEvent.Track t = (ReplayEvent.Track) e;
      gen.writeStringField("type", "track");
      gen.writeStringField("shopper", t.shopper().value());
      gen.writeNumberField("x", t.x());
      gen.writeNumberField("y", t.y());
    } else if (e instanceof ReplayEvent.Near) {
      ReplayEvent.Near n = (ReplayEvent.Near) e;
      gen.writeStringField("type", "near");
      gen.writeStringField("shopper", n.shopper().value());
      gen.writeStringField("shelf", n.shelf());
      gen.writeNumberField("metres", n.metres());
    } else if (e instanceof ReplayEvent.Weight) {
      ReplayEvent.Weight w = (ReplayEvent.Weight) e;
      gen.writeStringField("type", "weight");
      gen.writeStringField("lane", w.lane().value());
      gen.writeNumberField("grams", w.grams());
    } else if (e instanceof ReplayEvent.Vision) {
      ReplayEvent.Vision v = (ReplayEvent.Vision) e;
      gen.writeStringField("type", "vision");
      gen.writeStringField("shopper", v.shopper().value());
      gen.writeStringField("shelf", v.shelf());
      gen.writeStringField("action", v.action() == Action.PICK ? "pick" : "put");
      gen.writeArrayFieldStart("candidates");
      for (VisionCandidate c : v.candidates()) {
        gen.writeStartObject();
        gen.writeStringField("sku", c.sku().value());
        gen.writeNumberField("p", c.p());
        gen.writeEndObject();
      }
      gen.writeEndArray();
    } else if (e instanceof ReplayEvent.Scan) {
      ReplayEvent.Scan s = (ReplayEvent.Scan) e;
      gen.writeStringField("type", "scan");
      gen.writeStringField("shopper", s.shopper().value());
      gen.writeStringField("gtin", s.gtin());
    }
    gen.writeEndObject();
    endLine();
  }

  /** Writes one receipt line. */
  public void receipt(Receipt r) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", "receipt");
    gen.writeStringField("shopper", r.shopper().value());
    gen.writeArrayFieldStart("items");
    for (ReceiptLine l : r.items()) {
      gen.writeStartObject();
      gen.writeStringField("sku", l.sku().value());
      gen.writeNumberField("qty", l.qty());
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeNumberField("confidence", r.confidence());
    gen.writeBooleanField("review", r.review());
    if (!r.doubts().isEmpty()) {
      gen.writeArrayFieldStart("doubts");
      for (DoubtfulLine d : r.doubts()) {
        gen.writeStartObject();
        gen.writeStringField("lane", d.lane().value());
        gen.writeStringField("sku", d.sku().value());
        gen.writeNumberField("t", d.t());
        gen.writeNumberField("p", Math.round(d.probability() * 10_000) / 10_000.0);
        gen.writeStringField("reason", d.reason().name().toLowerCase(java.util.Locale.ROOT));
        gen.writeArrayFieldStart("alternatives");
        for (Alternative a : d.alternatives()) {
          gen.writeStartObject();
          if (a.shopper() == null) {
            gen.writeNullField("shopper");
          } else {
            gen.writeStringField("shopper", a.shopper().value());
          }
          gen.writeArrayFieldStart("items");
          for (java.util.Map.Entry<io.ambientretail.core.SkuId, Integer> e : a.items().entrySet()) {
            gen.writeStartObject();
            gen.writeStringField("sku", e.getKey().value());
            gen.writeNumberField("qty", e.getValue());
            gen.writeEndObject();
          }
          gen.writeEndArray();
          gen.writeNumberField("p", Math.round(a.probability() * 10_000) / 10_000.0);
          gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeEndObject();
      }
      gen.writeEndArray();
    }
    gen.writeEndObject();
    endLine();
  }

  /** Writes the metrics line of the CLI contract (with the wrong-without-review count added). */
  public void metrics(ReplayMetrics m) throws IOException {
    gen.writeStartObject();
    gen.writeObjectFieldStart("metrics");
    gen.writeNumberField("receipts", m.receipts());
    gen.writeNumberField("exactReceipts", m.exactReceipts());
    gen.writeNumberField("exactRate", round(m.exactRate()));
    gen.writeNumberField("itemPrecision", round(m.itemPrecision()));
    gen.writeNumberField("itemRecall", round(m.itemRecall()));
    gen.writeNumberField("review", m.review());
    gen.writeNumberField("wrongWithoutReview", m.wrongWithoutReview());
    gen.writeEndObject();
    gen.writeEndObject();
    endLine();
  }

  private static double round(double x) {
    return Math.round(x * 10_000) / 10_000.0;
  }

  private void endLine() throws IOException {
    gen.flush();
    out.write('\n');
  }

  @Override
  public void flush() throws IOException {
    gen.flush();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    gen.close();
    out.close();
  }
}
