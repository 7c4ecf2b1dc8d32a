package io.ambientretail.store.pay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ambientretail.store.db.RecordIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A simulated acquirer on real loopback HTTP ({@code POST /v1/authorize|capture|sale|void|refund},
 * JSON). It keeps its own books in a SQLite file, written before it answers, and answers a repeated
 * idempotency key with its first answer: the store's double-capture check reads these books.
 * Declines a configurable share of authorisations (by a keyed hash, so runs repeat).
 *
 * <p>Thread-safe. {@link #close()} stops the server.
 */
public final class SimulatedAcquirer implements AutoCloseable {
  private static final int MAX_BODY = 16 * 1024;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Connection books;
  private final ObjectMapper json = new ObjectMapper();
  private final RecordIds ids = new RecordIds();
  private final int latencyMs;
  private final double declineRate;

  private SimulatedAcquirer(HttpServer server, ExecutorService executor, Connection books,
      int latencyMs, double declineRate) {
    this.server = server;
    this.executor = executor;
    this.books = books;
    this.latencyMs = latencyMs;
    this.declineRate = declineRate;
  }

  /**
   * Starts an acquirer on 127.0.0.1 (an ephemeral port) with its books in {@code booksFile}.
   *
   * @param latencyMs the simulated processing time of each call
   * @param declineRate the share of authorisations and sales declined, 0 to 1
   */
  public static SimulatedAcquirer start(Path booksFile, int latencyMs, double declineRate)
      throws IOException {
    Connection c;
    try {
      Files.createDirectories(booksFile.toAbsolutePath().getParent());
      c = DriverManager.getConnection("jdbc:sqlite:" + booksFile.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE IF NOT EXISTS acquirer_ops (idem_key TEXT PRIMARY KEY, op TEXT NOT"
            + " NULL, ref TEXT NOT NULL, parent_ref TEXT, card_token TEXT, amount_minor INTEGER"
            + " NOT NULL, currency TEXT NOT NULL, approved INTEGER NOT NULL, reason TEXT)");
      }
    } catch (SQLException e) {
      throw new IOException("acquirer books: " + e.getMessage(), e);
    }
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService ex = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "acquirer");
      t.setDaemon(true);
      return t;
    });
    SimulatedAcquirer a = new SimulatedAcquirer(server, ex, c, latencyMs, declineRate);
    server.createContext("/v1/", a::handle);
    server.setExecutor(ex);
    server.start();
    return a;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Authorisation references captured more than once in the acquirer's own books. */
  public synchronized long doubleCaptures() throws SQLException {
    return doubleCaptures(books);
  }

  /** Counts double captures in an acquirer books file (for checks after a crash). */
  public static long doubleCaptures(Path booksFile) throws SQLException {
    if (!Files.exists(booksFile)) {
      return 0;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + booksFile.toAbsolutePath())) {
      return doubleCaptures(c);
    }
  }

  private static long doubleCaptures(Connection c) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM (SELECT parent_ref FROM"
        + " acquirer_ops WHERE op = 'capture' AND approved = 1 GROUP BY parent_ref"
        + " HAVING COUNT(*) > 1) t");
        ResultSet r = q.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Total approved captures and sales minus refunds in the acquirer's books, minor units. */
  public synchronized long settledMinor() throws SQLException {
    try (PreparedStatement q = books.prepareStatement("SELECT COALESCE(SUM(CASE WHEN op IN"
        + " ('capture','sale') THEN amount_minor WHEN op = 'refund' THEN -amount_minor ELSE 0"
        + " END), 0) FROM acquirer_ops WHERE approved = 1");
        ResultSet r = q.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String op = x.getRequestURI().getPath().substring("/v1/".length());
      if (!"POST".equals(x.getRequestMethod())) {
        reply(x, 405, error("method not allowed"));
        return;
      }
      JsonNode req;
      try (InputStream in = x.getRequestBody()) {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
          reply(x, 413, error("body larger than " + MAX_BODY + " bytes"));
          return;
        }
        req = json.readTree(body);
      } catch (IOException e) {
        reply(x, 400, error("body is not JSON"));
        return;
      }
      String key = req.path("idempotencyKey").asText("");
      if (key.isEmpty() || key.length() > 128) {
        reply(x, 400, error("idempotencyKey: required, at most 128 characters"));
        return;
      }
      if (latencyMs > 0) {
        // the simulated network and processing time of a real acquirer
        try {
          TimeUnit.MILLISECONDS.sleep(latencyMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      ObjectNode answer;
      try {
        answer = process(op, key, req);
      } catch (SQLException e) {
        reply(x, 500, error("books unavailable"));
        return;
      }
      if (answer == null) {
        reply(x, 404, error("unknown operation " + op));
        return;
      }
      reply(x, 200, answer);
    }
  }

  private synchronized ObjectNode process(String op, String key, JsonNode req)
      throws SQLException {
    if (!java.util.Set.of("authorize", "capture", "sale", "void", "refund").contains(op)) {
      return null;
    }
    try (PreparedStatement q = books.prepareStatement(
        "SELECT ref, approved, reason FROM acquirer_ops WHERE idem_key = ?")) {
      q.setString(1, key);
      try (ResultSet r = q.executeQuery()) {
        if (r.next()) {
          return answer(r.getInt(2) != 0, r.getString(1), r.getString(3), true);
        }
      }
    }
    long amount = req.path("amountMinor").asLong(0);
    String currency = req.path("currency").asText("EUR");
    String token = req.path("cardToken").asText(null);
    String parent = req.path("parentRef").asText(null);
    boolean approved = true;
    String reason = "";
    if (op.equals("authorize") || op.equals("sale")) {
      if (token == null || !token.startsWith("tk_")) {
        approved = false;
        reason = "invalid_token";
      } else if (Math.floorMod((token + key).hashCode(), 10_000) < declineRate * 10_000) {
        approved = false;
        reason = "insufficient_funds";
      }
    } else if (parent == null || parent.isEmpty()) {
      approved = false;
      reason = "unknown_reference";
    }
    String ref = ids.next(op.substring(0, 2));
    try (PreparedStatement p = books.prepareStatement("INSERT INTO acquirer_ops (idem_key, op, ref,"
        + " parent_ref, card_token, amount_minor, currency, approved, reason)"
        + " VALUES (?,?,?,?,?,?,?,?,?)")) {
      p.setString(1, key);
      p.setString(2, op);
      p.setString(3, ref);
      p.setString(4, parent);
      p.setString(5, token);
      p.setLong(6, amount);
      p.setString(7, currency);
      p.setInt(8, approved ? 1 : 0);
      p.setString(9, reason);
      p.executeUpdate();
    }
    return answer(approved, ref, reason, false);
  }

  private ObjectNode answer(boolean approved, String ref, String reason, boolean replay) {
    ObjectNode n = json.createObjectNode();
    n.put("approved", approved);
    n.put("reference", ref);
    n.put("reason", reason == null ? "" : reason);
    n.put("replayed", replay);
    return n;
  }

  private ObjectNode error(String message) {
    ObjectNode n = json.createObjectNode();
    n.put("error", message);
    return n;
  }

  private void reply(HttpExchange x, int status, ObjectNode body) throws IOException {
    byte[] b = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    synchronized (this) {
      try {
        books.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }
}
