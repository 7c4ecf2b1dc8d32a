package io.ambientretail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void weight_isExactMilligramsWithGramFormat() {
    Weight w = Weight.ofGrams(new BigDecimal("0.1"), RoundingMode.UNNECESSARY);
    Weight sum = Weight.ZERO;
    for (int i = 0; i < 10; i++) {
      sum = sum.plus(w);
    }
    assertThat(sum).isEqualTo(Weight.ofGrams(1));
    assertThat(Weight.ofMilligrams(250_125).toString()).isEqualTo("250.125 g");
    assertThat(Weight.ofMilligrams(-5).toString()).isEqualTo("-0.005 g");
    assertThatThrownBy(() -> Weight.ofGrams(Long.MAX_VALUE))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void ids_validateAndStayDistinctTypes() {
    assertThat(StoreId.of("S001").value()).isEqualTo("S001");
    assertThatThrownBy(() -> ShopperId.of("bad id"))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.position()).isEqualTo(3));
    assertThatThrownBy(() -> LaneId.of("")).isInstanceOf(InvalidValueException.class);
    assertThat((Object) StoreId.of("X")).isNotEqualTo(DeviceId.of("X"));
  }

  @Test
  void eventIds_areVersion7AndStrictlyIncreasingWithinOneMillisecond() {
    Clock frozen = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    EventId.Generator gen = new EventId.Generator(frozen);
    List<EventId> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(gen.next());
    }
    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
      assertThat(ids.get(i).uuid().version()).isEqualTo(7);
      assertThat(ids.get(i).uuid().variant()).isEqualTo(2);
    }
    assertThat(ids.get(0).timestamp()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(EventId.parse(ids.get(5).toString())).isEqualTo(ids.get(5));
  }

  @Test
  void storeEvent_rejectsPayloadOfWrongType() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    EventType<Object> lie = (EventType) EventType.of("demo.text", String.class);
    assertThatThrownBy(() -> StoreEvent.of(StoreId.of("S1"), lie, 42, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void errorCodes_areValidated() {
    assertThat(ErrorCode.of("GTIN_FORMAT")).isEqualTo(InvalidValueException.GTIN_FORMAT);
    assertThatThrownBy(() -> ErrorCode.of("lower")).isInstanceOf(IllegalArgumentException.class);
  }
}
