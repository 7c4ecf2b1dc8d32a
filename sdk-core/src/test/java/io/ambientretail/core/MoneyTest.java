package io.ambientretail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {
  private static final Currency EUR = Currency.getInstance("EUR");

  @ParameterizedTest
  @CsvSource({
    "12.34 EUR, 1234, 12.34 EUR",
    "12 EUR, 1200, 12.00 EUR",
    "12.3 EUR, 1230, 12.30 EUR",
    "-0.05 EUR, -5, -0.05 EUR",
    "1500 JPY, 1500, 1500 JPY",
    "1.234 KWD, 1234, 1.234 KWD",
    "0 USD, 0, 0.00 USD"
  })
  void parse_andFormat_respectCurrencyDecimals(String text, long minor, String formatted) {
    Money m = Money.parse(text);
    assertThat(m.minor()).isEqualTo(minor);
    assertThat(m.toString()).isEqualTo(formatted);
    assertThat(Money.parse(m.toString())).isEqualTo(m);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "12.345 EUR|5",
        "1.5 JPY|2",
        "12,34 EUR|2",
        "12.34EUR|8",
        "12.34 XYZ|6",
        "-.5 EUR|1",
        "1. EUR|1",
        "99999999999999999999 EUR|19"
      })
  void parse_invalid_namesPosition(String text, int position) {
    assertThatThrownBy(() -> Money.parse(text))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> {
              assertThat(e.code()).isEqualTo(InvalidValueException.MONEY_FORMAT);
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.getMessage()).contains("position " + position);
            });
  }

  @Test
  void arithmetic_overflow_isTyped() {
    Money max = Money.ofMinor(Long.MAX_VALUE, EUR);
    assertThatThrownBy(() -> max.plus(Money.ofMinor(1, EUR)))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> assertThat(e.code()).isEqualTo(InvalidValueException.MONEY_OVERFLOW));
    assertThatThrownBy(() -> max.times(2)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Money.ofMinor(Long.MIN_VALUE, EUR).negate())
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void currencies_cannotBeMixed() {
    assertThatThrownBy(() -> Money.parse("1.00 EUR").plus(Money.parse("1.00 USD")))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> assertThat(e.code()).isEqualTo(InvalidValueException.CURRENCY_MISMATCH));
  }

  @Test
  void times_decimalFactor_roundsAsAsked() {
    Money price = Money.parse("2.99 EUR");
    BigDecimal kg = new BigDecimal("0.333");
    assertThat(price.times(kg, RoundingMode.HALF_EVEN).minor()).isEqualTo(100); // 99.567
    assertThat(price.times(kg, RoundingMode.DOWN).minor()).isEqualTo(99);
  }

  @Test
  void allocate_evenSplit_givesRemainderToEarliest() {
    List<Money> parts = Money.parse("10.00 EUR").allocate(1, 1, 1);
    assertThat(parts).extracting(Money::minor).containsExactly(334L, 333L, 333L);
  }

  @Test
  void allocate_neverLosesOrCreatesAMinorUnit_randomCases() {
    SplittableRandom random = new SplittableRandom(20261127L);
    for (int c = 0; c < 20_000; c++) {
      long amount =
          random.nextInt(4) == 0
              ? random.nextLong(-Long.MAX_VALUE / 4, Long.MAX_VALUE / 4)
              : random.nextLong(-1_000_000, 1_000_000);
      int n = 1 + random.nextInt(12);
      long[] ratios = new long[n];
      long total = 0;
      for (int i = 0; i < n; i++) {
        ratios[i] = random.nextInt(3) == 0 ? 0 : random.nextLong(1, 1_000_000);
        total += ratios[i];
      }
      if (total == 0) {
        ratios[0] = 1;
        total = 1;
      }
      List<Money> parts = Money.ofMinor(amount, EUR).allocate(ratios);
      assertThat(parts).hasSize(n);
      BigInteger sum = BigInteger.ZERO;
      for (int i = 0; i < n; i++) {
        long p = parts.get(i).minor();
        sum = sum.add(BigInteger.valueOf(p));
        // each part is within one minor unit of its exact share
        BigDecimal exact =
            new BigDecimal(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(ratios[i])))
                .divide(BigDecimal.valueOf(total), 10, RoundingMode.HALF_EVEN);
        assertThat(exact.subtract(BigDecimal.valueOf(p)).abs())
            .as("part %d of %d by %s", i, amount, java.util.Arrays.toString(ratios))
            .isLessThan(BigDecimal.ONE);
        if (ratios[i] == 0) {
          assertThat(p).isZero();
        }
      }
      assertThat(sum).isEqualTo(BigInteger.valueOf(amount));
    }
  }

  @Test
  void allocate_rejectsBadRatios() {
    Money m = Money.parse("1.00 EUR");
    assertThatThrownBy(() -> m.allocate()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.allocate(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.allocate(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
