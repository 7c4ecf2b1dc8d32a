package io.ambientretail.store.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.core.AmbientException;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.Role;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.db.ReceiptBook;
import io.ambientretail.store.db.SessionBook;
import io.ambientretail.store.db.StockBook;
import io.ambientretail.store.engine.Kpis;
import io.ambientretail.store.engine.ReplenishmentPlanner;
import io.ambientretail.store.engine.StoreEngine;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The store's HTTP face on Javalin: the dashboard at {@code /} (plain ES modules from the jar), the
 * REST API under {@code /api/} (bearer tokens mapped to roles: 401 without a valid token, 403 when
 * the role lacks the permission), live events by server-sent events at {@code /api/events}, {@code
 * /openapi.json}, {@code /health} and {@code /metrics}. Errors are RFC 9457 problem details. Binds
 * to the loopback interface.
 */
public final class StoreServer implements AutoCloseable {
  private static final String PRINCIPAL = "principal";
  private static final String PROBLEM_WRITTEN = "problem.written";
  private static final List<io.javalin.http.HandlerType> METHODS =
      List.of(
          io.javalin.http.HandlerType.GET,
          io.javalin.http.HandlerType.POST,
          io.javalin.http.HandlerType.PUT,
          io.javalin.http.HandlerType.PATCH,
          io.javalin.http.HandlerType.DELETE);
  private static final int MAX_BODY = 64 * 1024;

  private final StoreApp app;
  private final StoreEngine store;
  private final ApiTokens tokens;
  private final AuthGate gate;
  private final BodyGate bodies;
  private final ScheduledExecutorService auditFlush;
  private final Javalin javalin;
  private final ObjectMapper json = new ObjectMapper();
  private final ConcurrentLinkedQueue<EventReader> clients = new ConcurrentLinkedQueue<>();
  private final PersonalDataFilter personalData = new PersonalDataFilter();
  private final byte[] openapi;

