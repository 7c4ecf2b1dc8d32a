package io.ambientretail.store.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem details body: type, title, status, detail and the request path, plus
 * extension members such as {@code code} (the stable error code) where the store has them.
 */
final class Problem {
  private Problem() {}

  static Map<String, Object> of(int status, String title, String detail, String instance) {
    return of(status, title, detail, instance, Map.of());
  }

  static Map<String, Object> of(
      int status, String title, String detail, String instance, Map<String, Object> extensions) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "type",
        "https://ambientretail.io/problems/"
            + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
    m.put("title", title);
    m.put("status", status);
    m.put("detail", detail);
    m.put("instance", instance);
    extensions.forEach(m::putIfAbsent);
    return m;
  }
}
