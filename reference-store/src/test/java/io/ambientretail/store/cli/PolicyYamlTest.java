package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.InputLimits;
import io.ambientretail.inventory.InventoryInputException;
import io.ambientretail.inventory.replenish.PolicyTable;
import io.ambientretail.inventory.replenish.ReplenishMethod;
import java.time.DayOfWeek;
import org.junit.jupiter.api.Test;

class PolicyYamlTest {
  static InventoryInputException fails(String yaml) {
    return catchThrowableOfType(
        InventoryInputException.class,
        () -> PolicyYaml.read(yaml, "p.yaml", InputLimits.defaults()));
  }

  @Test
  void read_contractExample_appliesPrecedence() throws Exception {
    PolicyTable t =
        PolicyYaml.read(
            ReplenishCommandTest.POLICY + "  \"7\": {order_days: [mon, thu]}\n",
            "p.yaml",
            InputLimits.defaults());
    assertThat(t.resolve(StoreId.of("S002"), SkuId.of("9")).leadTimeDays()).isEqualTo(3);
    assertThat(t.resolve(StoreId.of("S002"), SkuId.of(ReplenishCommandTest.GTIN)).method())
        .isEqualTo(ReplenishMethod.MINMAX);
    assertThat(t.resolve(StoreId.of("S001"), SkuId.of("7")).orderDays())
        .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.THURSDAY);
    assertThat(t.resolve(StoreId.of("S001"), SkuId.of("7")).serviceLevel()).isEqualTo(0.95);
  }

  @Test
  void read_badValues_nameLineAndKey() {
    assertThat(fails("defaults:\n  pack_size: 0\n"))
        .hasMessage("p.yaml line 2 field defaults.pack_size: pack_size must be 1..100000, was 0");
    assertThat(fails("defaults:\n  method: fifo\n"))
        .hasMessage(
            "p.yaml line 2 field defaults.method: unknown method 'fifo' (minmax, ss or rop)");
    assertThat(fails("stores:\n  S1:\n    order_days: [mon, funday]\n"))
        .hasMessageStartingWith(
            "p.yaml line 3 field stores.S1.order_days: not a weekday: 'funday'");
    assertThat(fails("skus:\n  \"a b\": {moq: 1}\n").getMessage())
        .startsWith("p.yaml line 2 field skus.a b:");
    assertThat(fails("prices: {}\n"))
        .hasMessage("p.yaml line 1 field prices: unknown key (expected defaults, stores or skus)");
    assertThat(fails("defaults: [1, 2]\n").getMessage()).contains("expected a mapping");
    assertThat(fails("")).hasMessageContaining("empty policy document");
  }

  @Test
  void read_aliasBomb_failsFast() {
    String bomb =
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
    assertThat(fails(bomb).getMessage()).startsWith("p.yaml");
  }

  @Test
  void read_overLimits_failsWithLimitCode() {
    InputLimits small = new InputLimits(256, 10, 10, 10, 10, 64, 1);
    InventoryInputException e =
        catchThrowableOfType(
            InventoryInputException.class,
            () -> PolicyYaml.read("stores:\n  S1: {}\n  S2: {}\n", "p.yaml", small));
    assertThat(e).hasMessage("p.yaml line 3 field stores.S2: more than 1 overrides");
    assertThat(e.code()).isEqualTo(InventoryInputException.INPUT_LIMIT);
    assertThat(
            catchThrowableOfType(
                    InventoryInputException.class,
                    () -> PolicyYaml.read("#".repeat(100), "p.yaml", small))
                .code())
        .isEqualTo(InventoryInputException.INPUT_LIMIT);
  }
}
