package io.ambientretail.store.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit on the store's one connection: transactions that arrive while another commits are
 * run together, each inside its own savepoint, and made durable by one commit, so many callers
 * share one fsync. Each caller still returns only after the commit that holds its work, and a
 * failing work is rolled back to its savepoint without touching the others' (or, when the commit
 * itself fails, every work of the group fails).
 *
 * <p>Callers queue their work and take the lock; whoever holds it runs everything queued so far and
 * commits; a caller whose work was committed by someone else returns at once. A {@link
 * Database.Work} that calls the database again from inside runs in the same transaction.
 * Thread-safe.
 */
final class GroupCommit {
  private static final class Pending<T> {
    final Database.Work<T> work;
    T result;
    Throwable error;
    boolean done;

    Pending(Database.Work<T> work) {
      this.work = work;
    }
  }

  private final Connection connection;
  private final ReentrantLock lock;
  private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();

  GroupCommit(Connection connection, ReentrantLock lock) {
    this.connection = connection;
    this.lock = lock;
  }

  /** Runs {@code work} in a transaction committed before this returns; rolls back on failure. */
  <T> T run(Database.Work<T> work) {
    if (lock.isHeldByCurrentThread()) {
      try {
        return work.run(connection);
      } catch (SQLException e) {
        throw new StoreDataException("database: " + e.getMessage(), e);
      }
    }
    Pending<T> p = new Pending<>(work);
    queue.add(p);
    lock.lock();
    try {
      if (!p.done) {
        runQueued();
      }
    } finally {
      lock.unlock();
    }
    if (p.error instanceof RuntimeException re) {
      throw re;
    }
    if (p.error instanceof Error err) {
      throw err;
    }
    if (p.error != null) {
      throw new StoreDataException("database: " + p.error.getMessage(), p.error);
    }
    return p.result;
  }

  private void runQueued() {
    List<Pending<?>> batch = new ArrayList<>();
    for (Pending<?> q; (q = queue.poll()) != null; ) {
      batch.add(q);
    }
    if (batch.size() == 1) {
      runAlone(batch.get(0));
      return;
    }
    for (Pending<?> q : batch) {
      runInSavepoint(q);
    }
    try {
      connection.commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      for (Pending<?> q : batch) {
        if (q.error == null) {
          q.error = e;
        }
      }
    }
    for (Pending<?> q : batch) {
      q.done = true;
    }
  }

  private <T> void runAlone(Pending<T> p) {
    try {
      p.result = p.work.run(connection);
      connection.commit();
    } catch (SQLException | RuntimeException | Error e) {
      rollbackQuietly(e);
      p.error = e;
    }
    p.done = true;
  }

  private <T> void runInSavepoint(Pending<T> p) {
    Savepoint sp;
    try {
      sp = connection.setSavepoint();
    } catch (SQLException e) {
      p.error = e;
      return;
    }
    try {
      p.result = p.work.run(connection);
      connection.releaseSavepoint(sp);
    } catch (SQLException | RuntimeException | Error e) {
      p.error = e;
      p.result = null;
      try {
        connection.rollback(sp);
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
    }
  }

  private void rollbackQuietly(Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }
}
