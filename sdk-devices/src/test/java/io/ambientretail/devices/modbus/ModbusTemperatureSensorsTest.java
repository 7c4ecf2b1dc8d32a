package io.ambientretail.devices.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.DeviceConfig;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.DeviceHealth;
import io.ambientretail.devices.DeviceRegistry;
import io.ambientretail.devices.DeviceTimeoutException;
import io.ambientretail.devices.ErrorEvent;
import io.ambientretail.devices.HealthCheckLevel;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.Temperature;
import io.ambientretail.devices.TemperatureEvent;
import io.ambientretail.devices.modbus.ModbusTemperatureSensors.Register;
import io.ambientretail.devices.sim.ModbusTemperatureSimulator;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.InMemoryLine;
import io.ambientretail.devices.transport.Parity;
import io.ambientretail.devices.transport.SerialConnector;
import io.ambientretail.devices.transport.SerialSettings;
import io.ambientretail.devices.transport.SocatPair;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fridge and freezer controllers on a Modbus RTU line: a socat pseudo-terminal and in memory. */
class ModbusTemperatureSensorsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir Path dir;

  @Test
  void pollsEverySensorOverASerialLine_andReportsEachFault() throws Exception {
    try (SocatPair pair = SocatPair.start(dir);
        ModbusTemperatureSensors line =
            ModbusTemperatureSensors.builder(
                    DeviceId.of("fridges"),
                    SerialConnector.of(
                        SerialSettings.builder(pair.hostPath())
                            .baud(19200)
                            .parity(Parity.EVEN)
                            .build()))
                .sensor("fridge-1", 1, Register.INPUT, 1, 10)
                .sensor("freezer-1", 2, Register.HOLDING, 256, 10)
                .pollInterval(Duration.ofMillis(100))
                .responseTimeout(Duration.ofMillis(150))
                .build()) {
      EventRecorder rec = new EventRecorder();
      line.addListener(rec);
      ModbusTemperatureSimulator sim =
          ModbusTemperatureSimulator.start(
              SerialConnector.of(
                      SerialSettings.builder(pair.devicePath())
                          .baud(19200)
                          .parity(Parity.EVEN)
                          .build())
                  .connect(),
              1,
              2);
      sim.temperature(1, Temperature.ofCentiCelsius(420));
      sim.temperature(2, Temperature.ofCelsius(-18));
      line.open();
      line.claim(WAIT);
      line.enable();
      rec.await(
          TemperatureEvent.class,
          e -> e.sensor().equals("fridge-1") && e.temperature().centiCelsius() == 420,
          WAIT);
      rec.await(
          TemperatureEvent.class,
          e -> e.sensor().equals("freezer-1") && e.temperature().equals(Temperature.ofCelsius(-18)),
          WAIT);
      assertThat(line.read("fridge-1", WAIT)).isEqualTo(Temperature.ofCentiCelsius(420));
      assertThat(line.checkHealth(HealthCheckLevel.EXTERNAL, WAIT).healthy()).isTrue();

      sim.silent(2, true);
      ErrorEvent timeout =
          rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.MODBUS_TIMEOUT), WAIT);
      assertThat(timeout.message()).contains("freezer-1").contains("unit 2");
      assertThatThrownBy(() -> line.read("freezer-1", WAIT))
          .isInstanceOf(DeviceTimeoutException.class);
      sim.silent(2, false);

      sim.exception(1, 4);
      ErrorEvent exception =
          rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.MODBUS_EXCEPTION), WAIT);
      assertThat(exception.message()).contains("fridge-1").contains("exception 4");
      assertThatThrownBy(() -> line.read("fridge-1", WAIT))
          .isInstanceOfSatisfying(
              ModbusException.class, e -> assertThat(e.exceptionCode()).isEqualTo(4));
      sim.exception(1, 0);

      sim.badCrc(1, true);
      rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.FRAME_CHECKSUM), WAIT);
      sim.badCrc(1, false);

      sim.probeFault(2, true);
      ErrorEvent fault =
          rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.SENSOR_FAULT), WAIT);
      assertThat(fault.message()).contains("freezer-1").contains("7FFF");
      sim.probeFault(2, false);

      // and back to readings after all that
      long before = rec.events().size();
      rec.await(
          TemperatureEvent.class,
          e -> e.sensor().equals("freezer-1") && rec.events().indexOf(e) > before,
          WAIT);
      assertThat(line.statistics().errors()).isGreaterThanOrEqualTo(4);
      sim.close();
    }
  }

  @Test
  void wholeLineSilent_isUnresponsive() throws Exception {
    InMemoryLine wire = InMemoryLine.create("rs485", 4096, Duration.ofMillis(5));
    try (ModbusTemperatureSensors line =
        ModbusTemperatureSensors.builder(DeviceId.of("fridges"), wire.hostConnector())
            .sensor("fridge-1", 1, Register.INPUT, 1, 10)
            .pollInterval(Duration.ofMillis(50))
            .responseTimeout(Duration.ofMillis(30))
            .silenceLimit(Duration.ofMillis(300))
            .build()) {
      EventRecorder rec = new EventRecorder();
      line.addListener(rec);
      line.open();
      line.claim(WAIT);
      line.enable();
      try (ModbusTemperatureSimulator sim =
          ModbusTemperatureSimulator.start(wire.deviceEnd(WAIT), 1)) {
        rec.await(TemperatureEvent.class, e -> true, WAIT);
        sim.silent(1, true);
        rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.UNRESPONSIVE, WAIT);
        assertThat(line.health()).isEqualTo(DeviceHealth.UNRESPONSIVE);
        sim.silent(1, false);
        rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.RESPONSIVE, WAIT);
      }
    }
  }

  @Test
  void fahrenheitController_isConvertedOnce() throws Exception {
    InMemoryLine wire = InMemoryLine.create("rs485", 4096, Duration.ofMillis(5));
    try (ModbusTemperatureSensors line =
        ModbusTemperatureSensors.builder(DeviceId.of("fridges"), wire.hostConnector())
            .sensor("case-1", 5, Register.INPUT, 0, 10)
            .fahrenheit()
            .build()) {
      line.open();
      line.claim(WAIT);
      try (ModbusTemperatureSimulator sim =
          ModbusTemperatureSimulator.start(wire.deviceEnd(WAIT), 5)) {
        // the simulator holds tenths: 410 read as °F tenths is 41.0 °F, exactly 5.00 °C
        sim.temperature(5, Temperature.ofCentiCelsius(4100));
        assertThat(line.read("case-1", WAIT)).isEqualTo(Temperature.ofCentiCelsius(500));
      }
    }
  }

  @Test
  void fromConfiguration_throughTheRegistry() throws Exception {
    InMemoryLine wire = InMemoryLine.create("rs485", 4096, Duration.ofMillis(5));
    try (DeviceRegistry registry =
        DeviceRegistry.builder().memoryLines(n -> wire.hostConnector()).build()) {
      ModbusTemperatureSensors line =
          (ModbusTemperatureSensors)
              registry.add(
                  DeviceConfig.parseYaml(
                          "devices:\n"
                              + "  - id: fridges\n"
                              + "    driver: modbus-temp\n"
                              + "    transport: memory\n"
                              + "    port: rs485\n"
                              + "    settings: {sensors: \"fridge-1=1, freezer-1=2\","
                              + " register: \"holding:16\", scale: 100, pollMs: 200}\n")
                      .get(0));
      assertThat(line.sensors())
          .extracting(ModbusTemperatureSensors.Sensor::name)
          .containsExactly("fridge-1", "freezer-1");
      assertThat(line.sensors().get(1).address()).isEqualTo(16);
      assertThat(line.sensors().get(1).register()).isEqualTo(Register.HOLDING);
      assertThat(registry.startAll()).isEmpty();
      try (ModbusTemperatureSimulator sim =
          ModbusTemperatureSimulator.start(wire.deviceEnd(WAIT), 1, 2)) {
        sim.temperature(2, Temperature.ofCelsius(new BigDecimal("-21.5")));
        // scale 100 reads the simulator's tenths as hundredths: -215 -> -2.15 °C
        assertThat(line.read("freezer-1", WAIT)).isEqualTo(Temperature.ofCentiCelsius(-215));
      }
    }
  }

  @Test
  void badSettings_nameTheField() {
    try (DeviceRegistry registry = DeviceRegistry.builder().memoryLines(n -> null).build()) {
      assertThatThrownBy(
              () ->
                  registry.add(
                      DeviceConfig.parseYaml(
                              "devices:\n  - {id: f, driver: modbus-temp, port: x,"
                                  + " settings: {sensors: \"a=300\"}}\n")
                          .get(0)))
          .hasMessageContaining("settings.sensors")
          .hasMessageContaining("1..247");
    }
  }
}
