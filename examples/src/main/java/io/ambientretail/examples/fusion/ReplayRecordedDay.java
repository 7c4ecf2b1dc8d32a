package io.ambientretail.examples.fusion;

import io.ambientretail.inventory.fusion.FusionConfig;
import io.ambientretail.inventory.fusion.FusionReplay;
import io.ambientretail.inventory.fusion.Receipt;
import io.ambientretail.inventory.fusion.ReplayLimits;
import io.ambientretail.inventory.fusion.ReplayReader;
import io.ambientretail.inventory.fusion.ReplayWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replays a recorded store day (the fusion replay format) and prints one receipt line per shopper,
 * with fusion's confidence and whether a person should review it.
 *
 * <p>Run: {@code java ... ReplayRecordedDay day.jsonl}
 */
public final class ReplayRecordedDay {
  private ReplayRecordedDay() {}

  /** Replays {@code day} and writes its receipts to {@code out}; returns how many need review. */
  public static int replay(Path day, Writer out) throws IOException {
    FusionReplay.Result result;
    try (ReplayReader in =
        ReplayReader.open(
            Files.newBufferedReader(day, StandardCharsets.UTF_8), ReplayLimits.defaults())) {
      result = FusionReplay.run(in, FusionConfig.defaults());
    }
    ReplayWriter receipts = ReplayWriter.to(out);
    int review = 0;
    for (Receipt r : result.receipts()) {
      receipts.receipt(r);
      review += r.review() ? 1 : 0;
    }
    receipts.flush();
    return review;
  }

  /** Replays the file named by the first argument. */
  public static void main(String[] args) throws IOException {
    Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
    int review = replay(Path.of(args[0]), out);
    System.err.println(review + " receipt(s) to review");
  }
}
