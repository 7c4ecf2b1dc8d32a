package io.ambientretail.store.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ambientretail.privacy.audit.AuditEntry;
import io.ambientretail.privacy.audit.AuditVerification;
import io.ambientretail.privacy.audit.AuditVerifier;
import io.ambientretail.privacy.audit.Checkpoint;
import io.ambientretail.privacy.audit.CheckpointVerifier;
import io.ambientretail.privacy.audit.JdbcAuditStore;
import io.ambientretail.privacy.audit.Sha256Hash;
import io.ambientretail.privacy.audit.SignedCheckpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ambient audit}: export and verify the tamper-evident audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Export and verify the tamper-evident audit log.",
    subcommands = {AuditCommand.Export.class, AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
  /** The store's own database, as {@code ambient store demo} creates it. */
  static final Path DEFAULT_DB = Path.of("data", "store.db");

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  private static int usageError(PrintWriter err, String message) {
    err.println("ambient: " + message);
    err.flush();
    return ExitCode.USAGE;
  }

  /** {@code ambient audit export}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write the store's audit trail as JSON lines, oldest first, with the store's",
        "signed checkpoints, each right after the last entry it covers."
      },
      footer = {
        "",
        "Example:",
        "  ambient audit export > audit.jsonl",
        "  ambient audit export --db jdbc:sqlite:/var/lib/ambient/store.db > audit.jsonl"
      })
  static final class Export implements Callable<Integer> {
    private static final int PAGE = 10_000;

    @Spec CommandSpec spec;

    @Option(
        names = "--db",
        paramLabel = "JDBC_URL",
        description = "JDBC URL of the store's database (default: jdbc:sqlite:./data/store.db).")
    String db;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      String url = db;
      if (url == null) {
        if (!Files.isRegularFile(DEFAULT_DB)) {
          return usageError(
              err,
              "no store database at "
                  + DEFAULT_DB
                  + " (run the store first, or give --db JDBC_URL)");
        }
        url = "jdbc:sqlite:" + DEFAULT_DB;
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Connection c = DriverManager.getConnection(url)) {
        JdbcAuditStore store;
        try {
          store = JdbcAuditStore.open(c);
        } catch (IOException e) {
          return usageError(err, e.getMessage());
        }
        List<SignedCheckpoint> checkpoints = store.checkpoints();
        int nextCheckpoint = 0;
        long next = 0;
        while (true) {
          List<AuditEntry> page = store.read(next, PAGE);
          for (AuditEntry e : page) {
            // A checkpoint goes right after the last entry it covers.
            while (nextCheckpoint < checkpoints.size()
                && checkpoints.get(nextCheckpoint).checkpoint().size() <= e.sequence()) {
              AuditJsonLines.writeLine(
                  out, AuditJsonLines.write(checkpoints.get(nextCheckpoint++)));
            }
            AuditJsonLines.writeLine(out, AuditJsonLines.write(e));
          }
          next += page.size();
          if (page.size() < PAGE) {
            break;
          }
        }
        // Checkpoints beyond the last entry stay in: verify then reports the missing tail.
        while (nextCheckpoint < checkpoints.size()) {
          AuditJsonLines.writeLine(out, AuditJsonLines.write(checkpoints.get(nextCheckpoint++)));
        }
        out.flush();
        err.println(
            "exported "
                + next
                + " audit entries and "
                + checkpoints.size()
                + " signed checkpoints");
        err.flush();
        return ExitCode.OK;
      } catch (SQLException e) {
        return usageError(err, "cannot open database " + url + ": " + e.getMessage());
      }
    }
  }

  /**
   * The signed checkpoints found in an export: each must sit right after the last entry it covers
   * and match the Merkle root of the entries before it; a checkpoint by the {@code --key} key must
   * carry that key's valid signature.
   */
  static final class InFileCheckpoints {
    private final String verifierKey;
    private final String keyName;
    int count;
    int signed;
    long beyondEnd;
    long beyondEndLine;

    InFileCheckpoints(String verifierKey) {
      this.verifierKey = verifierKey;
      this.keyName = verifierKey == null ? null : verifierKey.strip().split("\\+", 2)[0];
    }

    /** Checks one checkpoint line; returns why it is bad, or null. */
    String check(SignedCheckpoint note, long lineNo, AuditVerifier verifier) {
      Checkpoint c = note.checkpoint();
      String where = "signed checkpoint at line " + lineNo + " (size " + c.size() + ")";
      if (c.size() < beyondEnd) {
        return where + " comes after a checkpoint of size " + beyondEnd + ": lines were moved";
      }
      if (keyName != null && keyName.equals(note.keyName())) {
        try {
          CheckpointVerifier.fromVerifierKey(verifierKey, c.origin()).verify(note);
        } catch (GeneralSecurityException e) {
          return where + " is not validly signed by " + keyName + ": " + e.getMessage();
        }
        signed++;
      }
      count++;
      if (c.size() < verifier.count()) {
        return where
            + " comes after entry "
            + (verifier.count() - 1)
            + ": lines were moved (a checkpoint follows the last entry it covers)";
      }
      if (c.size() > verifier.count()) {
        beyondEnd = c.size();
        beyondEndLine = lineNo;
        return null;
      }
      if (!c.root().equals(verifier.currentRoot())) {
        return where
            + " does not match the entries before it: the log was rewritten at or"
            + " before entry "
            + (c.size() - 1)
            + ", or the checkpoint was forged";
      }
      return null;
    }
  }

  /** {@code ambient audit verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Check a tamper-evident audit log; exit 1 when it was changed.",
      footer = {
        "",
        "Prints {\"ok\":true,\"entries\":N,\"head\":\"...\",\"root\":\"...\"} or",
        "{\"ok\":false,\"firstBadEntry\":N,\"reason\":\"...\"} (then exits 1).",
        "Signed checkpoints in the file must match the entries before them; with --key",
        "their signatures by that key are checked too. Compare root and entries with the",
        "last checkpoint your witness signed (--checkpoint): a hash chain alone cannot",
        "show that the newest entries were cut off.",
        "",
        "Example:",
        "  ambient audit verify audit.jsonl --key S001-audit.vkey",
        "  ambient audit verify audit.jsonl --checkpoint witness.note \\",
        "      --key S001-audit.vkey"
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The exported audit log.")
    Path file;

    @Option(
        names = "--checkpoint",
        paramLabel = "NOTE",
        description = "A signed checkpoint (C2SP note) the log must match: catches a cut-off tail.")
    Path checkpoint;

    @Option(
        names = "--key",
        paramLabel = "VKEY",
        description = {
          "File with the checkpoint signer's verifier key (name+id+base64):",
          "checks the signatures of the file's checkpoints by that key."
        })
    Path key;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      if (!Files.isRegularFile(file)) {
        return usageError(err, "no such file: " + file);
      }
      if (checkpoint != null && key == null) {
        return usageError(err, "--checkpoint needs --key");
      }
      String verifierKey = null;
      if (key != null) {
        try {
          verifierKey = Files.readString(key, StandardCharsets.UTF_8);
          CheckpointVerifier.fromVerifierKey(verifierKey, "-");
        } catch (java.nio.file.NoSuchFileException e) {
          return usageError(err, "no such file: " + e.getFile());
        } catch (GeneralSecurityException e) {
          return usageError(err, "key " + key + " is not a verifier key: " + e.getMessage());
        }
      }
      Checkpoint trusted = null;
      if (checkpoint != null) {
        try {
          SignedCheckpoint note =
              SignedCheckpoint.parse(Files.readString(checkpoint, StandardCharsets.UTF_8));
          trusted =
              CheckpointVerifier.fromVerifierKey(verifierKey, note.checkpoint().origin())
                  .verify(note);
        } catch (GeneralSecurityException e) {
          return usageError(err, "checkpoint " + checkpoint + " is not trusted: " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
          return usageError(err, "no such file: " + e.getFile());
        }
      }
      AuditVerifier verifier = new AuditVerifier();
      InFileCheckpoints inFile = new InFileCheckpoints(verifierKey);
      Sha256Hash rootAtCheckpoint =
          trusted != null && trusted.size() == 0 ? verifier.currentRoot() : null;
      try (Reader in =
          new java.io.InputStreamReader(
              Files.newInputStream(file),
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT))) {
        Reader buffered = new java.io.BufferedReader(in, 1 << 16);
        StringBuilder line = new StringBuilder();
        long lineNo = 0;
        boolean blankSeen = false;
        try {
          while (AuditJsonLines.readLine(buffered, line, ++lineNo)) {
            if (line.length() == 0) {
              blankSeen = true;
              continue;
            }
            if (blankSeen) {
              throw new AuditJsonLines.BadLine(lineNo - 1, "blank line inside the log");
            }
            Object item = AuditJsonLines.parseLine(line.toString(), lineNo);
            if (item instanceof SignedCheckpoint) {
              String why = inFile.check((SignedCheckpoint) item, lineNo, verifier);
              if (why != null) {
                verifier.unreadable(why);
                break;
              }
              continue;
            }
            if (inFile.beyondEnd > 0) {
              verifier.unreadable(
                  "line "
                      + lineNo
                      + ": an entry after the signed checkpoint at"
                      + " line "
                      + inFile.beyondEndLine
                      + ", which covers "
                      + inFile.beyondEnd
                      + " entries: lines were moved");
              break;
            }
            if (!verifier.add((AuditEntry) item)) {
              break;
            }
            if (trusted != null && verifier.count() == trusted.size()) {
              rootAtCheckpoint = verifier.currentRoot();
            }
          }
        } catch (AuditJsonLines.BadLine e) {
          if (lineNo == 1 && !AuditJsonLines.startsLikeAnExportLine(line)) {
            // nothing of an export was read: a wrong file, not a tampered log
            return usageError(err, file + " is not an audit export (" + e.getMessage() + ")");
          }
          verifier.unreadable(e.getMessage());
        } catch (java.nio.charset.CharacterCodingException e) {
          if (lineNo == 1) {
            return usageError(err, file + " is not an audit export (line 1: not UTF-8 text)");
          }
          verifier.unreadable("line " + lineNo + ": not UTF-8 text");
        }
      }
      if (verifier.result().ok() && inFile.beyondEnd > 0) {
        verifier.unreadable(
            "the log ends after "
                + verifier.count()
                + " entries but a signed"
                + " checkpoint in the file (line "
                + inFile.beyondEndLine
                + ") covers "
                + inFile.beyondEnd
                + ": entries were cut off");
      }
      if (trusted != null && verifier.result().ok()) {
        if (verifier.count() < trusted.size()) {
          verifier.unreadable(
              "the log ends after "
                  + verifier.count()
                  + " entries but the"
                  + " signed checkpoint covers "
                  + trusted.size()
                  + ": entries were cut off");
        } else if (!trusted.root().equals(rootAtCheckpoint)) {
          return bad(
              0,
              "the first "
                  + trusted.size()
                  + " entries do not match the signed"
                  + " checkpoint: the log was rewritten from entry 0 on or before entry "
                  + (trusted.size() - 1),
              verifier.count());
        }
      }
      AuditVerification v = verifier.result();
      PrintWriter out = spec.commandLine().getOut();
      out.println(json(v, inFile));
      out.flush();
      if (v.ok() && inFile.count > inFile.signed) {
        err.println(
            (inFile.count - inFile.signed)
                + " of "
                + inFile.count
                + " signed checkpoints"
                + " in the file match the log but their signatures were not checked"
                + (verifierKey == null ? " (give --key)" : " (signed by another key)"));
        err.flush();
      }
      if (!v.ok()) {
        err.println(
            "audit log is not intact: entry " + v.firstBadEntry() + ": " + v.reason().orElse(""));
        err.flush();
        return ExitCode.PROBLEM;
      }
      return ExitCode.OK;
    }

    private int bad(long first, String reason, long intact) throws IOException {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
        g.writeStartObject();
        g.writeBooleanField("ok", false);
        g.writeNumberField("firstBadEntry", first);
        g.writeStringField("reason", reason);
        g.writeNumberField("intactEntries", intact);
        g.writeEndObject();
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(w);
      out.flush();
      PrintWriter err = spec.commandLine().getErr();
      err.println("audit log is not intact: " + reason);
      err.flush();
      return ExitCode.PROBLEM;
    }

    private static String json(AuditVerification v, InFileCheckpoints inFile) throws IOException {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
        g.writeStartObject();
        g.writeBooleanField("ok", v.ok());
        if (v.ok()) {
          g.writeNumberField("entries", v.entries());
          g.writeStringField("head", v.head().hex());
          g.writeStringField("root", v.root().hex());
          g.writeNumberField("checkpoints", inFile.count);
          g.writeNumberField("checkpointSignaturesVerified", inFile.signed);
        } else {
          g.writeNumberField("firstBadEntry", v.firstBadEntry());
          g.writeStringField("reason", v.reason().orElse(""));
          g.writeNumberField("intactEntries", v.entries());
        }
        g.writeEndObject();
      }
      return w.toString();
    }
  }
}
