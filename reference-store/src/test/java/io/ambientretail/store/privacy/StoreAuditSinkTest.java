package io.ambientretail.store.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.store.db.AuditTrail;
import io.ambientretail.store.db.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink sdk-privacy components report to: durable on return, never inside a transaction. */
class StoreAuditSinkTest {
  @TempDir Path tmp;

  private static AuditEvent event(String actor) {
    return AuditEvent.builder()
        .actor(actor)
        .action("access.check")
        .outcome(AuditOutcome.FAILURE)
        .origin("api 127.0.0.1")
        .resource("/api/payments")
        .detail("permission=payments.read")
        .build();
  }

  @Test
  void record_outsideATransaction_isStoredWithItsFields_andShopperRefsPseudonymised() {
    try (Database db = Database.open("jdbc:sqlite:" + tmp.resolve("store.db"))) {
      AuditTrail trail = new AuditTrail();
      StoreAuditSink sink =
          new StoreAuditSink(
              db, trail, Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));
      sink.record(event("viewer-token-3"));
      sink.record(event("sh_abcdefghij"));
      var entries = db.read(c -> trail.list(c, -1, 10));
      assertThat(entries).hasSize(2);
      assertThat(entries.get(0).outcome()).isEqualTo("FAILURE");
      assertThat(entries.get(0).origin()).isEqualTo("api 127.0.0.1");
      assertThat(entries.get(0).atMs())
          .isEqualTo(Instant.parse("2026-11-27T10:00:00Z").toEpochMilli());
      assertThat(entries.get(1).actor()).startsWith("shopper:ps_").doesNotContain("abcdefghij");
    }
  }

  @Test
  void record_insideATransaction_isRefused_andTheTransactionRollsBack() {
    try (Database db = Database.open("jdbc:sqlite:" + tmp.resolve("store.db"))) {
      AuditTrail trail = new AuditTrail();
      StoreAuditSink sink = new StoreAuditSink(db, trail, Clock.systemUTC());
      assertThatThrownBy(
              () ->
                  db.tx(
                      c -> {
                        trail.append(c, "op", "stock.restock", "A1", "qty=1", 1000);
                        sink.record(event("op"));
                        return null;
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("inside a database");
      long size = db.read(trail::size);
      assertThat(size).isZero();
    }
  }
}
