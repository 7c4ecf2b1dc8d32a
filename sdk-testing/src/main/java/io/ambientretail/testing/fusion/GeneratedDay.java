package io.ambientretail.testing.fusion;

import java.io.IOException;
import java.io.Writer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated store day: the event log in the fusion replay format (one JSON line per event, in
 * time order), the ground-truth receipt lines, and how often each {@link Situation} occurs.
 * Immutable.
 */
public final class GeneratedDay {
  private final List<String> events;
  private final List<String> truth;
  private final Map<Situation, Integer> situations;

  GeneratedDay(List<String> events, List<String> truth, Map<Situation, Integer> situations) {
    this.events = List.copyOf(events);
    this.truth = List.copyOf(truth);
    EnumMap<Situation, Integer> m = new EnumMap<>(Situation.class);
    for (Situation s : Situation.values()) {
      m.put(s, situations.getOrDefault(s, 0));
    }
    this.situations = java.util.Collections.unmodifiableMap(m);
  }

  /** The event lines, in time order, without line terminators. */
  public List<String> events() {
    return events;
  }

  /** The ground-truth receipt lines, one per shopper, in the order shoppers entered. */
  public List<String> truth() {
    return truth;
  }

  /** How many times each situation occurs (zero for those that do not). */
  public Map<Situation, Integer> situations() {
    return situations;
  }

  /** Writes the event lines, each ending in a newline. */
  public void writeEvents(Writer out) throws IOException {
    for (String l : events) {
      out.write(l);
      out.write('\n');
    }
  }

  /** Writes the truth lines, each ending in a newline. */
  public void writeTruth(Writer out) throws IOException {
    for (String l : truth) {
      out.write(l);
      out.write('\n');
    }
  }
}
