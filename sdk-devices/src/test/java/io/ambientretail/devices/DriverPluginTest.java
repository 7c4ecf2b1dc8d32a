package io.ambientretail.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.devices.scanner.ScannerSimulator;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.InMemoryLine;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OEM's driver in its own jar, found by ServiceLoader: the test compiles a driver that exists
 * nowhere else, packs it with its META-INF/services entry, and the registry builds and runs it.
 */
class DriverPluginTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static final String SOURCE =
      "package com.acme.kiosk;\n"
          + "import io.ambientretail.devices.*;\n"
          + "import io.ambientretail.devices.scanner.*;\n"
          + "public final class AcmeScannerDriver implements DeviceDriver {\n"
          + "  public String name() { return \"acme-scanner\"; }\n"
          + "  public Device create(DeviceConfig config, Context context) {\n"
          + "    byte[] prefix = config.setting(\"prefix\", \"\").getBytes();\n"
          + "    return BarcodeScanner.builder(config.id(), context.connector())\n"
          + "        .options(context.options()).prefix(prefix).build();\n"
          + "  }\n"
          + "}\n";

  @TempDir Path dir;

  private URLClassLoader pluginJar() throws Exception {
    Path src = dir.resolve("src/com/acme/kiosk/AcmeScannerDriver.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            src.toString());
    assertThat(rc).isZero();
    Path jar = dir.resolve("acme-drivers.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("com/acme/kiosk/AcmeScannerDriver.class"));
      out.write(Files.readAllBytes(classes.resolve("com/acme/kiosk/AcmeScannerDriver.class")));
      out.closeEntry();
      out.putNextEntry(new JarEntry("META-INF/services/" + DeviceDriver.class.getName()));
      out.write(
          "# ACME kiosk drivers\ncom.acme.kiosk.AcmeScannerDriver\n"
              .getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void driverInAJar_isFoundByServiceLoaderAndRuns() throws Exception {
    InMemoryLine line = InMemoryLine.create("acme-line");
    try (URLClassLoader jar = pluginJar();
        DeviceRegistry registry =
            DeviceRegistry.builder()
                .driverClassLoader(jar)
                .memoryLines(name -> line.hostConnector())
                .build()) {
      assertThat(registry.drivers()).contains("acme-scanner", "mt-sics", "modbus-temp");
      List<DeviceConfig> configs =
          DeviceConfig.parseYaml(
              "devices:\n"
                  + "  - id: acme-1\n"
                  + "    driver: acme-scanner\n"
                  + "    transport: memory\n"
                  + "    port: acme-line\n"
                  + "    settings: {prefix: \"#\"}\n");
      assertThat(configs.get(0).settings()).containsEntry("prefix", "#");
      Device d = registry.add(configs.get(0));
      assertThat(d.getClass().getName())
          .isEqualTo("io.ambientretail.devices.scanner.BarcodeScanner");
      EventRecorder rec = new EventRecorder();
      d.addListener(rec);
      assertThat(registry.startAll()).isEmpty();
      ScannerSimulator.on(line.deviceEnd(WAIT)).send("#]E04006381333931");
      ScanEvent scan = rec.await(ScanEvent.class, e -> true, WAIT);
      assertThat(scan.gtin().digits14()).isEqualTo("04006381333931");
    }
  }

  @Test
  void withoutThePluginJar_theDriverIsUnknown() throws Exception {
    try (DeviceRegistry registry = DeviceRegistry.builder().build()) {
      assertThat(registry.drivers()).doesNotContain("acme-scanner");
    }
  }

  @Test
  void pluginThatTakesABuiltInName_isRefused() {
    DeviceDriver impostor =
        new DeviceDriver() {
          @Override
          public String name() {
            return "scanner";
          }

          @Override
          public Device create(DeviceConfig config, Context context) {
            throw new AssertionError();
          }
        };
    assertThatThrownBy(() -> DeviceRegistry.builder().driver(impostor).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already provided by the SDK");
  }
}
