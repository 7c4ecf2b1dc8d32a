package io.ambientretail.devices.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.AmbientException;
import org.junit.jupiter.api.Test;

class LockFrameParserTest {
  private final LockFrameParser parser = LockFrameParser.create();

  @Test
  void parse_everyLineType() {
    assertThat(parser.parse("A,U,5").seconds()).isEqualTo(5);
    assertThat(parser.parse("A,L").kind()).isEqualTo(LockFrameParser.Kind.ACK_LOCK);
    assertThat(parser.parse("B,L").kind()).isEqualTo(LockFrameParser.Kind.BOLT_LOCKED);
    assertThat(parser.parse("D,O").kind()).isEqualTo(LockFrameParser.Kind.DOOR_OPENED);
    assertThat(parser.parse("S,U,C").locked()).isFalse();
    assertThat(parser.parse("N,jammed").reason()).isEqualTo("jammed");
  }

  @Test
  void parse_hostile_failsWithOffset() {
    assertThatThrownBy(() -> parser.parse("A,U,x"))
        .isInstanceOf(AmbientException.class)
        .hasMessageContaining("offset 4");
    assertThatThrownBy(() -> parser.parse("Q,1")).isInstanceOf(AmbientException.class);
    assertThatThrownBy(() -> parser.parse("D")).isInstanceOf(AmbientException.class);
  }
}
