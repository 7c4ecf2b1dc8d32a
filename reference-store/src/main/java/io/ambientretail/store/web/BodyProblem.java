package io.ambientretail.store.web;

/**
 * A request body the store will not read, answered as problem details with its status: 400 (the
 * body ended before its {@code Content-Length}, or the length is not a number), 408 (the client
 * stopped sending it), 413 (longer than allowed) or 503 (too many bodies being read at once, with
 * {@code Retry-After}).
 */
final class BodyProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  BodyProblem(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  /** The HTTP status. */
  int status() {
    return status;
  }

  /** The problem's title, such as {@code Request Timeout}. */
  String title() {
    return title;
  }
}
