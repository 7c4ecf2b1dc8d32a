package io.ambientretail.devices.internal;

import io.ambientretail.devices.Device;
import io.ambientretail.devices.DeviceConfig;
import io.ambientretail.devices.DeviceConfigException;
import io.ambientretail.devices.DeviceDriver;
import io.ambientretail.devices.modbus.ModbusTemperatureSensors;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code modbus-temp} driver: a {@link ModbusTemperatureSensors} line from a configuration's
 * settings: {@code sensors} ({@code "name=unit[,name=unit...]"}, required), {@code register}
 * ({@code input:N} or {@code holding:N}, default {@code input:1}), {@code scale} (1, 10, 100;
 * default 10), {@code unit} ({@code C} or {@code F}), {@code pollMs} (default 1000), {@code
 * timeoutMs} (default 200). Every sensor of a line reads the same register of its own unit.
 */
final class ModbusTemperatureDriver {
  private ModbusTemperatureDriver() {}

  static Device create(DeviceConfig c, DeviceDriver.Context x) {
    String where = c.id() + ": settings.";
    ModbusTemperatureSensors.Builder b =
        ModbusTemperatureSensors.builder(c.id(), x.connector()).options(x.options());
    try {
      String register = c.setting("register", "input:1").trim().toLowerCase(Locale.ROOT);
      String[] r = register.split(":", -1);
      if (r.length != 2 || !(r[0].equals("input") || r[0].equals("holding"))) {
        throw new DeviceConfigException(
            c.line(), where + "register must be input:N or holding:N, was '" + register + "'");
      }
      ModbusTemperatureSensors.Register kind =
          r[0].equals("input")
              ? ModbusTemperatureSensors.Register.INPUT
              : ModbusTemperatureSensors.Register.HOLDING;
      int address = number(c, "register", r[1], 0, 65_535);
      int scale = number(c, "scale", c.setting("scale", "10"), 1, 100);
      String sensors = c.setting("sensors", "");
      if (sensors.isBlank()) {
        throw new DeviceConfigException(
            c.line(), where + "sensors is required: \"name=unit,name=unit\"");
      }
      for (String part : sensors.split(",", -1)) {
        String[] kv = part.trim().split("=", -1);
        if (kv.length != 2 || kv[0].isBlank()) {
          throw new DeviceConfigException(
              c.line(), where + "sensors entry '" + part.trim() + "' is not name=unit");
        }
        b.sensor(kv[0].trim(), number(c, "sensors", kv[1], 1, 247), kind, address, scale);
      }
      String unit = c.setting("unit", "C").trim().toUpperCase(Locale.ROOT);
      if (unit.equals("F")) {
        b.fahrenheit();
      } else if (!unit.equals("C")) {
        throw new DeviceConfigException(c.line(), where + "unit must be C or F, was " + unit);
      }
      b.pollInterval(
          Duration.ofMillis(number(c, "pollMs", c.setting("pollMs", "1000"), 50, 3_600_000)));
      b.responseTimeout(
          Duration.ofMillis(number(c, "timeoutMs", c.setting("timeoutMs", "200"), 10, 10_000)));
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new DeviceConfigException(c.line(), c.id() + ": " + e.getMessage());
    }
  }

  private static int number(DeviceConfig c, String key, String text, int min, int max) {
    try {
      int v = Integer.parseInt(text.trim());
      if (v < min || v > max) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new DeviceConfigException(
          c.line(),
          c.id()
              + ": settings."
              + key
              + " must be a whole number "
              + min
              + ".."
              + max
              + ", was '"
              + text
              + "'");
    }
  }
}
