package io.ambientretail.privacy;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit sink that keeps what it was given, for assertions. */
final class RecordingSink implements AuditSink {
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void record(AuditEvent event) {
    events.add(event);
  }

  AuditEvent last() {
    return events.get(events.size() - 1);
  }
}
