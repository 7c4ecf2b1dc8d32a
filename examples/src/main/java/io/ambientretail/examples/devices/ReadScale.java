package io.ambientretail.examples.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.WeightEvent;
import io.ambientretail.devices.scale.MtSicsResponse;
import io.ambientretail.devices.scale.MtSicsScale;
import io.ambientretail.devices.transport.Connector;
import io.ambientretail.devices.transport.SerialConnector;
import io.ambientretail.devices.transport.SerialSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a Mettler Toledo MT-SICS scale: prints its model, one stable weight on request, then the
 * streamed weights for a few seconds. Usage: {@code ReadScale /dev/ttyUSB0 [seconds]}.
 */
public final class ReadScale {
  private ReadScale() {}

  /** Runs against the scale behind {@code port}; returns the number of streamed weights seen. */
  public static int run(Connector port, PrintStream out, Duration streamFor) throws Exception {
    try (MtSicsScale scale = MtSicsScale.builder(DeviceId.of("scale-1"), port).build()) {
      CountDownLatch stop = new CountDownLatch(1);
      AtomicInteger seen = new AtomicInteger();
      scale.addListener(
          e -> {
            if (e instanceof WeightEvent w) {
              seen.incrementAndGet();
              out.println((w.stable() ? "stable  " : "moving  ") + w.weight());
            }
          });
      scale.open();
      scale.claim(Duration.ofSeconds(5)); // opens the port; the scale streams (SIR) from now on
      MtSicsResponse model = scale.identify(Duration.ofSeconds(2));
      out.println("model: " + String.join(", ", model.texts()));
      MtSicsResponse one = scale.weigh(Duration.ofSeconds(2));
      out.println("weighed: " + one.weight() + (one.status() == 'S' ? " (stable)" : ""));
      scale.enable(); // weight events flow to the listener
      stop.await(streamFor.toMillis(), TimeUnit.MILLISECONDS);
      scale.disable();
      return seen.get();
    }
  }

  /** Entry point: {@code ReadScale PORT [SECONDS]}. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ReadScale /dev/ttyUSB0 [seconds]");
      System.exit(2);
    }
    Duration d = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
    run(SerialConnector.of(SerialSettings.builder(args[0]).baud(9600).build()), System.out, d);
  }
}
