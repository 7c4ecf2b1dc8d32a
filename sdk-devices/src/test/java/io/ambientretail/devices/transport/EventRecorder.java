package io.ambientretail.devices.transport;

import io.ambientretail.devices.DeviceEvent;
import io.ambientretail.devices.DeviceListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A listener that records events and lets a test wait for one with a deadline. */
public final class EventRecorder implements DeviceListener {
  private final List<DeviceEvent> events = new ArrayList<>();
  private final List<String> threads = new ArrayList<>();

  @Override
  public synchronized void onEvent(DeviceEvent event) {
    events.add(event);
    threads.add(Thread.currentThread().getName());
    notifyAll();
  }

  /** All events so far. */
  public synchronized List<DeviceEvent> events() {
    return new ArrayList<>(events);
  }

  /** Names of the threads events were delivered on. */
  public synchronized List<String> threads() {
    return new ArrayList<>(threads);
  }

  /** Waits until an event of {@code type} matching {@code test} arrived; returns it. */
  public synchronized <E extends DeviceEvent> E await(
      Class<E> type, Predicate<E> test, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (true) {
      for (; seen < events.size(); seen++) {
        DeviceEvent e = events.get(seen);
        if (type.isInstance(e) && test.test(type.cast(e))) {
          return type.cast(e);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "no matching " + type.getSimpleName() + " within " + timeout + "; got " + events);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** Waits for the {@code n}-th event of {@code type} (1-based) and returns all of that type. */
  public synchronized <E extends DeviceEvent> List<E> awaitCount(
      Class<E> type, int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<E> out = new ArrayList<>();
      for (DeviceEvent e : events) {
        if (type.isInstance(e)) {
          out.add(type.cast(e));
        }
      }
      if (out.size() >= n) {
        return out;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "only "
                + out.size()
                + " of "
                + n
                + " "
                + type.getSimpleName()
                + " within "
                + timeout
                + "; got "
                + events);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
