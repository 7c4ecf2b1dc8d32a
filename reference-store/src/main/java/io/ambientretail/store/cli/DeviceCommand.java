package io.ambientretail.store.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ambient device}: find and watch devices. */
@Command(name = "device", mixinStandardHelpOptions = true,
    description = "Find serial ports and PC/SC readers, and watch a device's events.",
    subcommands = {DeviceCommand.Watch.class, DeviceCommand.ListDevices.class})
final class DeviceCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient device watch}. */
  @Command(name = "watch", mixinStandardHelpOptions = true,
      description = "Open a serial device with a driver and print each event as a JSON line.",
      footer = {"", "Example:", "  ambient device watch --driver mt-sics --port /dev/ttyUSB0 --seconds 10"})
  static final class Watch implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--driver", required = true,
        description = "mt-sics, nci, scanner, shelf or lock.")
    String driver;

    @Option(names = "--port", required = true, description = "Serial port path.")
    String port;

    @Option(names = "--baud", defaultValue = "9600", description = "Baud rate.")
    int baud;

    @Option(names = "--seconds", description = "Stop after this many seconds.")
    Integer seconds;

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "device watch", "sdk-devices");
    }
  }

  /** {@code ambient device list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List serial ports and PC/SC readers, one JSON line each.")
  static final class ListDevices implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "device list", "sdk-devices");
    }
  }
}
