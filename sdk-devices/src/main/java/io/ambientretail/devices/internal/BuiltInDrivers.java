package io.ambientretail.devices.internal;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.Device;
import io.ambientretail.devices.DeviceConfig;
import io.ambientretail.devices.DeviceConfigException;
import io.ambientretail.devices.DeviceDriver;
import io.ambientretail.devices.lock.DoorLock;
import io.ambientretail.devices.scale.MtSicsScale;
import io.ambientretail.devices.scale.NciScale;
import io.ambientretail.devices.scanner.BarcodeScanner;
import io.ambientretail.devices.shelf.LaneCalibration;
import io.ambientretail.devices.shelf.ShelfController;
import io.ambientretail.devices.smartcard.CardReader;
import io.ambientretail.devices.smartcard.ReaderPattern;
import java.util.List;
import java.util.function.BiFunction;

/** The SDK's own drivers, as {@link DeviceDriver}s like any plugged-in one. */
public final class BuiltInDrivers {
  private BuiltInDrivers() {}

  /** Every built-in driver; names as in {@link DeviceConfig#DRIVERS}. */
  public static List<DeviceDriver> all() {
    return List.of(
        of(
            "mt-sics",
            (c, x) -> MtSicsScale.builder(c.id(), x.connector()).options(x.options()).build()),
        of("nci", (c, x) -> NciScale.builder(c.id(), x.connector()).options(x.options()).build()),
        of(
            "scanner",
            (c, x) -> BarcodeScanner.builder(c.id(), x.connector()).options(x.options()).build()),
        of("lock", (c, x) -> DoorLock.builder(c.id(), x.connector()).options(x.options()).build()),
        of(
            "pcsc",
            (c, x) ->
                CardReader.builder(c.id(), ReaderPattern.of(c.reader()))
                    .options(x.options())
                    .build()),
        of("shelf", BuiltInDrivers::shelf),
        of("modbus-temp", ModbusTemperatureDriver::create));
  }

  private static Device shelf(DeviceConfig c, DeviceDriver.Context x) {
    ShelfController.Builder sb =
        ShelfController.builder(c.id(), x.connector(), c.channels()).options(x.options());
    for (DeviceConfig.Lane l : c.lanes()) {
      try {
        sb.lane(
            l.channel(),
            LaneId.of(l.lane()),
            LaneCalibration.of(l.zero(), l.span(), Weight.ofGrams(l.spanGrams())));
      } catch (RuntimeException e) {
        throw new DeviceConfigException(
            c.line(), c.id() + ": lane " + l.lane() + ": " + e.getMessage());
      }
    }
    return sb.build();
  }

  private static DeviceDriver of(
      String name, BiFunction<DeviceConfig, DeviceDriver.Context, Device> factory) {
    return new DeviceDriver() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Device create(DeviceConfig config, Context context) {
        return factory.apply(config, context);
      }

      @Override
      public String toString() {
        return "built-in driver " + name;
      }
    };
  }
}