  private StoreServer(StoreApp app) {
    this.app = app;
    this.store = app.engine();
    this.tokens = new ApiTokens(app.config(), store.database(), app.access());
    app.dsr().onErased(tokens::forgetShopper);
    this.gate =
        new AuthGate(
            tokens,
            app.auditSink(),
            app.config().web(),
            System::nanoTime,
            System::currentTimeMillis);
    StoreConfig.WebLimits limits = app.config().web();
    this.bodies = new BodyGate(MAX_BODY, limits.maxBodyReaders(), limits.idleTimeoutMs());
    this.auditFlush =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "store-auth-audit");
              t.setDaemon(true);
              return t;
            });
    this.openapi = resource("/openapi.json");
    this.javalin =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.http.maxRequestSize = MAX_BODY;
              cfg.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
              cfg.staticFiles.add(
                  sf -> {
                    sf.hostedPath = "/";
                    sf.directory = "/dashboard";
                    sf.location = Location.CLASSPATH;
                  });
            });
    routes();
    store.addListener(this::broadcast);
    auditFlush.scheduleWithFixedDelay(this::flushAuthAudit, 5, 5, TimeUnit.SECONDS);
    // the connection idle timeout also closes a quiet event stream: comment lines keep it open
    long beat = Math.max(500, limits.idleTimeoutMs() / 2);
    auditFlush.scheduleWithFixedDelay(
        this::keepEventStreamsAlive, beat, beat, TimeUnit.MILLISECONDS);
  }

  private void keepEventStreamsAlive() {
    for (EventReader r : clients) {
      try {
        r.client().sendComment("keep-alive");
      } catch (RuntimeException e) {
        clients.remove(r);
      }
    }
  }

  private void flushAuthAudit() {
    try {
      gate.flush();
    } catch (RuntimeException e) {
      // the next round writes the summaries
    }
  }

  /**
   * Starts the server on 127.0.0.1:{@code port} (0: any free port), with the connection idle
   * timeout of {@code http.idleTimeoutMs}: a client that sends nothing for that long, also in the
   * middle of a request body, is answered 408 or disconnected.
   */
  public static StoreServer start(StoreApp app, int port) {
    if (port != 0) {
      // Javalin logs an ERROR with a stack trace before it throws: find out first, quietly
      try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "--port: 127.0.0.1:"
                + port
                + " is in use by another program ("
                + e.getMessage()
                + "); stop it or choose another --port");
      }
    }
    StoreServer s = new StoreServer(app);
    try {
      s.javalin.start("127.0.0.1", port);
    } catch (RuntimeException e) {
      s.close();
      throw new IllegalArgumentException(
          "--port: cannot listen on 127.0.0.1:" + port + " (" + rootMessage(e) + ")", e);
    }
    for (var c : s.javalin.jettyServer().server().getConnectors()) {
      if (c instanceof org.eclipse.jetty.server.AbstractConnector ac) {
        ac.setIdleTimeout(app.config().web().idleTimeoutMs());
      }
    }
    return s;
  }

  /** The port listened on. */
  public int port() {
    return javalin.port();
  }

  private void routes() {
    Javalin a = javalin;
    a.get(
        "/health",
        ctx -> {
          boolean dbOk = true;
          try {
            store.database().read(c -> c.isValid(2));
          } catch (RuntimeException e) {
            dbOk = false;
          }
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("status", dbOk ? "UP" : "DOWN");
          m.put("store", app.config().storeId());
          m.put("database", dbOk ? "UP" : "DOWN");
          ctx.status(dbOk ? 200 : 503).json(m);
        });
    a.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(app.metrics().scrape()));
    a.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openapi));

    a.before(SecurityHeaders::apply);
    a.before("/api/*", this::authenticate);
    a.before("/api/*", bodies::read);
    a.before(
        "/api/events",
        ctx -> {
          need(ctx, Role.Permission.READ_STORE);
          String accept = ctx.header("Accept");
          if (accept == null || !accept.strip().equals("text/event-stream")) {
            // Javalin streams only for exactly this Accept; anything else was an empty 200
            throw new NotAcceptable(
                "/api/events is a server-sent event stream: send Accept: text/event-stream");
          }
        });
    a.after("/api/*", ctx -> store.audit().clearOrigin());

    a.get(
        "/api/status",
        ctx -> {
          need(ctx, Role.Permission.READ_STORE);
          Map<String, Object> m = new LinkedHashMap<>();
          StoreConfig cfg = app.config();
          m.put("store", cfg.storeId());
          m.put("name", cfg.name());
          m.put("kind", cfg.kind().id());
          m.put("region", cfg.region());
          m.put("privacyRegime", cfg.privacyRegime());
          m.put("currency", cfg.currency().getCurrencyCode());
          m.put("database", store.database().isSqlite() ? "sqlite" : "postgresql");
          m.put("peopleInStore", store.peopleInStore());
          m.put("sessions", store.database().read(c -> store.sessions().countByState(c)));
          m.put("openAlerts", store.database().read(c -> store.alerts().openAlerts(c)).size());
          m.put("recoveredSessions", app.recoveredSessions());
          reply(ctx, m);
        });
    a.get(
        "/api/devices",
        ctx -> {
          need(ctx, Role.Permission.READ_STORE);
          reply(ctx, app.health().statuses());
        });
    a.get(
        "/api/sessions",
        ctx -> {
          need(ctx, Role.Permission.READ_PAYMENTS);
          int limit = limit(ctx);
          String state = ctx.queryParam("state");
          List<SessionBook.Session> l =
              state == null
                  ? store.database().read(c -> store.sessions().recent(c, limit))
                  : store.database().read(c -> store.sessions().inStates(c, sessionState(state)));
          reply(ctx, l.stream().map(this::sessionJson).toList());
        });
    a.get(
        "/api/sessions/{id}",
        ctx -> {
          need(ctx, Role.Permission.READ_PAYMENTS);
          String id = ctx.pathParam("id");
          SessionBook.Session s =
              store
                  .database()
                  .read(c -> store.sessions().get(c, id))
                  .orElseThrow(
                      () -> new AmbientException(StoreEngine.NOT_FOUND, "no session " + id));
          Map<String, Object> m = sessionJson(s);
          m.put("cart", store.database().read(c -> store.sessions().cart(c, id)));
          m.put("payments", store.database().read(c -> store.journal().ofSession(c, id)));
          auditRead(ctx, "session", id);
          reply(ctx, m);
        });
    a.get(
        "/api/carts",
        ctx -> {
          need(ctx, Role.Permission.READ_STORE);
          reply(ctx, carts());
        });
    a.get(
        "/api/plan",
        ctx -> {
          need(ctx, Role.Permission.READ_STORE);
          reply(ctx, plan());
        });
    a.get(
        "/api/receipts",
        ctx -> {
          ApiPrincipal p = principal(ctx);
          int limit = limit(ctx);
          List<ReceiptBook.Receipt> l;
          if (can(ctx, p, Role.Permission.READ_RECEIPTS)) {
            l = store.database().read(c -> store.receipts().recent(c, null, limit));
          } else if (can(ctx, p, Role.Permission.READ_OWN_RECEIPTS)) {
            l = store.database().read(c -> store.receipts().recent(c, p.shopperRef(), limit));
          } else {
            throw forbidden(p, Role.Permission.READ_RECEIPTS);
          }
          List<Object> out = new ArrayList<>();
          for (ReceiptBook.Receipt r : l) {
            out.add(json.readTree(r.body()));
          }
          reply(ctx, out);
        });
    a.get(
        "/api/receipts/{id}",
        ctx -> {
          ReceiptBook.Receipt r = ownReceipt(ctx);
          auditRead(ctx, "receipt", r.receiptId());
          ctx.contentType("application/json")
              .result(personalData.viewJson(principal(ctx), r.body()));
        });
    a.get(
        "/api/receipts/{id}/html",
        ctx -> {
          ReceiptBook.Receipt r = ownReceipt(ctx);
          auditRead(ctx, "receipt", r.receiptId());
          ctx.html(ReceiptHtml.render(json.readTree(r.body()), app.config().currency()));
        });
    a.get(
        "/api/payments",
        ctx -> {
          need(ctx, Role.Permission.READ_PAYMENTS);
          int limit = limit(ctx);
          reply(ctx, store.database().read(c -> store.journal().recent(c, limit)));
        });
    a.get(
        "/api/refunds",
        ctx -> {
          need(ctx, Role.Permission.READ_PAYMENTS);
          reply(
              ctx,
              store
                  .database()
                  .read(
                      c -> {
                        List<Map<String, Object>> out = new ArrayList<>();
                        try (var q =
                                c.prepareStatement(
                                    "SELECT refund_id, receipt_id, amount_minor, currency,"
                                        + " reason, operator, state, created_ms FROM refunds ORDER BY created_ms DESC LIMIT 200");
                            var r = q.executeQuery()) {
                          while (r.next()) {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("refund", r.getString(1));
                            m.put("receipt", r.getString(2));
                            m.put("amountMinor", r.getLong(3));
                            m.put("currency", r.getString(4));
                            m.put("reason", r.getString(5));
                            m.put("operator", r.getString(6));
                            m.put("state", r.getString(7));
                            m.put("createdMs", r.getLong(8));
                            out.add(m);
                          }
                        }
                        return out;
                      }));
        });
    a.post(
        "/api/refunds",
        ctx -> {
          ApiPrincipal p = need(ctx, Role.Permission.REFUND);
          JsonBody b = JsonBody.of(ctx);
          String receipt = b.text("receipt");
          long amount = b.integer("amountMinor", 1, Long.MAX_VALUE);
          String reason = b.text("reason");
          StoreEngine.RefundResult r = store.refund(receipt, amount, reason, p.name());
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("refund", r.refundId());
          m.put("receipt", r.receiptId());
          m.put("state", r.state().name());
          m.put("amountMinor", r.refundedMinor());
          m.put("requestedMinor", r.requestedMinor());
          if (r.state() == StoreEngine.RefundState.DECLINED) {
            // booked as declined, nothing moved: never a 201 for a refused refund
            m.put("code", "STORE_REFUND_DECLINED");
            problem(
                ctx,
                422,
                "Unprocessable Content",
                "refund " + r.refundId() + " was declined by the acquirer; nothing was refunded",
                m);
            return;
          }
          reply(ctx.status(201), m);
        });
    a.post(
        "/api/receipts/{id}/consent",
        ctx -> {
          // the shopper (own receipt) or an operator on the shopper's behalf
          ApiPrincipal p = principal(ctx);
          if (p.role() != Role.SHOPPER && !can(ctx, p, Role.Permission.HANDLE_DSR)) {
            throw forbidden(p, Role.Permission.HANDLE_DSR);
          }
          ReceiptBook.Receipt r = ownReceipt(ctx);
          boolean granted = JsonBody.of(ctx).bool("granted");
          reply(
              ctx,
              store.consent(
                  r.receiptId(),
                  granted,
                  p.name(),
                  p.role() == Role.SHOPPER ? "shopper-api" : "operator-api"));
        });
    a.get(
        "/api/stock",
        ctx -> {
          need(ctx, Role.Permission.READ_STORE);
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("lanes", store.database().read(c -> store.stock().lanes(c)));
          m.put("ledger", store.database().read(c -> store.stock().recent(c, limit(ctx))));
          m.put("shrinkByLaneHour", store.database().read(c -> store.stock().shrinkByLaneHour(c)));
          reply(ctx, m);
        });
    a.post(
        "/api/stock/{lane}/restock",
        ctx -> {
          ApiPrincipal p = need(ctx, Role.Permission.ADJUST_STOCK);
          int qty = (int) JsonBody.of(ctx).integer("qty", 1, StoreEngine.MAX_RESTOCK);
          String lane = ctx.pathParam("lane");
          String ref = "restock:" + store.ids().next("rs");
          app.restock(lane, qty, p.name(), ref);
          reply(ctx.status(201), Map.of("lane", lane, "qty", qty, "ref", ref));
        });
    a.get(
        "/api/replenishment",
        ctx -> {
          need(ctx, Role.Permission.READ_STORE);
          reply(
              ctx,
              new ReplenishmentPlanner(app.config().replenishment())
                  .suggest(store.database().read(c -> store.stock().lanes(c))));
        });
    a.get(
        "/api/kpis",
        ctx -> {
          need(ctx, Role.Permission.READ_STORE);
          reply(ctx, Kpis.compute(store, app.health(), System.currentTimeMillis()));
        });
    a.get(
        "/api/alerts",
        ctx -> {
          need(ctx, Role.Permission.READ_STORE);
          boolean all = "all".equals(ctx.queryParam("state"));
          reply(
              ctx,
              store
                  .database()
                  .read(
                      c ->
                          all
                              ? store.alerts().recent(c, limit(ctx))
                              : store.alerts().openAlerts(c)));
        });
    a.get(
        "/api/dsr",
        ctx -> {
          need(ctx, Role.Permission.HANDLE_DSR);
          reply(ctx, app.dsr().list());
        });
    a.post(
        "/api/dsr",
        ctx -> {
          ApiPrincipal p = need(ctx, Role.Permission.HANDLE_DSR);
          JsonBody b = JsonBody.of(ctx);
          Map<String, String> extra = new LinkedHashMap<>();
          for (String f : new String[] {"store", "record", "field", "value", "purpose"}) {
            if (b.has(f)) {
              extra.put(f, b.text(f));
            }
          }
          reply(
              ctx.status(201),
              app.dsr().submit(b.text("shopper"), b.text("kind"), p.name(), extra));
        });
    a.get(
        "/api/dsr/{id}",
        ctx -> {
          need(ctx, Role.Permission.HANDLE_DSR);
          reply(ctx, app.dsr().get(ctx.pathParam("id")));
        });
    a.post(
        "/api/dsr/{id}/resume",
        ctx -> {
          need(ctx, Role.Permission.HANDLE_DSR);
          reply(ctx, app.dsr().resume(ctx.pathParam("id")));
        });
    a.get(
        "/api/dsr/{id}/export",
        ctx -> {
          need(ctx, Role.Permission.HANDLE_DSR);
          ctx.contentType("application/json").result(app.dsr().export(ctx.pathParam("id")));
        });
    a.get(
        "/api/privacy/retention",
        ctx -> {
          need(ctx, Role.Permission.HANDLE_DSR);
          reply(ctx, app.dsr().lastRetention());
        });
    a.post(
        "/api/privacy/retention",
        ctx -> {
          need(ctx, Role.Permission.HANDLE_DSR);
          reply(ctx, app.dsr().applyRetention());
        });
    a.get(
        "/api/audit",
        ctx -> {
          need(ctx, Role.Permission.READ_AUDIT);
          int limit = limit(ctx);
          String skip = ctx.queryParam("skip");
          reply(
              ctx,
              store
                  .database()
                  .read(
                      c ->
                          skip == null
                              ? store.audit().recent(c, limit)
                              : store
                                  .audit()
                                  .recent(
                                      c,
                                      limit,
                                      java.util.Set.copyOf(
                                          java.util.Arrays.asList(skip.split(",", 20))),
                                      20_000)));
        });
    a.get(
        "/api/audit/verify",
        ctx -> {
          need(ctx, Role.Permission.VERIFY_AUDIT);
          var v = store.database().read(c -> store.audit().verify(c));
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("ok", v.ok());
          m.put("entries", v.entries());
          if (v.ok()) {
            m.put("head", v.head().hex());
            m.put("root", v.root().hex());
          } else {
            m.put("firstBadEntry", v.firstBadEntry());
            m.put("reason", v.reason().orElse(""));
          }
          reply(ctx, m);
        });
    a.get(
        "/api/audit/checkpoint",
        ctx -> {
          need(ctx, Role.Permission.VERIFY_AUDIT);
          if (app.checkpoints().latest().isEmpty()) {
            app.checkpoints().sign();
          }
          reply(ctx, app.checkpoints().latestJson());
        });
    a.post(
        "/api/shopper-tokens",
        ctx -> {
          ApiPrincipal p = need(ctx, Role.Permission.ISSUE_TOKENS);
          String shopper = JsonBody.of(ctx).text("shopper");
          long now = System.currentTimeMillis();
          ApiTokens.Issued t = tokens.issueShopperToken(p.name(), shopper, origin(ctx), now);
          store
              .database()
              .tx(
                  c ->
                      store
                          .audit()
                          .append(c, p.name(), "token.issued", t.actor(), "role=shopper", now));
          reply(ctx.status(201), Map.of("shopper", shopper, "token", t.token()));
        });
    exitGateRoutes(a);
    // ---- walk-out receipts held for review: staff decide, then the money is captured
    a.get(
        "/api/reviews",
        ctx -> {
          need(ctx, Role.Permission.READ_PAYMENTS);
          reply(ctx, store.reviews().pending());
        });
    a.get(
        "/api/reviews/{id}",
        ctx -> {
          need(ctx, Role.Permission.READ_PAYMENTS);
          reply(ctx, store.reviews().get(ctx.pathParam("id")));
        });
    a.post(
        "/api/reviews/{id}",
        ctx -> {
          ApiPrincipal p = need(ctx, Role.Permission.REVIEW_RECEIPTS);
          JsonNode b = JsonBody.of(ctx).tree();
          var request = ReviewBody.parse(b);
          var o =
              store.reviews().decide(ctx.pathParam("id"), request, p.name(), ReviewBody.note(b));
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("session", o.sessionId());
          m.put("decision", o.decision().id());
          m.put("totalMinor", o.totalMinor());
          m.put("receipt", o.receiptId().orElse(null));
          m.put("settled", o.settled());
          m.put("outcome", o.outcome());
          // 202: decided and durable, the capture is still in flight (housekeeping finishes it)
          reply(ctx.status(o.settled() ? 200 : 202), m);
        });

    a.sse(
        "/api/events",
        client -> {
          client.keepAlive();
          EventReader reader =
              new EventReader(client, PersonalDataFilter.seesPersonalData(principal(client.ctx())));
          clients.add(reader);
          client.onClose(() -> clients.remove(reader));
          client.sendEvent("hello", Map.of("store", app.config().storeId()));
        });

    a.exception(Unauthorized.class, (e, ctx) -> problem(ctx, 401, "Unauthorized", e.getMessage()));
    a.exception(BodyProblem.class, (e, ctx) -> problem(ctx, e.status(), e.title(), e.getMessage()));
    a.exception(
        TooManyRequests.class,
        (e, ctx) -> {
          ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
          problem(ctx, 429, "Too Many Requests", e.getMessage());
        });
    a.exception(Forbidden.class, (e, ctx) -> problem(ctx, 403, "Forbidden", e.getMessage()));
    a.exception(
        NotAcceptable.class, (e, ctx) -> problem(ctx, 406, "Not Acceptable", e.getMessage()));
    a.exception(
        io.ambientretail.privacy.PrivacyException.class,
        (e, ctx) -> {
          boolean denied = e.code().equals(io.ambientretail.privacy.PrivacyException.ACCESS_DENIED);
          problem(
              ctx,
              denied ? 403 : 400,
              denied ? "Forbidden" : "Bad Request",
              "[" + e.code() + "] " + e.getMessage());
        });
    a.exception(
        StoreEngine.RefundRefusedException.class,
        (e, ctx) ->
            problem(
                ctx,
                409,
                "Conflict",
                "[" + e.code() + "] " + e.getMessage(),
                Map.of(
                    "code",
                    e.code().value(),
                    "requestedMinor",
                    e.requestedMinor(),
                    "remainingMinor",
                    e.remainingMinor())));
    a.exception(
        AmbientException.class,
        (e, ctx) -> {
          int status =
              e.code().equals(StoreEngine.NOT_FOUND)
                  ? 404
                  : e.code().equals(StoreEngine.CONFLICT)
                      ? 409
                      : e.code().equals(JsonBody.MEDIA_TYPE) ? 415 : 400;
          problem(
              ctx,
              status,
              switch (status) {
                case 404 -> "Not Found";
                case 409 -> "Conflict";
                case 415 -> "Unsupported Media Type";
                default -> "Bad Request";
              },
              "[" + e.code() + "] " + e.getMessage(),
              Map.of("code", e.code().value()));
        });
    a.exception(
        IllegalArgumentException.class,
        (e, ctx) -> problem(ctx, 400, "Bad Request", e.getMessage()));
    a.exception(
        Exception.class,
        (e, ctx) ->
            problem(
                ctx,
                500,
                "Internal Server Error",
                "the store could not answer (" + e.getClass().getSimpleName() + ")"));
    a.error(
        404,
        ctx -> {
          if (ctx.attribute(PROBLEM_WRITTEN) != null) {
            return; // a specific 404 (an unknown receipt, session, lane) keeps its detail
          }
          List<String> allowed = allowedMethods(ctx.path());
          if (!allowed.isEmpty()) {
            ctx.header("Allow", String.join(", ", allowed));
            problem(
                ctx,
                405,
                "Method Not Allowed",
                ctx.method().name()
                    + " is not supported on "
                    + shown(ctx.path())
                    + " (allowed: "
                    + String.join(", ", allowed)
                    + ")");
          } else {
            problem(ctx, 404, "Not Found", "no resource at " + shown(ctx.path()));
          }
        });
    a.error(
        413,
        ctx ->
            problem(
                ctx, 413, "Content Too Large", "request body larger than " + MAX_BODY + " bytes"));
  }

  /**
   * The remote override for an exit gate that did not open after a settled walk-out exit; there is
   * deliberately no route that opens the entry door or any other lock.
   */
  private void exitGateRoutes(Javalin a) {
    a.post(
        "/api/sessions/{id}/exit-gate",
        ctx -> {
          ApiPrincipal p = need(ctx, Role.Permission.OPERATE_EXIT_GATE);
          StoreEngine.ExitGateOverride o = store.reopenExitGate(ctx.pathParam("id"), p.name());
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("session", o.sessionId());
          m.put("gate", o.deviceId());
          m.put("result", o.opened() ? "opened" : "not_answering");
          m.put("opened", o.opened());
          if (!o.opened()) {
            m.put("reason", o.reason());
          }
          reply(ctx, m);
        });
  }

  // ---------------------------------------------------------------- auth

  private void authenticate(Context ctx) {
    store.audit().enterOrigin(origin(ctx));
    String h = ctx.header("Authorization");
    String token;
    if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = h.substring(7).strip();
    } else if (ctx.path().equals("/api/events")) {
      // EventSource cannot send headers
      token = ctx.queryParam("access_token");
    } else {
      token = null;
    }
    // PCI DSS 10.2.1.4: invalid logical access attempts are audited too, as summaries
    ctx.attribute(PRINCIPAL, gate.admit(token, origin(ctx), ctx.path()));
  }

  /** Where a request came from, for the audit trail. */
  private static String origin(Context ctx) {
    return "api " + ctx.ip();
  }

  /** Asks sdk-privacy's access controller, which audits the answer either way. */
  private boolean can(Context ctx, ApiPrincipal p, io.ambientretail.privacy.Permission perm) {
    String path = ctx.path();
    return app.access()
        .check(p.name(), perm, path.length() > 500 ? path.substring(0, 500) : path, origin(ctx));
  }

  private static ApiPrincipal principal(Context ctx) {
    ApiPrincipal p = ctx.attribute(PRINCIPAL);
    if (p == null) {
      throw new Unauthorized("an API token is required");
    }
    return p;
  }

  private ApiPrincipal need(Context ctx, io.ambientretail.privacy.Permission perm) {
    ApiPrincipal p = principal(ctx);
    if (!can(ctx, p, perm)) {
      throw forbidden(p, perm);
    }
    return p;
  }

  private static Forbidden forbidden(ApiPrincipal p, io.ambientretail.privacy.Permission perm) {
    return new Forbidden(
        "role "
            + p.role().name().toLowerCase(java.util.Locale.ROOT)
            + " lacks permission "
            + perm.name());
  }

  private ReceiptBook.Receipt ownReceipt(Context ctx) {
    ApiPrincipal p = principal(ctx);
    String id = ctx.pathParam("id");
    ReceiptBook.Receipt r =
        store
            .database()
            .read(c -> store.receipts().get(c, id))
            .orElseThrow(() -> new AmbientException(StoreEngine.NOT_FOUND, "no receipt " + id));
    if (can(ctx, p, Role.Permission.READ_RECEIPTS)) {
      return r;
    }
    boolean own = can(ctx, p, Role.Permission.READ_OWN_RECEIPTS);
    if (own && r.shopperRef().equals(p.shopperRef())) {
      return r;
    }
    // a shopper must not learn whether someone else's receipt exists
    throw own
        ? new AmbientException(StoreEngine.NOT_FOUND, "no receipt " + id)
        : forbidden(p, Role.Permission.READ_RECEIPTS);
  }

  private void auditRead(Context ctx, String kind, String id) {
    ApiPrincipal p = principal(ctx);
    long now = System.currentTimeMillis();
    store.database().tx(c -> store.audit().append(c, p.name(), kind + ".read", id, "api", now));
  }

  // ---------------------------------------------------------------- views

  private Map<String, Object> sessionJson(SessionBook.Session s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("session", s.sessionId());
    m.put("kind", s.kind());
    m.put("shopper", s.shopperRef());
    m.put("card", s.cardLabel());
    m.put("state", s.state().name());
    m.put("openedMs", s.openedMs());
    m.put("closedMs", s.closedMs());
    m.put("closeReason", s.closeReason());
    m.put("review", s.review());
    return m;
  }

  private List<Map<String, Object>> carts() {
    List<SessionBook.Session> open =
        store
            .database()
            .read(
                c ->
                    store
                        .sessions()
                        .inStates(c, SessionBook.State.OPEN, SessionBook.State.CHECKOUT));
    Map<String, String> where = store.whereabouts();
    List<Map<String, Object>> out = new ArrayList<>();
    for (SessionBook.Session s : open) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("session", s.sessionId());
      m.put("kind", s.kind());
      m.put("at", where.getOrDefault(s.sessionId(), s.kind().equals("kiosk") ? "kiosk" : "entry"));
      List<SessionBook.CartLine> cart =
          store.database().read(c -> store.sessions().cart(c, s.sessionId()));
      m.put("items", cart.stream().mapToInt(SessionBook.CartLine::qty).sum());
      m.put("totalMinor", SessionBook.totalMinor(cart));
      m.put("lines", cart);
      m.put("review", s.review());
      out.add(m);
    }
    return out;
  }

  private Map<String, Object> plan() {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, StockBook.LaneStock> stock = new LinkedHashMap<>();
    store.database().read(c -> store.stock().lanes(c)).forEach(l -> stock.put(l.laneId(), l));
    List<Map<String, Object>> shelves = new ArrayList<>();
    for (StoreConfig.Shelf s : app.config().shelves()) {
      Map<String, Object> sh = new LinkedHashMap<>();
      sh.put("id", s.id());
      List<Map<String, Object>> lanes = new ArrayList<>();
      for (StoreConfig.Lane l : s.lanes()) {
        Map<String, Object> lm = new LinkedHashMap<>();
        StockBook.LaneStock st = stock.get(l.id());
        lm.put("id", l.id());
        lm.put("name", l.name());
        lm.put("onHand", st == null ? 0 : st.onHand());
        lm.put("onShelf", store.shelves().units(l.id()));
        lm.put("capacity", l.capacity());
        lm.put("min", app.config().replenishment().min());
        lanes.add(lm);
      }
      sh.put("lanes", lanes);
      shelves.add(sh);
    }
    m.put("kind", app.config().kind().id());
    m.put("shelves", shelves);
    m.put("carts", carts());
    m.put("peopleInStore", store.peopleInStore());
    return m;
  }

  // ---------------------------------------------------------------- helpers

  /** A live-event client and whether its token may see personal data. */
  private record EventReader(SseClient client, boolean seesPersonalData) {}

  /** Answers {@code payload} as JSON, cut to what the request's principal may see. */
  private void reply(Context ctx, Object payload) {
    ctx.json(personalData.view(principal(ctx), payload));
  }

  private void broadcast(String type, Map<String, Object> data) {
    String full;
    String withheld = null;
    try {
      full = json.writeValueAsString(data);
    } catch (IOException e) {
      return;
    }
    for (EventReader r : clients) {
      try {
        if (r.seesPersonalData()) {
          r.client().sendEvent(type, full);
        } else {
          if (withheld == null) {
            withheld = json.writeValueAsString(personalData.withheld(data));
          }
          r.client().sendEvent(type, withheld);
        }
      } catch (IOException | RuntimeException e) {
        clients.remove(r);
      }
    }
  }

  private static int limit(Context ctx) {
    String l = ctx.queryParam("limit");
    if (l == null) {
      return 100;
    }
    try {
      int v = Integer.parseInt(l);
      if (v < 1 || v > 1000) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit: expected 1 to 1000, was '" + l + "'");
    }
  }

  private static SessionBook.State[] sessionState(String s) {
    try {
      return new SessionBook.State[] {
        SessionBook.State.valueOf(s.toUpperCase(java.util.Locale.ROOT))
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("state: unknown session state '" + s + "'");
    }
  }

  private static void problem(Context ctx, int status, String title, String detail) {
    problem(ctx, status, title, detail, Map.of());
  }

  private static void problem(
      Context ctx, int status, String title, String detail, Map<String, Object> extensions) {
    ctx.attribute(PROBLEM_WRITTEN, Boolean.TRUE);
    ctx.status(status);
    try {
      ctx.contentType("application/problem+json")
          .result(
              new ObjectMapper()
                  .writeValueAsString(Problem.of(status, title, detail, ctx.path(), extensions)));
    } catch (IOException e) {
      ctx.result(title);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = StoreServer.class.getResourceAsStream(name)) {
      return in == null ? "{}".getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The methods with a route at {@code path}, for 405 and its {@code Allow} header. */
  private List<String> allowedMethods(String path) {
    var router = javalin.unsafeConfig().pvt.internalRouter;
    List<String> out = new ArrayList<>();
    for (io.javalin.http.HandlerType t : METHODS) {
      if (router.findHttpHandlerEntries(t, path).findAny().isPresent()) {
        out.add(t.name());
      }
    }
    return out;
  }

  private static String shown(String path) {
    return path.length() > 200 ? path.substring(0, 200) + "..." : path;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void close() {
    for (EventReader c : clients) {
      try {
        c.client().close();
      } catch (RuntimeException ignored) {
        // closing anyway
      }
    }
    javalin.stop();
    auditFlush.shutdownNow();
    gate.close();
  }

  /** 401. */
  static final class Unauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unauthorized(String m) {
      super(m);
    }
  }

  /** 406. */
  static final class NotAcceptable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotAcceptable(String m) {
      super(m);
    }
  }

  /** 403. */
  static final class Forbidden extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Forbidden(String m) {
      super(m);
    }
  }
}
