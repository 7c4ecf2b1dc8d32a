package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.InputLimits;
import io.ambientretail.inventory.InventoryInputException;
import io.ambientretail.inventory.replenish.PolicyTable;
import java.io.IOException;

/**
 * Hostile policy YAML: every document either reads into a table or fails with an {@link
 * InventoryInputException} naming the file; no other exception, no hang on aliases or nesting.
 */
class PolicyYamlFuzzTest {
  private static final InputLimits LIMITS = new InputLimits(256, 100, 100, 100, 100, 8192, 50);

  @FuzzTest(maxDuration = "30s")
  void policy(FuzzedDataProvider data) throws IOException {
    String text = data.consumeRemainingAsString();
    try {
      PolicyTable t = PolicyYaml.read(text, "fuzz.yaml", LIMITS);
      try {
        assertThat(t.resolve(StoreId.of("S1"), SkuId.of("A")).packSize()).isPositive();
      } catch (InventoryInputException e) {
        assertThat(e.code()).isEqualTo(InventoryInputException.POLICY_INVALID);
      }
    } catch (InventoryInputException e) {
      assertThat(e.getMessage()).startsWith("fuzz.yaml");
    }
  }
}
