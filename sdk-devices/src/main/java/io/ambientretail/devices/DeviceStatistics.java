package io.ambientretail.devices;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a device has done since it was built, in the manner of UnifiedPOS statistics: frames read,
 * errors, reconnects, events its listeners threw on or the bounded event queue dropped, and the
 * last error. Counters only grow; a snapshot is immutable.
 *
 * @param reads frames (serial devices) or card presence changes (card readers) received
 * @param errors error events reported (bad frames, device faults, lost links, listener failures)
 * @param reconnects times the link came back after a loss
 * @param listenerFailures times a listener threw while handling an event (delivery went on)
 * @param dropped events dropped because the delivery queue was full (see {@link DeviceOptions})
 * @param lastError the message of the last error, or null when there was none
 * @param lastErrorAt when the last error happened, or null
 * @param lastHeard when the device last sent anything, or null when it never did
 */
public record DeviceStatistics(
    long reads,
    long errors,
    long reconnects,
    long listenerFailures,
    long dropped,
    @Nullable String lastError,
    @Nullable Instant lastErrorAt,
    @Nullable Instant lastHeard) {
  /** The statistics of a device that counts nothing. */
  public static final DeviceStatistics NONE = new DeviceStatistics(0, 0, 0, 0, 0, null, null, null);
}
