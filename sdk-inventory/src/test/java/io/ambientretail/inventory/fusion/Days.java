package io.ambientretail.inventory.fusion;

import io.ambientretail.testing.fusion.FusionMix;
import io.ambientretail.testing.fusion.FusionScenario;
import io.ambientretail.testing.fusion.GeneratedDay;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Generated days and their parsed events, cached per scenario so test classes share them. */
final class Days {
  private static final Map<String, Parsed> CACHE = new ConcurrentHashMap<>();

  private Days() {}

  record Parsed(GeneratedDay day, List<ReplayEvent> events, List<Receipt> truth) {}

  static Parsed of(FusionMix mix, int shoppers, long seed, boolean tracked) {
    String key = mix + "/" + shoppers + "/" + seed + "/" + tracked;
    return CACHE.computeIfAbsent(
        key,
        k -> {
          GeneratedDay day =
              FusionScenario.builder()
                  .mix(mix)
                  .shoppers(shoppers)
                  .seed(seed)
                  .tracked(tracked)
                  .build()
                  .generate();
          try (ReplayReader in =
              ReplayReader.open(
                  new StringReader(String.join("\n", day.events())), ReplayLimits.defaults())) {
            List<ReplayEvent> events = in.readAll();
            List<Receipt> truth =
                ReceiptReader.readAll(
                    new StringReader(String.join("\n", day.truth())), ReplayLimits.defaults());
            return new Parsed(day, events, truth);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  static List<Receipt> run(List<ReplayEvent> events, FusionConfig config) {
    CartFusion f = CartFusion.builder().config(config).build();
    for (ReplayEvent e : events) {
      f.accept(e);
    }
    return f.finish();
  }
}
