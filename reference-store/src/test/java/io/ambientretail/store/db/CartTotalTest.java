package io.ambientretail.store.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A cart's total is summed with checked arithmetic: an overflow fails, never wraps round. */
class CartTotalTest {
  private static SessionBook.CartLine line(long priceMinor) {
    return new SessionBook.CartLine("A1", 1, 100, priceMinor, false);
  }

  @Test
  void totalMinor_sumsTheLines() {
    assertThat(SessionBook.totalMinor(List.of())).isZero();
    assertThat(SessionBook.totalMinor(List.of(line(250), line(199), line(1)))).isEqualTo(450);
  }

  @Test
  void totalMinor_pastLongMax_failsInsteadOfGoingNegative() {
    assertThatThrownBy(() -> SessionBook.totalMinor(List.of(line(Long.MAX_VALUE), line(1))))
        .isInstanceOf(ArithmeticException.class);
  }
}
