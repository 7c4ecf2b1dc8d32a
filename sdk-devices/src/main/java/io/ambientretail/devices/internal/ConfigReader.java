package io.ambientretail.devices.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ambientretail.core.DeviceId;
import io.ambientretail.core.InvalidValueException;
import io.ambientretail.devices.DeviceConfig;
import io.ambientretail.devices.DeviceConfigException;
import io.ambientretail.devices.transport.FlowControl;
import io.ambientretail.devices.transport.Parity;
import io.ambientretail.devices.transport.StopBits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads device configurations with Jackson's streaming parsers (JSON or YAML), kept internal. */
public final class ConfigReader {
  /** The longest configuration read: 1 MiB. */
  public static final int MAX_CHARS = 1 << 20;

  private static final int MAX_DEPTH = 16;
  private static final int MAX_DEVICES = 1000;

  private static final java.util.Set<String> LANE_FIELDS =
      java.util.Set.of("channel", "lane", "zero", "span", "spanGrams");

  private ConfigReader() {}

  /** A node value with the line it started on. */
  private record Node(Object value, int line) {}

  public static List<DeviceConfig> read(String text, boolean yaml) {
    if (text.length() > MAX_CHARS) {
      throw new DeviceConfigException(0, "configuration longer than " + MAX_CHARS + " characters");
    }
    Node root = parse(text, yaml);
    if (!(root.value instanceof Map)) {
      throw new DeviceConfigException(root.line, "the document must be a mapping with 'devices'");
    }
    Node devices = ((Map<?, ?>) root.value).get("devices") instanceof Node n ? n : null;
    if (devices == null || !(devices.value instanceof List)) {
      throw new DeviceConfigException(root.line, "'devices' must be a list");
    }
    List<DeviceConfig> out = new ArrayList<>();
    List<?> list = (List<?>) devices.value;
    if (list.size() > MAX_DEVICES) {
      throw new DeviceConfigException(devices.line, "more than " + MAX_DEVICES + " devices");
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Node d = (Node) list.get(i);
      DeviceConfig c = device(d, "devices[" + i + "]");
      if (!ids.add(c.id().value())) {
        throw new DeviceConfigException(
            d.line, "devices[" + i + "].id: '" + c.id() + "' is used twice");
      }
      out.add(c);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<DeviceConfig.Lane> lanes(Node lanesNode, String path, boolean laneOptional) {
    List<DeviceConfig.Lane> lanes = new ArrayList<>();
    if (lanesNode == null) {
      return lanes;
    }
    if (!(lanesNode.value instanceof List)) {
      throw new DeviceConfigException(lanesNode.line, path + ".lanes must be a list");
    }
    List<Node> ls = (List<Node>) lanesNode.value;
    java.util.Set<Long> channels = new java.util.HashSet<>();
    for (int i = 0; i < ls.size(); i++) {
      Node ln = ls.get(i);
      String lp = path + ".lanes[" + i + "]";
      if (!(ln.value instanceof Map)) {
        throw new DeviceConfigException(ln.line, lp + " must be a mapping");
      }
      Map<String, Node> lm = (Map<String, Node>) ln.value;
      for (Map.Entry<String, Node> e : lm.entrySet()) {
        if (!LANE_FIELDS.contains(e.getKey())) {
          throw new DeviceConfigException(
              e.getValue().line,
              lp
                  + "."
                  + e.getKey()
                  + ": unknown field (known: "
                  + new java.util.TreeSet<>(LANE_FIELDS)
                  + ")");
        }
      }
      long channel = number(lm, "channel", lp, null, 0, 255, ln.line);
      if (!channels.add(channel)) {
        throw new DeviceConfigException(
            ln.line, lp + ".channel: channel " + channel + " is calibrated twice");
      }
      long zero = number(lm, "zero", lp, 0L, Integer.MIN_VALUE, Integer.MAX_VALUE, ln.line);
      long span = number(lm, "span", lp, 1000L, Integer.MIN_VALUE, Integer.MAX_VALUE, ln.line);
      if (span == zero) {
        throw new DeviceConfigException(
            lm.containsKey("span") ? lm.get("span").line : ln.line,
            lp + ".span: must differ from zero (" + zero + ")");
      }
      lanes.add(
          new DeviceConfig.Lane(
              (int) channel,
              text(lm, "lane", lp, laneOptional ? "ch" + channel : null, ln.line),
              zero,
              span,
              number(lm, "spanGrams", lp, 1L, 1, 1_000_000, ln.line)));
    }
    return lanes;
  }

  /**
   * Reads a shelf calibration document: a mapping with one key, {@code lanes}, a list of {@code
   * {channel, lane, zero, span, spanGrams}} as in a device's {@code lanes}; {@code lane} defaults
   * to {@code ch<channel>}.
   */
  public static List<DeviceConfig.Lane> readLanes(String text, boolean yaml) {
    Node root = parse(text, yaml);
    if (!(root.value instanceof Map<?, ?> m) || !m.containsKey("lanes")) {
      throw new DeviceConfigException(root.line, "the document must be a mapping with 'lanes'");
    }
    for (Object k : m.keySet()) {
      if (!k.equals("lanes")) {
        throw new DeviceConfigException(
            ((Node) m.get(k)).line, k + ": unknown field (known: [lanes])");
      }
    }
    return lanes((Node) m.get("lanes"), "calibration", true);
  }

  private static Node parse(String text, boolean yaml) {
    if (text.length() > MAX_CHARS) {
      throw new DeviceConfigException(0, "configuration longer than " + MAX_CHARS + " characters");
    }
    JsonFactory f = yaml ? new YAMLFactory() : new JsonFactory();
    f.setStreamReadConstraints(
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(10_000)
            .maxNumberLength(30)
            .build());
    Node root;
    try (JsonParser p = f.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new DeviceConfigException(0, "configuration is empty");
      }
      root = value(p, 0);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new DeviceConfigException(
          line, "not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new DeviceConfigException(0, "cannot read configuration: " + e.getMessage());
    }
    return root;
  }

  private static Node value(JsonParser p, int depth) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Node> m = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            m.put(name, value(p, depth + 1));
          }
          return new Node(m, line);
        }
      case START_ARRAY:
        {
          List<Node> l = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            l.add(value(p, depth + 1));
          }
          return new Node(l, line);
        }
      case VALUE_NUMBER_INT:
        return new Node(p.getLongValue(), line);
      case VALUE_NUMBER_FLOAT:
        return new Node(p.getText(), line);
      case VALUE_TRUE:
        return new Node(Boolean.TRUE, line);
      case VALUE_FALSE:
        return new Node(Boolean.FALSE, line);
      case VALUE_NULL:
        return new Node("", line);
      default:
        return new Node(p.getText(), line);
    }
  }

  @SuppressWarnings("unchecked")
  private static DeviceConfig device(Node node, String path) {
    if (!(node.value instanceof Map)) {
      throw new DeviceConfigException(node.line, path + " must be a mapping");
    }
    Map<String, Node> m = (Map<String, Node>) node.value;
    java.util.Set<String> known =
        java.util.Set.of(
            "id",
            "kind",
            "driver",
            "transport",
            "port",
            "baud",
            "dataBits",
            "parity",
            "stopBits",
            "flowControl",
            "claimTimeoutMs",
            "frameTimeoutMs",
            "maxFrameBytes",
            "reader",
            "channels",
            "lanes",
            "settings");
    for (Map.Entry<String, Node> e : m.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw new DeviceConfigException(
            e.getValue().line,
            path
                + "."
                + e.getKey()
                + ": unknown field (known: "
                + new java.util.TreeSet<>(known)
                + ")");
      }
    }
    String idText = text(m, "id", path, null, node.line);
    DeviceId id;
    try {
      id = DeviceId.of(idText);
    } catch (InvalidValueException e) {
      throw new DeviceConfigException(m.get("id").line, path + ".id: " + e.getMessage());
    }
    String driver = text(m, "driver", path, null, node.line).toLowerCase(Locale.ROOT);
    List<DeviceConfig.Lane> lanes = lanes(m.get("lanes"), path, false);
    try {
      return new DeviceConfig(
          id,
          driver,
          text(m, "transport", path, "serial", node.line),
          text(m, "port", path, "", node.line),
          (int) number(m, "baud", path, 9600L, 50, 4_000_000, node.line),
          (int) number(m, "dataBits", path, 8L, 5, 8, node.line),
          parity(text(m, "parity", path, "none", node.line), m, path),
          stopBits(text(m, "stopBits", path, "1", node.line), m, path),
          flow(text(m, "flowControl", path, "none", node.line), m, path),
          Duration.ofMillis(number(m, "claimTimeoutMs", path, 5000L, 1, 600_000, node.line)),
          Duration.ofMillis(number(m, "frameTimeoutMs", path, 1000L, 1, 3_600_000, node.line)),
          (int) number(m, "maxFrameBytes", path, 1024L, 1, 1 << 20, node.line),
          text(m, "reader", path, "", node.line),
          (int) number(m, "channels", path, 0L, 0, 256, node.line),
          lanes,
          settings(m.get("settings"), path),
          node.line);
    } catch (DeviceConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new DeviceConfigException(node.line, path + ": " + e.getMessage());
    }
  }

  /** A {@code settings} mapping of single values, kept as text; at most 64 entries. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> settings(Node n, String path) {
    if (n == null) {
      return Map.of();
    }
    if (!(n.value instanceof Map)) {
      throw new DeviceConfigException(n.line, path + ".settings must be a mapping");
    }
    Map<String, Node> m = (Map<String, Node>) n.value;
    if (m.size() > 64) {
      throw new DeviceConfigException(n.line, path + ".settings has more than 64 entries");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : m.entrySet()) {
      out.put(e.getKey(), text(m, e.getKey(), path + ".settings", null, n.line));
    }
    return out;
  }

  private static String text(Map<String, Node> m, String key, String path, String dflt, int line) {
    Node n = m.get(key);
    if (n == null) {
      if (dflt == null) {
        throw new DeviceConfigException(line, path + "." + key + " is required");
      }
      return dflt;
    }
    if (n.value instanceof Map || n.value instanceof List) {
      throw new DeviceConfigException(n.line, path + "." + key + " must be a single value");
    }
    return String.valueOf(n.value);
  }

  private static long number(
      Map<String, Node> m, String key, String path, Long dflt, long min, long max, int line) {
    Node n = m.get(key);
    if (n == null) {
      if (dflt == null) {
        throw new DeviceConfigException(line, path + "." + key + " is required");
      }
      return dflt;
    }
    long v;
    if (n.value instanceof Long l) {
      v = l;
    } else {
      try {
        v = Long.parseLong(String.valueOf(n.value).trim());
      } catch (NumberFormatException e) {
        throw new DeviceConfigException(
            n.line, path + "." + key + " must be a whole number, was '" + n.value + "'");
      }
    }
    if (v < min || v > max) {
      throw new DeviceConfigException(
          n.line, path + "." + key + " must be " + min + ".." + max + ", was " + v);
    }
    return v;
  }

  private static Parity parity(String s, Map<String, Node> m, String path) {
    try {
      return Parity.valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new DeviceConfigException(
          m.get("parity").line,
          path + ".parity must be none, odd, even, mark or space, was '" + s + "'");
    }
  }

  private static StopBits stopBits(String s, Map<String, Node> m, String path) {
    switch (s.trim()) {
      case "1":
        return StopBits.ONE;
      case "1.5":
        return StopBits.ONE_POINT_FIVE;
      case "2":
        return StopBits.TWO;
      default:
        throw new DeviceConfigException(
            m.get("stopBits").line, path + ".stopBits must be 1, 1.5 or 2, was '" + s + "'");
    }
  }

  private static FlowControl flow(String s, Map<String, Node> m, String path) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "none":
        return FlowControl.NONE;
      case "rts/cts":
      case "rtscts":
      case "hardware":
        return FlowControl.RTS_CTS;
      case "xon/xoff":
      case "xonxoff":
      case "software":
        return FlowControl.XON_XOFF;
      default:
        throw new DeviceConfigException(
            m.get("flowControl").line,
            path + ".flowControl must be none, rts/cts or xon/xoff, was '" + s + "'");
    }
  }
}
