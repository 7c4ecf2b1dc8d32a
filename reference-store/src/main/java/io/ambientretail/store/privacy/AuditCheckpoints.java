package io.ambientretail.store.privacy;

import io.ambientretail.privacy.audit.CheckpointSigner;
import io.ambientretail.privacy.audit.SignedCheckpoint;
import io.ambientretail.store.db.AuditTrail;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.db.StoreDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Signs checkpoints of the store's audit log with sdk-privacy's Ed25519 {@link CheckpointSigner}
 * and keeps them where the library keeps a log's checkpoints ({@code AuditLog.publishCheckpoint}
 * into table {@code audit_checkpoint}, next to {@code audit_log}): the store signs on a schedule
 * and at shutdown, {@code ambient audit export} writes each checkpoint after the last entry it
 * covers and {@code ambient audit verify --key VKEY} checks them, and a witness fetches the latest
 * from {@code /api/audit/checkpoint} and holds the store to it ({@code --checkpoint NOTE}).
 *
 * <p>The signing key is generated on first use and kept in the data directory ({@link #KEY_FILE},
 * owner-only: the PKCS#8 private key and the X.509 public key, base64, one per line), never in the
 * database it vouches for; its C2SP verifier key, which {@code audit verify --key} reads, is
 * written next to it ({@link #VERIFIER_KEY_FILE}). Each signing is itself audited ({@code
 * audit.checkpoint}), as the entry right after the ones it covers; the time of that entry is the
 * checkpoint's {@code signedMs}. Thread-safe.
 */
public final class AuditCheckpoints {
  /** The signing key's file in the data directory. */
  public static final String KEY_FILE = "audit-checkpoint.key";

  /** The verifier key's file in the data directory, for {@code ambient audit verify --key}. */
  public static final String VERIFIER_KEY_FILE = "audit-checkpoint.vkey";

  private final Database db;
  private final AuditTrail trail;
  private final CheckpointSigner signer;
  private final Clock clock;
  private @Nullable SignedCheckpoint latest;
  private long latestMs;

  private AuditCheckpoints(Database db, AuditTrail trail, CheckpointSigner signer, Clock clock) {
    this.db = db;
    this.trail = trail;
    this.signer = signer;
    this.clock = clock;
  }

  /**
   * Opens the checkpoints of a store's log, loading (or creating) the key in {@code dataDir}.
   *
   * @throws IOException if the key file cannot be read or written
   */
  public static AuditCheckpoints open(
      Database db, AuditTrail trail, Path dataDir, String keyName, Clock clock) throws IOException {
    CheckpointSigner signer;
    try {
      signer = CheckpointSigner.of(keyName, keys(dataDir.resolve(KEY_FILE)));
    } catch (GeneralSecurityException e) {
      throw new IOException(KEY_FILE + ": not an Ed25519 key pair (" + e.getMessage() + ")", e);
    }
    Path vkey = dataDir.resolve(VERIFIER_KEY_FILE);
    String verifier = signer.verifierKey() + "\n";
    if (!Files.exists(vkey)
        || !Files.readString(vkey, StandardCharsets.US_ASCII).equals(verifier)) {
      Files.writeString(vkey, verifier, StandardCharsets.US_ASCII);
    }
    AuditCheckpoints cps = new AuditCheckpoints(db, trail, signer, clock);
    db.read(
        c -> {
          SignedCheckpoint newest = null;
          for (SignedCheckpoint cp : trail.checkpoints(c)) {
            if (cp.keyName().equals(keyName)) {
              newest = cp;
            }
          }
          if (newest != null) {
            cps.latest = newest;
            cps.latestMs = signedMs(c, newest);
          }
          return null;
        });
    return cps;
  }

  /** The verifier key a witness needs ({@code name+id+base64}). */
  public String verifierKey() {
    return signer.verifierKey();
  }

  /**
   * Signs the log as committed now, keeps the note and audits the signing; returns the note. Signs
   * nothing new when nothing but the latest signing was audited since.
   */
  public synchronized SignedCheckpoint sign() {
    // the store's own checkpointer, whichever thread asked (an API request's thread carries the
    // request's origin): audited with the store's origin
    return trail.withOrigin(AuditTrail.DEFAULT_ORIGIN, this::signNow);
  }

  private SignedCheckpoint signNow() {
    long now = clock.millis();
    return db.tx(
        c -> {
          // after each signing the log holds one more entry: the audit of that signing
          if (latest != null && trail.size(c) <= latest.checkpoint().size() + 1) {
            return latest;
          }
          SignedCheckpoint cp;
          try {
            cp = trail.publishCheckpoint(c, signer);
          } catch (GeneralSecurityException e) {
            throw new StoreDataException("audit checkpoint: " + e.getMessage(), e);
          }
          trail.append(
              c,
              "audit-checkpointer",
              "audit.checkpoint",
              "audit-log/" + cp.checkpoint().origin(),
              "size=" + cp.checkpoint().size() + " key=" + signer.keyName(),
              now);
          latest = cp;
          latestMs = now;
          return cp;
        });
  }

  /**
   * Whether a checkpoint is due under {@code policy} at {@code nowMs}: entries other than the
   * latest signing's own audit have been added since the latest checkpoint, and either at least
   * {@code checkpointEveryEntries} of them or the latest is {@code checkpointEverySeconds} old (or
   * there is none yet).
   */
  public synchronized boolean due(
      io.ambientretail.store.config.StoreConfig.Audit policy, long nowMs) {
    long size = db.read(trail::size);
    long covered = latest == null ? 0 : latest.checkpoint().size() + 1;
    long added = size - covered;
    if (added <= 0) {
      return false;
    }
    return latest == null
        || added >= policy.checkpointEveryEntries()
        || nowMs - latestMs >= policy.checkpointEverySeconds() * 1000L;
  }

  /** The latest signed checkpoint, if any was signed. */
  public synchronized Optional<SignedCheckpoint> latest() {
    return Optional.ofNullable(latest);
  }

  /** The latest checkpoint as the API shows it (empty before the first). */
  public synchronized Map<String, Object> latestJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (latest == null) {
      return m;
    }
    m.put("origin", latest.checkpoint().origin());
    m.put("size", latest.checkpoint().size());
    m.put("root", latest.checkpoint().root().hex());
    m.put("signedMs", latestMs);
    m.put("keyName", latest.keyName());
    m.put("verifierKey", signer.verifierKey());
    m.put("note", latest.text());
    return m;
  }

  /** When {@code cp} was signed: the time of the audit entry of its signing, right after it. */
  private static long signedMs(Connection c, SignedCheckpoint cp) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT at_micros FROM audit_log WHERE seq = ?" + " AND action = 'audit.checkpoint'")) {
      q.setLong(1, cp.checkpoint().size());
      try (ResultSet r = q.executeQuery()) {
        return r.next() ? Math.floorDiv(r.getLong(1), 1000L) : 0L;
      }
    }
  }

  private static KeyPair keys(Path file) throws IOException, GeneralSecurityException {
    KeyFactory kf = KeyFactory.getInstance("Ed25519");
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
      if (lines.size() < 2) {
        throw new IOException(file + ": expected 2 lines (private and public key)");
      }
      return new KeyPair(
          kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))),
          kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))));
    }
    KeyPair k = CheckpointSigner.generateKeyPair();
    SecretFile.create(
        file,
        (Base64.getEncoder().encodeToString(k.getPrivate().getEncoded())
                + "\n"
                + Base64.getEncoder().encodeToString(k.getPublic().getEncoded())
                + "\n")
            .getBytes(StandardCharsets.US_ASCII));
    return k;
  }
}
