package io.ambientretail.devices.scanner;

import io.ambientretail.core.Gtin;
import io.ambientretail.core.Money;
import io.ambientretail.core.Weight;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a restricted-circulation code with an embedded price or weight says, by the {@link
 * EmbeddedCodeRule} that matched it: the item (the code with its value digits zeroed and the check
 * digit recomputed, which is how such items are listed in a catalogue) and the price or the weight.
 *
 * @param item the item's code, value digits zeroed
 * @param price the price, or null for a weight code
 * @param weight the weight, or null for a price code
 */
public record EmbeddedValue(Gtin item, @Nullable Money price, @Nullable Weight weight) {
  /** Checks that exactly one of price and weight is given. */
  public EmbeddedValue {
    Objects.requireNonNull(item, "item");
    if ((price == null) == (weight == null)) {
      throw new IllegalArgumentException("exactly one of price and weight is given");
    }
  }
}
