import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends a bounded number of API requests with bad (or no) tokens to a store on loopback and prints
 * the status counts and the rate. A single-file program: {@code java BadTokenFlood.java PORT
 * [REQUESTS] [THREADS] [MAX_SECONDS]}. Only 127.0.0.1 is ever addressed; it stops after REQUESTS
 * or MAX_SECONDS, whichever comes first.
 */
public final class BadTokenFlood {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long total = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    long maxSeconds = args.length > 3 ? Long.parseLong(args[3]) : 900;
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/status");
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    AtomicLong next = new AtomicLong();
    ConcurrentHashMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    LongAdder errors = new LongAdder();
    long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
    long t0 = System.nanoTime();
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      ts[t] =
          new Thread(
              () -> {
                long i;
                while ((i = next.getAndIncrement()) < total && System.nanoTime() < deadline) {
                  HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
                  if (i % 4 != 0) {
                    b.header("Authorization", "Bearer bad-token-" + i);
                  }
                  try {
                    int s = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    statuses.computeIfAbsent(s, k -> new LongAdder()).increment();
                  } catch (Exception e) {
                    errors.increment();
                  }
                }
              });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    long done = statuses.values().stream().mapToLong(LongAdder::sum).sum() + errors.sum();
    StringBuilder s = new StringBuilder();
    statuses.entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> s.append(' ').append(e.getKey()).append('=').append(e.getValue().sum()));
    System.out.printf(
        Locale.ROOT,
        "requests %d in %.1f s (%.0f req/s), statuses%s, errors %d%n",
        done,
        secs,
        done / secs,
        s,
        errors.sum());
  }
}
