package io.ambientretail.store.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers as RFC 9457 problem details instead of HTML: a request Jetty refuses
 * before the store sees it (a malformed request line or header: 400; a URI too long: 414; headers
 * too large: 431) and any error page Jetty writes itself. The detail is Jetty's reason, which never
 * repeats the request's content.
 */
final class ProblemErrorHandler extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    fields.put("X-Content-Type-Options", "nosniff");
    fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    return ByteBuffer.wrap(body(status, reason, null));
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    int status = response.getStatus();
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    response.setContentType("application/problem+json");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-store");
    byte[] b = body(status, message == null ? null : message.toString(), request.getRequestURI());
    response.setContentLength(b.length);
    response.getOutputStream().write(b);
  }

  private static byte[] body(int status, String reason, String path) {
    String title = HttpStatus.getMessage(status);
    String detail = reason == null || reason.isBlank() ? title : reason;
    if (detail.length() > 200) {
      detail = detail.substring(0, 200);
    }
    try {
      return JSON.writeValueAsBytes(
          Problem.of(
              status,
              title,
              "the server refused the request: " + detail,
              path == null ? "" : path.length() > 200 ? path.substring(0, 200) : path));
    } catch (JsonProcessingException e) {
      return ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
    }
  }
}
