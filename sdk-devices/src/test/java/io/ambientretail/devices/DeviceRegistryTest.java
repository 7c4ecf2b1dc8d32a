package io.ambientretail.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.scale.MtSicsSimulator;
import io.ambientretail.devices.shelf.ShelfController;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.InMemoryLine;
import io.ambientretail.devices.transport.Parity;
import io.ambientretail.devices.transport.StopBits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceRegistryTest {
  private static final String YAML =
      String.join(
          "\n",
          "store: S001",
          "devices:",
          "  - id: scale-1",
          "    driver: mt-sics",
          "    transport: memory",
          "    port: scale-line",
          "    claimTimeoutMs: 2000",
          "  - id: shelf-1",
          "    driver: shelf",
          "    port: /dev/ttyUSB9",
          "    baud: 19200",
          "    parity: even",
          "    stopBits: 2",
          "    channels: 8",
          "    lanes:",
          "      - {channel: 0, lane: A1, zero: 8400, span: 108400, spanGrams: 1000}",
          "");

  @Test
  void parseYaml_readsEveryField() {
    List<DeviceConfig> configs = DeviceConfig.parseYaml(YAML);
    assertThat(configs)
        .extracting(DeviceConfig::id)
        .containsExactly(DeviceId.of("scale-1"), DeviceId.of("shelf-1"));
    DeviceConfig shelf = configs.get(1);
    assertThat(shelf.baud()).isEqualTo(19_200);
    assertThat(shelf.parity()).isEqualTo(Parity.EVEN);
    assertThat(shelf.stopBits()).isEqualTo(StopBits.TWO);
    assertThat(shelf.lanes()).containsExactly(new DeviceConfig.Lane(0, "A1", 8400, 108_400, 1000));
    assertThat(shelf.line()).isEqualTo(8);
    assertThat(configs.get(0).claimTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void parseLanesYaml_calibrationFile_laneNameDefaultsToChannel() {
    List<DeviceConfig.Lane> lanes =
        DeviceConfig.parseLanesYaml(
            String.join(
                "\n",
                "lanes:",
                "  - {channel: 0, lane: A1, zero: 8400, span: 108400, spanGrams: 1000}",
                "  - {channel: 3, zero: -20, span: 5000, spanGrams: 500}",
                ""));
    assertThat(lanes)
        .containsExactly(
            new DeviceConfig.Lane(0, "A1", 8400, 108_400, 1000),
            new DeviceConfig.Lane(3, "ch3", -20, 5000, 500));
    assertThat(DeviceConfig.parseLanesYaml("{\"lanes\": [{\"channel\": 1, \"span\": 10}]}"))
        .containsExactly(new DeviceConfig.Lane(1, "ch1", 0, 10, 1));
  }

  @Test
  void parseLanesYaml_badFiles_failNamingLineAndField() {
    assertThatThrownBy(
            () ->
                DeviceConfig.parseLanesYaml(
                    "lanes:\n  - {channel: 0}\n" + "  - {channel: 0, span: 5}\n"))
        .isInstanceOf(DeviceConfigException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("calibrated twice");
    assertThatThrownBy(() -> DeviceConfig.parseLanesYaml("lanes:\n  - {channel: 0, spam: 5}\n"))
        .isInstanceOf(DeviceConfigException.class)
        .hasMessageContaining("lanes[0].spam");
    assertThatThrownBy(() -> DeviceConfig.parseLanesYaml("channels: 8\n"))
        .isInstanceOf(DeviceConfigException.class)
        .hasMessageContaining("'lanes'");
    assertThatThrownBy(() -> DeviceConfig.parseLanesYaml("lanes: [{channel: 300}]\n"))
        .isInstanceOf(DeviceConfigException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> DeviceConfig.parseLanesYaml("lanes: [{channel: 0, zero: 7, span: 7}]"))
        .isInstanceOf(DeviceConfigException.class)
        .hasMessageContaining("span: must differ");
  }

  @Test
  void parseJson_sameModel() {
    List<DeviceConfig> configs =
        DeviceConfig.parseJson(
            "{\"devices\":[{\"id\":\"card-1\",\"driver\":\"pcsc\",\"reader\":\"Virtual PCD*\"}]}");
    assertThat(configs.get(0).reader()).isEqualTo("Virtual PCD*");
  }

  @Test
  void badConfigs_failWithLineAndField() {
    assertThatThrownBy(
            () ->
                DeviceConfig.parseYaml(
                    "devices:\n  - id: s\n    driver: mt-sics\n"
                        + "    port: /dev/x\n    baud: 12\n"))
        .isInstanceOfSatisfying(
            DeviceConfigException.class,
            e -> {
              assertThat(e.line()).isEqualTo(5);
              assertThat(e.getMessage()).contains("devices[0].baud", "50..4000000");
            });
    // a driver name no registry knows parses (a plug-in may provide it) and fails when built
    List<DeviceConfig> laser =
        DeviceConfig.parseYaml("devices:\n  - id: s\n    driver: laser\n" + "    port: /dev/x\n");
    try (DeviceRegistry registry = DeviceRegistry.builder().build()) {
      assertThatThrownBy(() -> registry.add(laser.get(0)))
          .isInstanceOfSatisfying(
              DeviceConfigException.class, e -> assertThat(e.line()).isEqualTo(2))
          .hasMessageContaining("unknown driver 'laser'")
          .hasMessageContaining("mt-sics");
    }
    assertThatThrownBy(
            () ->
                DeviceConfig.parseYaml(
                    "devices:\n  - id: s\n    driver: La$er\n" + "    port: /dev/x\n"))
        .hasMessageContaining("driver 'La$er'".toLowerCase(java.util.Locale.ROOT));
    assertThatThrownBy(
            () ->
                DeviceConfig.parseYaml(
                    "devices:\n  - id: s\n    driver: nci\n"
                        + "    port: /dev/x\n    colour: red\n"))
        .hasMessageContaining("line 5")
        .hasMessageContaining("colour: unknown field");
    assertThatThrownBy(() -> DeviceConfig.parseJson("{\"devices\":[{\"id\":\"a\""))
        .isInstanceOf(DeviceConfigException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(
            () -> DeviceConfig.parseJson("{\"devices\":" + "[".repeat(500) + "]".repeat(500) + "}"))
        .isInstanceOf(DeviceConfigException.class);
    assertThatThrownBy(
            () ->
                DeviceConfig.parseYaml(
                    "devices:\n  - {id: a, driver: nci, port: x}"
                        + "\n  - {id: a, driver: nci, port: y}\n"))
        .hasMessageContaining("used twice");
  }

  @Test
  void registry_startsDevicesAndReportsHealth() throws Exception {
    InMemoryLine line = InMemoryLine.create("scale-line");
    try (DeviceRegistry registry =
        DeviceRegistry.builder().memoryLines(name -> line.hostConnector()).build()) {
      List<Device> devices = registry.addAll(DeviceConfig.parseYaml(YAML));
      assertThat(devices.get(1)).isInstanceOf(ShelfController.class);
      EventRecorder rec = new EventRecorder();
      devices.get(0).addListener(rec);
      MtSicsSimulator sim = null;
      Map<DeviceId, String> failed;
      try {
        failed = registry.startAll();
        sim = MtSicsSimulator.start(line.deviceEnd(Duration.ofSeconds(5)));
        sim.setWeight(Weight.ofGrams(7), true);
        sim.sendLine("S S       7.00 g");
        rec.await(
            WeightEvent.class, e -> e.weight().equals(Weight.ofGrams(7)), Duration.ofSeconds(5));
      } finally {
        if (sim != null) {
          sim.close();
        }
      }
      assertThat(failed).containsOnlyKeys(DeviceId.of("shelf-1"));
      assertThat(failed.get(DeviceId.of("shelf-1"))).contains("/dev/ttyUSB9");
      // a port that is not there (yet) is retried with backoff, not given up on
      assertThat(registry.health())
          .containsEntry(DeviceId.of("shelf-1"), DeviceHealth.RECONNECTING);
      assertThat(registry.problems().get(DeviceId.of("shelf-1"))).contains("/dev/ttyUSB9");
      assertThat(registry.device(DeviceId.of("scale-1")).state()).isEqualTo(DeviceState.ENABLED);
    }
  }
}
