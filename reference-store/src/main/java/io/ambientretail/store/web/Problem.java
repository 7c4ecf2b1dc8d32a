package io.ambientretail.store.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem details body: type, title, status, detail and the request path. */
final class Problem {
  private Problem() {}

  static Map<String, Object> of(int status, String title, String detail, String instance) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "type",
        "https://ambientretail.io/problems/"
            + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
    m.put("title", title);
    m.put("status", status);
    m.put("detail", detail);
    m.put("instance", instance);
    return m;
  }
}
