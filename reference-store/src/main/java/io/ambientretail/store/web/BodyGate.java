package io.ambientretail.store.web;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;

/**
 * Reads an API request's body before its handler runs, within limits, so that a slow or lying
 * client costs a bounded number of server threads for a bounded time.
 *
 * <ul>
 *   <li>A declared {@code Content-Length} over {@code maxBytes} is refused with 413 before a byte
 *       is read; one that is not a number with 400.
 *   <li>At most {@code maxReaders} bodies are read at once; a request beyond that is refused at
 *       once with 503 and {@code Retry-After: 1}, so stalled bodies cannot take every thread and
 *       {@code /health} keeps answering.
 *   <li>A body the client stops sending fails after the connection's idle timeout ({@code
 *       http.idleTimeoutMs}) with 408; one that ends before its {@code Content-Length} with 400.
 * </ul>
 *
 * <p>The body read here is kept by Javalin, so handlers read it again from memory. Thread-safe.
 */
final class BodyGate {
  private final long maxBytes;
  private final int maxReaders;
  private final long idleTimeoutMs;
  private final Semaphore readers;

  BodyGate(long maxBytes, int maxReaders, long idleTimeoutMs) {
    this.maxBytes = maxBytes;
    this.maxReaders = maxReaders;
    this.idleTimeoutMs = idleTimeoutMs;
    this.readers = new Semaphore(maxReaders);
  }

  /** A Javalin before-handler: reads the body of {@code ctx} or throws a {@link BodyProblem}. */
  void read(Context ctx) {
    String te = ctx.header("Transfer-Encoding");
    boolean chunked = te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    String cl = ctx.header("Content-Length");
    long length = -1;
    if (cl != null) {
      try {
        length = Long.parseLong(cl.strip());
      } catch (NumberFormatException e) {
        throw new BodyProblem(400, "Bad Request", "Content-Length: not a number");
      }
    }
    if (length > maxBytes) {
      throw new BodyProblem(
          413,
          "Content Too Large",
          "request body larger than " + maxBytes + " bytes (Content-Length " + length + ")");
    }
    if (length <= 0 && !chunked) {
      return;
    }
    if (!readers.tryAcquire()) {
      ctx.header("Retry-After", "1");
      throw new BodyProblem(
          503,
          "Service Unavailable",
          "the store is reading " + maxReaders + " request bodies already: try again shortly");
    }
    try {
      ctx.bodyAsBytes();
    } catch (Exception e) { // Javalin (Kotlin) passes Jetty's IOException on unchecked
      if (e instanceof io.javalin.http.HttpResponseException h && h.getStatus() == 413) {
        throw new BodyProblem(
            413, "Content Too Large", "request body larger than " + maxBytes + " bytes");
      }
      if (causedBy(e, TimeoutException.class)) {
        throw new BodyProblem(
            408, "Request Timeout", "request body: nothing received for " + idleTimeoutMs + " ms");
      }
      throw new BodyProblem(
          400,
          "Bad Request",
          "request body: ended before its Content-Length" + (length > 0 ? " of " + length : ""));
    } finally {
      readers.release();
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)
          || (t.getMessage() != null && t.getMessage().contains("Idle timeout"))) {
        return true;
      }
    }
    return false;
  }
}
