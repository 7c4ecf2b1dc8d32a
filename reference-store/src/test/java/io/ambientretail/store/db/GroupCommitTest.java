package io.ambientretail.store.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.store.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transactions grouped into shared commits stay isolated from each other's failures. */
class GroupCommitTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void concurrentTransactions_failingOnesRollBackAlone_othersAllCommitted(String kind)
      throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind, tmp))) {
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      Set<String> failed = ConcurrentHashMap.newKeySet();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        threads.add(
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < 40; i++) {
                    String key = "gc-" + thread + "-" + i;
                    boolean fail = (thread * 40 + i) % 7 == 0;
                    try {
                      db.tx(
                          c -> {
                            try (var p =
                                c.prepareStatement(
                                    "INSERT INTO store_meta (meta_key, meta_value) VALUES (?, ?)")) {
                              p.setString(1, key);
                              p.setString(2, "v");
                              p.executeUpdate();
                            }
                            if (fail) {
                              throw new IllegalStateException(
                                  "work " + key + " fails after its insert");
                            }
                            return null;
                          });
                      acknowledged.add(key);
                    } catch (IllegalStateException e) {
                      assertThat(e).hasMessageContaining(key);
                      failed.add(key);
                    }
                  }
                }));
      }
      threads.forEach(Thread::start);
      go.countDown();
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(t.isAlive()).isFalse();
      }
      Set<String> stored =
          db.read(
              c -> {
                Set<String> out = ConcurrentHashMap.newKeySet();
                try (var q =
                        c.prepareStatement(
                            "SELECT meta_key FROM store_meta WHERE meta_key LIKE 'gc-%'");
                    var r = q.executeQuery()) {
                  while (r.next()) {
                    out.add(r.getString(1));
                  }
                }
                return out;
              });
      assertThat(failed).hasSize(46);
      assertThat(acknowledged).hasSize(320 - 46);
      assertThat(stored).isEqualTo(acknowledged);
    }
  }
}
