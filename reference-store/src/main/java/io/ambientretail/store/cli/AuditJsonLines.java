package io.ambientretail.store.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.ambientretail.core.AmbientException;
import io.ambientretail.privacy.audit.AuditEntry;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.Sha256Hash;
import io.ambientretail.privacy.audit.SignedCheckpoint;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The audit export format: one JSON object per line with the entry's fields ({@code seq, time,
 * actor, action, outcome, origin, resource, detail, prev, hash}), oldest first, and, right after
 * the entry a signed checkpoint covers up to, a line {@code {"checkpoint":"<C2SP signed note>"}}.
 *
 * <p>Version 2 writes {@code prev} and {@code hash} as 43 base64url characters (hex runs of digits
 * can look like card numbers to a PAN scan); version 1 wrote 64 hex digits, and both are read.
 * Version 1 files have no checkpoint lines.
 *
 * <p>Reading is strict and bounded: a line longer than {@link #MAX_LINE_CHARS}, a missing, unknown
 * or repeated field, or a value of the wrong type is a {@link BadLine} naming the line and field.
 * Not thread-safe.
 */
final class AuditJsonLines {
  /** Longest line accepted, in characters: every field at its limit, escaped, fits easily. */
  static final int MAX_LINE_CHARS = 64 * 1024;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(2)
                  .maxStringLength(MAX_LINE_CHARS)
                  .maxNumberLength(20)
                  .build())
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private AuditJsonLines() {}

  /** A line that is not an audit entry; the message names the line and what is wrong. */
  static final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;

    BadLine(long line, String why) {
      super("line " + line + ": " + why);
    }
  }

  static String write(AuditEntry e) throws IOException {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      AuditEvent ev = e.event();
      g.writeStartObject();
      g.writeNumberField("seq", e.sequence());
      g.writeStringField("time", e.time().toString());
      g.writeStringField("actor", ev.actor());
      g.writeStringField("action", ev.action());
      g.writeStringField("outcome", ev.outcome().name().toLowerCase(java.util.Locale.ROOT));
      g.writeStringField("origin", ev.origin());
      g.writeStringField("resource", ev.resource());
      g.writeStringField("detail", ev.detail());
      g.writeStringField("prev", e.previousHash().base64Url());
      g.writeStringField("hash", e.hash().base64Url());
      g.writeEndObject();
    }
    return w.toString();
  }

  static String write(SignedCheckpoint c) throws IOException {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("checkpoint", c.text());
      g.writeEndObject();
    }
    return w.toString();
  }

  /**
   * Reads the next line of {@code in} into {@code sb} (without the line end); returns false at the
   * end of input.
   *
   * @throws BadLine if the line is longer than {@link #MAX_LINE_CHARS}
   */
  static boolean readLine(Reader in, StringBuilder sb, long lineNo) throws IOException, BadLine {
    sb.setLength(0);
    int c = in.read();
    if (c < 0) {
      return false;
    }
    while (c >= 0 && c != '\n') {
      if (sb.length() >= MAX_LINE_CHARS) {
        throw new BadLine(lineNo, "longer than " + MAX_LINE_CHARS + " characters");
      }
      sb.append((char) c);
      c = in.read();
    }
    if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
      sb.setLength(sb.length() - 1);
    }
    return true;
  }

  /**
   * Parses an entry line.
   *
   * @throws BadLine if the line is not an entry (a checkpoint line is not one either)
   */
  static AuditEntry parse(String line, long lineNo) throws BadLine {
    Object item = parseLine(line, lineNo);
    if (!(item instanceof AuditEntry)) {
      throw new BadLine(lineNo, "a signed checkpoint, not an entry");
    }
    return (AuditEntry) item;
  }

  /**
   * Parses any line of an export: an {@link AuditEntry} or a {@link SignedCheckpoint} (its
   * signature not checked).
   *
   * @throws BadLine naming the line and what is wrong
   */
  static Object parseLine(String line, long lineNo) throws BadLine {
    Map<String, Object> f = new HashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadLine(lineNo, "not a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("seq")) {
          if (v != JsonToken.VALUE_NUMBER_INT) {
            throw new BadLine(lineNo, "field 'seq' is not an integer");
          }
          f.put(name, p.getLongValue());
        } else if (isStringField(name)) {
          if (v != JsonToken.VALUE_STRING) {
            throw new BadLine(lineNo, "field '" + name + "' is not a string");
          }
          f.put(name, p.getText());
        } else {
          throw new BadLine(lineNo, "unknown field '" + name + "'");
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw new BadLine(lineNo, "not a flat JSON object");
      }
      if (p.nextToken() != null) {
        throw new BadLine(
            lineNo, "text after the object at column " + p.currentLocation().getColumnNr());
      }
    } catch (JsonProcessingException e) {
      throw new BadLine(
          lineNo,
          "not valid JSON at column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadLine(lineNo, "unreadable: " + e.getMessage());
    }
    if (f.containsKey("checkpoint")) {
      if (f.size() != 1) {
        throw new BadLine(lineNo, "a checkpoint line has only the field 'checkpoint'");
      }
      try {
        return SignedCheckpoint.parse((String) f.get("checkpoint"));
      } catch (AmbientException e) {
        throw new BadLine(lineNo, "field 'checkpoint': " + e.getMessage());
      }
    }
    for (String name :
        new String[] {
          "seq",
          "time",
          "actor",
          "action",
          "outcome",
          "origin",
          "resource",
          "detail",
          "prev",
          "hash"
        }) {
      if (!f.containsKey(name)) {
        throw new BadLine(lineNo, "field '" + name + "' is missing");
      }
    }
    try {
      String outcome = (String) f.get("outcome");
      AuditOutcome o =
          outcome.equals("success")
              ? AuditOutcome.SUCCESS
              : outcome.equals("failure") ? AuditOutcome.FAILURE : null;
      if (o == null) {
        throw new BadLine(lineNo, "field 'outcome' is neither 'success' nor 'failure'");
      }
      AuditEvent ev =
          AuditEvent.builder()
              .actor((String) f.get("actor"))
              .action((String) f.get("action"))
              .outcome(o)
              .origin((String) f.get("origin"))
              .resource((String) f.get("resource"))
              .detail((String) f.get("detail"))
              .build();
      Instant time = Instant.parse((String) f.get("time"));
      return AuditEntry.of(
          (Long) f.get("seq"), time, ev, hash(f, "prev", lineNo), hash(f, "hash", lineNo));
    } catch (DateTimeParseException e) {
      throw new BadLine(lineNo, "field 'time' is not an ISO-8601 instant");
    } catch (AmbientException e) {
      throw new BadLine(lineNo, e.getMessage());
    }
  }

  private static Sha256Hash hash(Map<String, Object> f, String name, long lineNo) throws BadLine {
    try {
      return Sha256Hash.parse((String) f.get(name));
    } catch (IllegalArgumentException e) {
      throw new BadLine(lineNo, "field '" + name + "': " + e.getMessage());
    }
  }

  private static boolean isStringField(String name) {
    switch (name) {
      case "time":
      case "actor":
      case "action":
      case "outcome":
      case "origin":
      case "resource":
      case "detail":
      case "prev":
      case "hash":
      case "checkpoint":
        return true;
      default:
        return false;
    }
  }

  /**
   * Whether {@code line} begins as every line this format writes does ({@code {"seq":} or {@code
   * {"checkpoint":}): a first line that does not is another kind of file, not a damaged export.
   */
  static boolean startsLikeAnExportLine(CharSequence line) {
    String head = line.subSequence(0, Math.min(line.length(), 16)).toString();
    return head.startsWith("{\"seq\":") || head.startsWith("{\"checkpoint\":");
  }

  static void writeLine(Writer w, String json) throws IOException {
    w.write(json);
    w.write('\n');
  }
}
