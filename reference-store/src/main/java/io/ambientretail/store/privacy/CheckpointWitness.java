package io.ambientretail.store.privacy;

import io.ambientretail.privacy.audit.SignedCheckpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends the store's signed audit checkpoints to a witness: an HTTP(S) endpoint outside the store
 * (the chain's HQ, an auditor) that keeps the newest note it received. Each note is POSTed as
 * {@code text/plain; charset=utf-8}, the C2SP signed-note text that {@code ambient audit verify
 * --checkpoint NOTE} reads; any 2xx answer means the witness holds it. A witness holding the note
 * makes a cut-off of the entries it covers detectable even when the store's own copies of the
 * checkpoint were cut off too. Thread-safe.
 */
public final class CheckpointWitness {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final URI uri;
  private final HttpClient http;

  /** A witness at {@code uri}. */
  public CheckpointWitness(URI uri) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /**
   * Sends {@code note} and waits for the witness's answer (at most a few seconds).
   *
   * @throws IOException if the witness cannot be reached or does not answer 2xx
   */
  public void send(SignedCheckpoint note) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(note.text(), StandardCharsets.UTF_8))
            .build();
    HttpResponse<Void> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted sending the checkpoint to " + uri);
    }
    if (r.statusCode() / 100 != 2) {
      throw new IOException("witness " + uri + " answered HTTP " + r.statusCode());
    }
  }

  @Override
  public String toString() {
    return "CheckpointWitness[" + uri + "]";
  }
}
