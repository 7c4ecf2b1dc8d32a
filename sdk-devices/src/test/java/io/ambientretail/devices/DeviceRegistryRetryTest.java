package io.ambientretail.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.transport.Conditions;
import io.ambientretail.devices.transport.FlowControl;
import io.ambientretail.devices.transport.InMemoryLine;
import io.ambientretail.devices.transport.Parity;
import io.ambientretail.devices.transport.StopBits;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A device that cannot be claimed at boot is retried with backoff, not marked failed forever. */
class DeviceRegistryRetryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static DeviceConfig config(String id, String driver, String port) {
    return new DeviceConfig(
        DeviceId.of(id),
        driver,
        "memory",
        port,
        9600,
        8,
        Parity.NONE,
        StopBits.ONE,
        FlowControl.NONE,
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        1024,
        "",
        0,
        List.of(),
        1);
  }

  /** A driver whose devices fail to claim {@code failures} times, then claim. */
  private static final class FlakyDriver implements DeviceDriver {
    final AtomicInteger claims = new AtomicInteger();
    final int failures;
    final boolean configProblem;

    FlakyDriver(int failures) {
      this(failures, false);
    }

    FlakyDriver(int failures, boolean configProblem) {
      this.failures = failures;
      this.configProblem = configProblem;
    }

    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public Device create(DeviceConfig config, Context context) {
      return new Device() {
        private volatile DeviceState state = DeviceState.CLOSED;

        @Override
        public DeviceId id() {
          return config.id();
        }

        @Override
        public DeviceKind kind() {
          return DeviceKind.SCALE;
        }

        @Override
        public DeviceState state() {
          return state;
        }

        @Override
        public DeviceHealth health() {
          return state == DeviceState.ENABLED ? DeviceHealth.ONLINE : DeviceHealth.IDLE;
        }

        @Override
        public void open() {
          state = DeviceState.OPENED;
        }

        @Override
        public void claim(Duration timeout) throws IOException {
          if (configProblem) {
            claims.incrementAndGet();
            throw new IllegalArgumentException("register map 'xyz' is unknown");
          }
          if (claims.incrementAndGet() <= failures) {
            throw new IOException("no such port /dev/ttyUSB7 (attempt " + claims.get() + ")");
          }
          state = DeviceState.CLAIMED;
        }

        @Override
        public void enable() {
          state = DeviceState.ENABLED;
        }

        @Override
        public void disable() {
          state = DeviceState.CLAIMED;
        }

        @Override
        public void release() {
          state = DeviceState.OPENED;
        }

        @Override
        public void close() {
          state = DeviceState.CLOSED;
        }

        @Override
        public void addListener(DeviceListener listener) {}

        @Override
        public void removeListener(DeviceListener listener) {}
      };
    }
  }

  @Test
  void claimThatFailsTwiceThenSucceeds_isRetriedUntilOnline() throws Exception {
    FlakyDriver flaky = new FlakyDriver(2);
    try (DeviceRegistry registry =
        DeviceRegistry.builder()
            .driver(flaky)
            .claimRetry(Duration.ofMillis(20), Duration.ofMillis(200))
            .build()) {
      registry.add(config("scale-9", "flaky", "x"));
      Map<DeviceId, String> failed = registry.startAll();
      assertThat(failed.get(DeviceId.of("scale-9"))).contains("attempt 1");
      assertThat(registry.health())
          .containsEntry(DeviceId.of("scale-9"), DeviceHealth.RECONNECTING);
      assertThat(
              Conditions.await(
                  () -> registry.health().get(DeviceId.of("scale-9")) == DeviceHealth.ONLINE, WAIT))
          .isTrue();
      assertThat(flaky.claims.get()).isEqualTo(3);
      assertThat(registry.problems()).isEmpty();
      assertThat(registry.device(DeviceId.of("scale-9")).state()).isEqualTo(DeviceState.ENABLED);
    }
  }

  @Test
  void scaleSwitchedOnAfterTheStore_comesOnlineByItself() throws Exception {
    InMemoryLine line = InMemoryLine.create("scale-line");
    line.unplug(); // the balance is still off when the kiosk boots
    try (DeviceRegistry registry =
        DeviceRegistry.builder()
            .memoryLines(name -> line.hostConnector())
            .claimRetry(Duration.ofMillis(50), Duration.ofMillis(200))
            .build()) {
      Device scale = registry.add(config("scale-1", "mt-sics", "scale-line"));
      assertThat(registry.startAll()).containsKey(DeviceId.of("scale-1"));
      assertThat(scale.state()).isEqualTo(DeviceState.OPENED);
      line.plug();
      assertThat(Conditions.await(() -> scale.state() == DeviceState.ENABLED, WAIT)).isTrue();
      assertThat(Conditions.await(() -> scale.health() == DeviceHealth.ONLINE, WAIT)).isTrue();
      assertThat(registry.health()).containsEntry(DeviceId.of("scale-1"), DeviceHealth.ONLINE);
    }
  }

  @Test
  void startThatFailsOnItsConfiguration_isFailedNotRetried() throws Exception {
    FlakyDriver refuses = new FlakyDriver(0, true);
    try (DeviceRegistry registry =
        DeviceRegistry.builder()
            .driver(refuses)
            .claimRetry(Duration.ofMillis(10), Duration.ofMillis(20))
            .build()) {
      registry.add(config("scale-9", "flaky", "x"));
      assertThat(registry.startAll().get(DeviceId.of("scale-9"))).contains("register map");
      assertThat(registry.health()).containsEntry(DeviceId.of("scale-9"), DeviceHealth.FAILED);
      // several retry intervals later, nobody tried again
      assertThat(Conditions.await(() -> refuses.claims.get() > 1, Duration.ofMillis(300)))
          .isFalse();
      assertThat(registry.problems().get(DeviceId.of("scale-9"))).contains("register map");
    }
  }
}
