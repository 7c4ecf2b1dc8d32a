package io.ambientretail.examples.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.testing.fusion.FusionMix;
import io.ambientretail.testing.fusion.FusionScenario;
import io.ambientretail.testing.fusion.GeneratedDay;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayRecordedDayTest {
  @TempDir Path dir;

  @Test
  void replay_printsOneReceiptPerShopper_matchingTheTruthMostly() throws Exception {
    GeneratedDay day =
        FusionScenario.builder().mix(FusionMix.EASY).shoppers(12).seed(4).build().generate();
    Path file = dir.resolve("day.jsonl");
    Files.write(file, day.events(), StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();

    ReplayRecordedDay.replay(file, out);

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(12).allMatch(l -> l.startsWith("{\"type\":\"receipt\""));
    long same =
        lines.stream()
            .filter(
                l ->
                    day.truth().stream()
                        .anyMatch(
                            t ->
                                t.substring(0, t.indexOf("\"confidence\""))
                                    .equals(l.substring(0, l.indexOf("\"confidence\"")))))
            .count();
    assertThat(same).isGreaterThanOrEqualTo(11);
  }
}
