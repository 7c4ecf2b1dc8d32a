package io.ambientretail.devices.internal;

import java.io.IOException;
import java.time.Duration;

/** What a device runs while claimed: a serial link pump or a PC/SC reader watcher. */
public interface Attachment {
  /** Starts; waits at most {@code timeout} for the first connection, then throws. */
  void start(Duration timeout) throws IOException;

  /** Stops and waits for its thread to end. */
  void stop();
}
