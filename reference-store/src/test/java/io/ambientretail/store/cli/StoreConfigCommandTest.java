package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ambient store config --example}: the printed file loads and a store runs from it. */
class StoreConfigCommandTest {
  @TempDir Path dir;

  private StringWriter out;
  private StringWriter err;

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return AmbientMain.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @ParameterizedTest
  @ValueSource(strings = {"walkout", "micromarket"})
  void example_printsAStoreYamlThatLoads_andTheStoreStartsFromIt(String kind) throws Exception {
    assertThat(run("store", "config", "--example", "--kind", kind)).as(err.toString()).isZero();
    Path yaml = dir.resolve("store.yaml");
    Files.writeString(yaml, out.toString(), StandardCharsets.UTF_8);
    StoreConfig config = StoreConfigReader.withDefaults().read(yaml);
    assertThat(config.kind()).isEqualTo(StoreKind.parse(kind));
    assertThat(config.lanes()).isNotEmpty();

    int code =
        run(
            "store",
            "run",
            "--config",
            yaml.toString(),
            "--port",
            "0",
            "--data",
            dir.resolve("data").toString(),
            "--duration",
            "1");
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString())
        .contains(config.storeId() + " ", "ready in")
        .doesNotContain("Exception");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--kind=kiosk", "--bogus"})
  void example_badOption_exits2(String arg) {
    assertThat(run("store", "config", "--example", arg)).isEqualTo(2);
    assertThat(err.toString()).isNotBlank();
  }
}
