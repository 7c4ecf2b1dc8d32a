package io.ambientretail.testing.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FusionScenarioTest {
  private static final Pattern T = Pattern.compile("^\\{\"v\":1,\"t\":(\\d+),\"type\":\"(\\w+)\"");

  @Test
  void generate_sameSeed_sameDay() {
    FusionScenario s = FusionScenario.builder().mix(FusionMix.HARD).shoppers(20).seed(4).build();
    GeneratedDay a = s.generate();
    GeneratedDay b = s.generate();
    assertThat(a.events()).isEqualTo(b.events());
    assertThat(a.truth()).isEqualTo(b.truth());
  }

  @Test
  void generate_linesAreVersion1InTimeOrder_lanesFirst_oneTruthPerShopper() {
    GeneratedDay day =
        FusionScenario.builder().mix(FusionMix.BUSY).shoppers(15).seed(2).build().generate();
    List<String> lines = day.events();
    long last = -1;
    boolean sensorSeen = false;
    for (String l : lines) {
      Matcher m = T.matcher(l);
      assertThat(m.find()).as(l).isTrue();
      long t = Long.parseLong(m.group(1));
      assertThat(t).isGreaterThanOrEqualTo(last);
      last = t;
      if (!m.group(2).equals("lane")) {
        sensorSeen = true;
      } else if (t == 0) {
        assertThat(sensorSeen).as("initial lanes come first").isFalse();
      }
    }
    assertThat(day.truth())
        .hasSize(15)
        .allMatch(l -> l.startsWith("{\"type\":\"receipt\",\"shopper\":\"p"));
    assertThat(lines.stream().filter(l -> l.contains("\"type\":\"enter\""))).hasSize(15);
    assertThat(lines.stream().filter(l -> l.contains("\"type\":\"exit\""))).hasSize(15);
  }

  @Test
  void generate_nearMode_hasNoTracks() {
    GeneratedDay day = FusionScenario.builder().shoppers(5).tracked(false).build().generate();
    assertThat(day.events())
        .noneMatch(l -> l.contains("\"type\":\"track\""))
        .anyMatch(l -> l.contains("\"type\":\"near\""));
  }

  @Test
  void generate_busyMix_hasTheBusySituations_andNoneOfTheHardOnes() {
    Map<Situation, Integer> s =
        FusionScenario.builder()
            .mix(FusionMix.BUSY)
            .shoppers(300)
            .seed(5)
            .build()
            .generate()
            .situations();
    assertThat(s)
        .as("busy: overlapping shoppers, put-backs, bounces, multi-item picks")
        .extractingByKeys(
            Situation.FEW_LANES_APART,
            Situation.ONE_BEHIND_THE_OTHER,
            Situation.PUT_BACK_RIGHT_LANE,
            Situation.BOUNCE,
            Situation.MULTI_ITEM_PICK)
        .allMatch(n -> n > 0);
    assertThat(s)
        .as("the hard mix's situations")
        .extractingByKeys(
            Situation.NEIGHBOURS_AT_ONCE,
            Situation.PUT_BACK_WRONG_LANE,
            Situation.MISPLACED_PICK,
            Situation.VISION_WRONG_SHOPPER)
        .containsOnly(0);
    Map<Situation, Integer> hard =
        FusionScenario.builder()
            .mix(FusionMix.HARD)
            .shoppers(300)
            .seed(5)
            .build()
            .generate()
            .situations();
    assertThat(hard)
        .extractingByKeys(
            Situation.NEIGHBOURS_AT_ONCE,
            Situation.PUT_BACK_WRONG_LANE,
            Situation.MISPLACED_PICK,
            Situation.VISION_WRONG_SHOPPER)
        .allMatch(n -> n > 0);
  }

  @Test
  void build_zeroShoppers_fails() {
    assertThatThrownBy(() -> FusionScenario.builder().shoppers(0).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
