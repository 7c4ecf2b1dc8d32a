package io.ambientretail.store.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ambientretail.privacy.audit.AuditEntry;
import io.ambientretail.privacy.audit.Checkpoint;
import io.ambientretail.privacy.audit.CheckpointVerifier;
import io.ambientretail.privacy.audit.Sha256Hash;
import io.ambientretail.privacy.audit.SignedCheckpoint;
import io.ambientretail.privacy.audit.AuditVerification;
import io.ambientretail.privacy.audit.AuditVerifier;
import io.ambientretail.privacy.audit.JdbcAuditStore;
import io.ambientretail.store.privacy.AuditConnections;
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
@Command(name = "audit", mixinStandardHelpOptions = true,
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
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the store's audit trail as JSON lines, oldest first.",
      footer = {"", "Example:", "  ambient audit export > audit.jsonl",
          "  ambient audit export --db jdbc:sqlite:/var/lib/ambient/store.db > audit.jsonl"})
  static final class Export implements Callable<Integer> {
    private static final int PAGE = 10_000;

    @Spec CommandSpec spec;

    @Option(names = "--db", paramLabel = "JDBC_URL",
        description = "JDBC URL of the store's database (default: jdbc:sqlite:./data/store.db).")
    String db;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      String url = db;
      if (url == null) {
        if (!Files.isRegularFile(DEFAULT_DB)) {
          return usageError(err, "no store database at " + DEFAULT_DB
              + " (run the store first, or give --db JDBC_URL)");
        }
        url = "jdbc:sqlite:" + DEFAULT_DB;
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Connection c = DriverManager.getConnection(url)) {
        JdbcAuditStore store;
        try {
          // the store keeps its hashes as base64url; the view gives them back as hex
          store = JdbcAuditStore.open(AuditConnections.reading(c));
        } catch (IOException e) {
          return usageError(err, e.getMessage());
        }
        long next = 0;
        while (true) {
          List<AuditEntry> page = store.read(next, PAGE);
          for (AuditEntry e : page) {
            AuditJsonLines.writeLine(out, AuditJsonLines.write(e));
          }
          next += page.size();
          if (page.size() < PAGE) {
            break;
          }
        }
        out.flush();
        err.println("exported " + next + " audit entries");
        err.flush();
        return ExitCode.OK;
      } catch (SQLException e) {
        return usageError(err, "cannot open database " + url + ": " + e.getMessage());
      }
    }
  }

  /** {@code ambient audit verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check a tamper-evident audit log; exit 1 when it was changed.",
      footer = {"", "Prints {\"ok\":true,\"entries\":N,\"head\":\"...\",\"root\":\"...\"} or",
          "{\"ok\":false,\"firstBadEntry\":N,\"reason\":\"...\"} (then exits 1).",
          "Compare root and entries with the last checkpoint your witness signed:",
          "a hash chain alone cannot show that the newest entries were cut off.",
          "", "Example:", "  ambient audit verify audit.jsonl",
          "  ambient audit verify audit.jsonl --checkpoint witness.note --key S001-audit.vkey"})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The exported audit log.")
    Path file;

    @Option(names = "--checkpoint", paramLabel = "NOTE",
        description = "A signed checkpoint (C2SP note) the log must match: catches a cut-off tail.")
    Path checkpoint;

    @Option(names = "--key", paramLabel = "VKEY",
        description = "File with the checkpoint signer's verifier key (name+id+base64).")
    Path key;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      if (!Files.isRegularFile(file)) {
        return usageError(err, "no such file: " + file);
      }
      if ((checkpoint == null) != (key == null)) {
        return usageError(err, "--checkpoint and --key go together");
      }
      Checkpoint trusted = null;
      if (checkpoint != null) {
        try {
          SignedCheckpoint note = SignedCheckpoint.parse(
              Files.readString(checkpoint, StandardCharsets.UTF_8));
          trusted = CheckpointVerifier.fromVerifierKey(
              Files.readString(key, StandardCharsets.UTF_8), note.checkpoint().origin())
              .verify(note);
        } catch (GeneralSecurityException e) {
          return usageError(err, "checkpoint " + checkpoint + " is not trusted: " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
          return usageError(err, "no such file: " + e.getFile());
        }
      }
      AuditVerifier verifier = new AuditVerifier();
      Sha256Hash rootAtCheckpoint = trusted != null && trusted.size() == 0
          ? verifier.currentRoot() : null;
      try (Reader in = new java.io.InputStreamReader(Files.newInputStream(file),
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
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
            if (!verifier.add(AuditJsonLines.parse(line.toString(), lineNo))) {
              break;
            }
            if (trusted != null && verifier.count() == trusted.size()) {
              rootAtCheckpoint = verifier.currentRoot();
            }
          }
        } catch (AuditJsonLines.BadLine e) {
          verifier.unreadable(e.getMessage());
        } catch (java.nio.charset.CharacterCodingException e) {
          verifier.unreadable("line " + lineNo + ": not UTF-8 text");
        }
      }
      if (trusted != null && verifier.result().ok()) {
        if (verifier.count() < trusted.size()) {
          verifier.unreadable("the log ends after " + verifier.count() + " entries but the"
              + " signed checkpoint covers " + trusted.size() + ": entries were cut off");
        } else if (!trusted.root().equals(rootAtCheckpoint)) {
          return bad(0, "the first " + trusted.size() + " entries do not match the signed"
              + " checkpoint: the log was rewritten from entry 0 on or before entry "
              + (trusted.size() - 1), verifier.count());
        }
      }
      AuditVerification v = verifier.result();
      PrintWriter out = spec.commandLine().getOut();
      out.println(json(v));
      out.flush();
      if (!v.ok()) {
        err.println("audit log is not intact: entry " + v.firstBadEntry() + ": "
            + v.reason().orElse(""));
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

    private static String json(AuditVerification v) throws IOException {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
        g.writeStartObject();
        g.writeBooleanField("ok", v.ok());
        if (v.ok()) {
          g.writeNumberField("entries", v.entries());
          g.writeStringField("head", v.head().hex());
          g.writeStringField("root", v.root().hex());
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
