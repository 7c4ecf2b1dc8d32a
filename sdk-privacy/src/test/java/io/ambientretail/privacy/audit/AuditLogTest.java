package io.ambientretail.privacy.audit;

import static io.ambientretail.privacy.audit.AuditFixtures.event;
import static io.ambientretail.privacy.audit.AuditFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.privacy.PrivacyException;
import io.ambientretail.testing.ManualClock;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLogTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-11-27T10:00:00.123456789Z"));

  private AuditLog open(AuditStore store) throws IOException {
    return AuditLog.builder().name("acme/S001/audit").store(store).clock(clock).build();
  }

  @Test
  void append_chainsEntriesAndStampsMicroseconds() throws Exception {
    AuditLog log = open(new InMemoryAuditStore());
    AuditEntry first = log.append(event(0));
    clock.advance(Duration.ofMillis(5));
    AuditEntry second = log.append(event(1));

    assertThat(first.sequence()).isZero();
    assertThat(first.previousHash()).isEqualTo(AuditEntry.GENESIS);
    assertThat(first.time()).isEqualTo(Instant.parse("2026-11-27T10:00:00.123456Z"));
    assertThat(second.previousHash()).isEqualTo(first.hash());
    assertThat(log.head()).isEqualTo(second.hash());
    assertThat(log.size()).isEqualTo(2);
    assertThat(log.root(2)).isEqualTo(MerkleTree.nodeHash(first.hash(), second.hash()));
  }

  @Test
  void reopen_rebuildsTheSameTree() throws Exception {
    InMemoryAuditStore store = new InMemoryAuditStore();
    AuditLog log = open(store);
    log.appendAll(events(0, 1000));
    AuditLog again = open(store);
    assertThat(again.size()).isEqualTo(1000);
    assertThat(again.checkpoint()).isEqualTo(log.checkpoint());
    assertThat(again.head()).isEqualTo(log.head());
  }

  @Test
  void open_tamperedStore_refusesWithChainBroken() throws Exception {
    InMemoryAuditStore store = new InMemoryAuditStore();
    List<AuditEntry> entries = open(store).appendAll(events(0, 10));
    InMemoryAuditStore tampered = new InMemoryAuditStore();
    List<AuditEntry> copy = new ArrayList<>(entries);
    copy.set(4, AuditFixtures.withResource(entries.get(4), "receipt/R-9999"));
    tampered.append(copy);
    assertThatThrownBy(() -> open(tampered))
        .isInstanceOf(PrivacyException.class)
        .hasMessageContaining("entry 4");
  }

  @Test
  void signedCheckpoints_witnessAcceptsGrowthAndEntries() throws Exception {
    KeyPair keys = CheckpointSigner.generateKeyPair();
    CheckpointSigner signer = CheckpointSigner.of("S001-audit", keys);
    CheckpointVerifier witness =
        CheckpointVerifier.of("S001-audit", "acme/S001/audit", keys.getPublic());
    AuditLog log = open(new InMemoryAuditStore());
    List<AuditEntry> early = log.appendAll(events(0, 13));
    Checkpoint trusted = witness.verify(SignedCheckpoint.parse(log.signCheckpoint(signer).text()));
    log.appendAll(events(13, 20));
    SignedCheckpoint next = log.signCheckpoint(signer);

    Checkpoint now = witness.verifyConsistent(trusted, next, log.consistencyProof(13, 33));
    assertThat(now.size()).isEqualTo(33);
    witness.verifyIncluded(early.get(7), now, log.inclusionProof(7, 33));
  }

  @Test
  void witness_truncatedOrRewrittenLog_isCaught() throws Exception {
    KeyPair keys = CheckpointSigner.generateKeyPair();
    CheckpointSigner signer = CheckpointSigner.of("S001-audit", keys);
    CheckpointVerifier witness =
        CheckpointVerifier.of("S001-audit", "acme/S001/audit", keys.getPublic());
    InMemoryAuditStore store = new InMemoryAuditStore();
    AuditLog log = open(store);
    List<AuditEntry> entries = log.appendAll(events(0, 20));
    Checkpoint trusted = witness.verify(log.signCheckpoint(signer));

    // An attacker rebuilds a log from the first 12 entries and signs its own head.
    AuditLog cut = open(new InMemoryAuditStore());
    cut.appendAll(events(0, 12).subList(0, 12));
    SignedCheckpoint shorter = cut.signCheckpoint(signer);
    assertThatThrownBy(
            () ->
                witness.verifyConsistent(trusted, shorter, new ConsistencyProof(20, 12, List.of())))
        .isInstanceOf(InvalidProofException.class);

    // A log that rewrote entry 3 cannot prove it extends the trusted checkpoint.
    AuditLog rewritten = open(new InMemoryAuditStore());
    List<AuditEvent> changed = new ArrayList<>(events(0, 25));
    changed.set(3, event(99));
    rewritten.appendAll(changed);
    assertThatThrownBy(
            () ->
                witness.verifyConsistent(
                    trusted, rewritten.signCheckpoint(signer), rewritten.consistencyProof(20, 25)))
        .isInstanceOf(InvalidProofException.class);
    assertThat(entries).hasSize(20);
  }

  @Test
  void checkpoint_forgedOrOtherKey_isRejected() throws Exception {
    KeyPair keys = CheckpointSigner.generateKeyPair();
    CheckpointSigner signer = CheckpointSigner.of("S001-audit", keys);
    CheckpointSigner other = CheckpointSigner.of("S001-audit", CheckpointSigner.generateKeyPair());
    CheckpointVerifier witness =
        CheckpointVerifier.of("S001-audit", "acme/S001/audit", keys.getPublic());
    AuditLog log = open(new InMemoryAuditStore());
    log.appendAll(events(0, 5));
    String text = log.signCheckpoint(signer).text();

    String biggerSize = text.replaceFirst("\n5\n", "\n6\n");
    assertThatThrownBy(() -> witness.verify(SignedCheckpoint.parse(biggerSize)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("signature");
    assertThatThrownBy(() -> witness.verify(log.signCheckpoint(other)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("another key");
    CheckpointVerifier otherLog =
        CheckpointVerifier.of("S001-audit", "acme/S002/audit", keys.getPublic());
    assertThatThrownBy(() -> otherLog.verify(SignedCheckpoint.parse(text)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("S001");
  }

  @Test
  void verifierKey_roundTrips_andBadKeysAreRefused() throws Exception {
    KeyPair keys = CheckpointSigner.generateKeyPair();
    CheckpointSigner signer = CheckpointSigner.of("S001-audit", keys);
    AuditLog log = open(new InMemoryAuditStore());
    log.appendAll(events(0, 4));
    SignedCheckpoint cp = log.signCheckpoint(signer);
    for (int i = 0; i < 20; i++) {
      KeyPair k = CheckpointSigner.generateKeyPair();
      String vkey = CheckpointSigner.of("S001-audit", k).verifierKey();
      assertThat(CheckpointVerifier.fromVerifierKey(vkey, "acme/S001/audit")).isNotNull();
    }
    assertThat(
            CheckpointVerifier.fromVerifierKey(signer.verifierKey(), "acme/S001/audit").verify(cp))
        .isEqualTo(log.checkpoint());
    String vkey = signer.verifierKey();
    String wrongId =
        vkey.substring(0, vkey.indexOf('+') + 1)
            + "00000000"
            + vkey.substring(vkey.indexOf('+') + 9);
    assertThatThrownBy(() -> CheckpointVerifier.fromVerifierKey(wrongId, "x"))
        .isInstanceOf(java.security.InvalidKeyException.class)
        .hasMessageContaining("key id");
    assertThatThrownBy(() -> CheckpointVerifier.fromVerifierKey("nonsense", "x"))
        .isInstanceOf(java.security.InvalidKeyException.class);
    assertThatThrownBy(() -> CheckpointVerifier.fromVerifierKey("a+00000000+AAAA", "x"))
        .isInstanceOf(java.security.InvalidKeyException.class);
  }

  @Test
  void parseSignedCheckpoint_hostileText_failsNamingTheLine() {
    assertThatThrownBy(() -> SignedCheckpoint.parse("x\n-1\nAAAA\n\n\u2014 k AAAA\n"))
        .isInstanceOf(PrivacyException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> SignedCheckpoint.parse("x\n1\n!!\n\n\u2014 k AAAA\n"))
        .isInstanceOf(PrivacyException.class)
        .hasMessageContaining("line 3");
    assertThatThrownBy(() -> SignedCheckpoint.parse("x".repeat(5000)))
        .isInstanceOf(PrivacyException.class)
        .hasMessageContaining("longer");
    assertThatThrownBy(() -> SignedCheckpoint.parse("")).isInstanceOf(PrivacyException.class);
  }

  @Test
  void verifier_intactLog_reportsCountHeadAndRoot() throws Exception {
    AuditLog log = open(new InMemoryAuditStore());
    List<AuditEntry> entries = log.appendAll(events(0, 77));
    AuditVerification v = AuditVerifier.verify(entries);
    assertThat(v.ok()).isTrue();
    assertThat(v.entries()).isEqualTo(77);
    assertThat(v.head()).isEqualTo(log.head());
    assertThat(v.root()).isEqualTo(log.checkpoint().root());
  }

  @Test
  void verifier_changedEntry_isNamed() throws Exception {
    List<AuditEntry> entries =
        new ArrayList<>(open(new InMemoryAuditStore()).appendAll(events(0, 10)));
    entries.set(6, AuditFixtures.withResource(entries.get(6), "receipt/R-1"));
    AuditVerification v = AuditVerifier.verify(entries);
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBadEntry()).isEqualTo(6);
    assertThat(v.reason()).get().asString().contains("changed");
    assertThat(v.entries()).isEqualTo(6);
  }

  @Test
  void verifier_removedEntry_isNamed() throws Exception {
    List<AuditEntry> entries =
        new ArrayList<>(open(new InMemoryAuditStore()).appendAll(events(0, 10)));
    entries.remove(3);
    AuditVerification v = AuditVerifier.verify(entries);
    assertThat(v.firstBadEntry()).isEqualTo(3);
    assertThat(v.reason()).get().asString().contains("missing");
  }

  @Test
  void verifier_reorderedEntries_areNamed() throws Exception {
    List<AuditEntry> entries =
        new ArrayList<>(open(new InMemoryAuditStore()).appendAll(events(0, 10)));
    Collections.swap(entries, 2, 5);
    AuditVerification v = AuditVerifier.verify(entries);
    assertThat(v.firstBadEntry()).isEqualTo(2);
  }

  @Test
  void verifier_rehashedChangedEntry_breaksTheNextLink() throws Exception {
    List<AuditEntry> entries =
        new ArrayList<>(open(new InMemoryAuditStore()).appendAll(events(0, 10)));
    AuditEntry e = entries.get(4);
    AuditEntry forged =
        AuditEntry.create(4, e.time(), event(50), e.previousHash(), new EntryHasher());
    entries.set(4, forged);
    AuditVerification v = AuditVerifier.verify(entries);
    assertThat(v.firstBadEntry()).isEqualTo(5);
    assertThat(v.reason()).get().asString().contains("chain is broken");
  }

  @Test
  void append_storeFails_nothingAppendedAndLogStaysUsable() throws Exception {
    FailingStore store = new FailingStore();
    AuditLog log = open(store);
    log.appendAll(events(0, 3));
    store.failNext = true;
    assertThatThrownBy(() -> log.appendAll(events(3, 2))).isInstanceOf(IOException.class);
    assertThat(log.size()).isEqualTo(3);
    log.appendAll(events(3, 2));
    assertThat(AuditVerifier.verify(store.read(0, 100)).entries()).isEqualTo(5);
  }

  @Test
  void append_storeKeptBatchButThrew_logCatchesUp() throws Exception {
    FailingStore store = new FailingStore();
    AuditLog log = open(store);
    store.keepThenFail = true;
    assertThatThrownBy(() -> log.appendAll(events(0, 4))).isInstanceOf(IOException.class);
    assertThat(log.size()).isEqualTo(4);
    log.append(event(4));
    AuditVerification v = AuditVerifier.verify(store.read(0, 100));
    assertThat(v.ok()).isTrue();
    assertThat(v.entries()).isEqualTo(5);
  }

  @Test
  void event_controlCharactersOrOverlongFields_areRefused() {
    assertThatThrownBy(
            () ->
                AuditEvent.builder()
                    .actor("a\nforged")
                    .action("x")
                    .outcome(AuditOutcome.SUCCESS)
                    .origin("o")
                    .resource("r")
                    .build())
        .isInstanceOf(PrivacyException.class)
        .hasMessageContaining("actor")
        .hasMessageContaining("position 1");
    assertThatThrownBy(
            () ->
                AuditEvent.builder()
                    .actor("a")
                    .action("x".repeat(129))
                    .outcome(AuditOutcome.SUCCESS)
                    .origin("o")
                    .resource("r")
                    .build())
        .hasMessageContaining("action");
    assertThatThrownBy(
            () -> AuditEvent.builder().actor("a").action("x").origin("o").resource("r").build())
        .hasMessageContaining("outcome");
    assertThatThrownBy(
            () ->
                AuditEvent.builder()
                    .actor("a")
                    .action("x")
                    .outcome(AuditOutcome.SUCCESS)
                    .origin("o")
                    .resource("")
                    .build())
        .hasMessageContaining("resource");
  }

  /** A store that fails on demand, before or after keeping the batch. */
  private static final class FailingStore implements AuditStore {
    private final InMemoryAuditStore inner = new InMemoryAuditStore();
    boolean failNext;
    boolean keepThenFail;

    @Override
    public void append(List<AuditEntry> batch) throws IOException {
      if (failNext) {
        failNext = false;
        throw new IOException("disk full");
      }
      inner.append(batch);
      if (keepThenFail) {
        keepThenFail = false;
        throw new IOException("connection lost after commit");
      }
    }

    @Override
    public long size() {
      return inner.size();
    }

    @Override
    public List<AuditEntry> read(long from, int max) {
      return inner.read(from, max);
    }
  }
}
