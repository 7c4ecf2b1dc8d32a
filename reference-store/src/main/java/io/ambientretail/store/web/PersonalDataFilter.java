package io.ambientretail.store.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ambientretail.store.config.Role;
import io.javalin.json.JavalinJackson;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place where what the API sends is cut to what the reader may see: every JSON answer and
 * every live event passes through {@link #view}. A reader whose role holds neither {@code
 * personal-data.read} nor {@code own-data.read} (the viewer) gets personal values replaced by
 * {@value #WITHHELD}: the fields {@code shopper}, {@code card}, {@code cardFingerprint} and {@code
 * fingerprint}, and, in any text, shopper references ({@code sh_…}, {@code sv_…}), card
 * fingerprints ({@code fp_…}) and audit pseudonyms ({@code ps_…}). Readers with either permission
 * get the payload unchanged (a shopper's routes only ever return the shopper's own records).
 * Thread-safe.
 */
final class PersonalDataFilter {
  /** What a withheld value reads as. */
  static final String WITHHELD = "withheld";

  private static final Set<String> PERSONAL_FIELDS =
      Set.of("shopper", "card", "cardFingerprint", "fingerprint");
  private static final Pattern REFERENCE = Pattern.compile("\\b(?:fp|sv|sh|ps)_[A-Za-z0-9_-]+");

  // the mapper Javalin answers with, so a filtered answer is written as an unfiltered one would be
  private final ObjectMapper mapper = JavalinJackson.defaultMapper();

  /** True when {@code reader} may see personal data in what it is allowed to read. */
  static boolean seesPersonalData(ApiPrincipal reader) {
    var role = reader.role().privacyRole();
    return Role.POLICY.allows(role, Role.Permission.READ_RECEIPTS)
        || Role.POLICY.allows(role, Role.Permission.READ_OWN_RECEIPTS);
  }

  /** {@code payload} as {@code reader} may see it: itself, or a JSON tree with values withheld. */
  Object view(ApiPrincipal reader, Object payload) {
    return seesPersonalData(reader) ? payload : withheld(payload);
  }

  /** A JSON text as {@code reader} may see it. */
  String viewJson(ApiPrincipal reader, String json) throws java.io.IOException {
    return seesPersonalData(reader)
        ? json
        : mapper.writeValueAsString(withheld(mapper.readTree(json)));
  }

  /** {@code payload} as a JSON tree with every personal value withheld. */
  JsonNode withheld(Object payload) {
    JsonNode n = payload instanceof JsonNode j ? j.deepCopy() : mapper.valueToTree(payload);
    return scrub(n);
  }

  private static JsonNode scrub(JsonNode n) {
    if (n instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (PERSONAL_FIELDS.contains(e.getKey()) && !e.getValue().isNull()) {
          e.setValue(TextNode.valueOf(WITHHELD));
        } else {
          e.setValue(scrub(e.getValue()));
        }
      }
      return o;
    }
    if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, scrub(a.get(i)));
      }
      return a;
    }
    if (n.isTextual() && REFERENCE.matcher(n.asText()).find()) {
      return TextNode.valueOf(REFERENCE.matcher(n.asText()).replaceAll(WITHHELD));
    }
    return n;
  }
}
