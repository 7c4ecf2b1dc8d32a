package io.ambientretail.payments.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ambientretail.core.Money;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Writes one flat JSON object (with nested objects for money) into bytes, in the order fields are
 * added, so the same request always has the same bytes: the idempotency check compares them.
 */
public final class JsonWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
  private final JsonGenerator g;

  /** Starts an object. */
  public JsonWriter() {
    try {
      g = JsonObject.factory().createGenerator(out);
      g.writeStartObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a string field; null writes nothing. */
  public JsonWriter put(String name, @Nullable String value) {
    if (value == null) {
      return this;
    }
    try {
      g.writeStringField(name, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Adds an integer field. */
  public JsonWriter put(String name, long value) {
    try {
      g.writeNumberField(name, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Adds a boolean field. */
  public JsonWriter put(String name, boolean value) {
    try {
      g.writeBooleanField(name, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Adds an instant as ISO-8601 text; null writes nothing. */
  public JsonWriter put(String name, @Nullable Instant value) {
    return value == null ? this : put(name, value.toString());
  }

  /** Adds {@code {"minor": n, "currency": "EUR"}}; null writes nothing. */
  public JsonWriter put(String name, @Nullable Money value) {
    if (value == null) {
      return this;
    }
    try {
      g.writeObjectFieldStart(name);
      g.writeNumberField("minor", value.minor());
      g.writeStringField("currency", value.currency().getCurrencyCode());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Ends the object and returns its UTF-8 bytes. */
  public byte[] toBytes() {
    try {
      g.writeEndObject();
      g.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
