package io.ambientretail.payments.terminal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A nexo login: the sale system introduces itself to the terminal before a session of payments.
 *
 * @param certificationCode null when the sale software has none
 * @param terminalEnvironment e.g. {@code "Attended"} or {@code "Unattended"}, null when not stated
 * @param operatorId null when no operator is logged in
 * @param poiSerialNumber null when any terminal will do
 */
public record LoginRequest(
    Instant dateTime,
    String manufacturerId,
    String applicationName,
    String softwareVersion,
    @Nullable String certificationCode,
    List<String> saleCapabilities,
    @Nullable String terminalEnvironment,
    boolean trainingMode,
    @Nullable String operatorId,
    @Nullable String poiSerialNumber)
    implements NexoRequest {
  /** Checks the required fields and copies the list. */
  public LoginRequest {
    Objects.requireNonNull(dateTime, "dateTime");
    Objects.requireNonNull(manufacturerId, "manufacturerId");
    Objects.requireNonNull(applicationName, "applicationName");
    Objects.requireNonNull(softwareVersion, "softwareVersion");
    saleCapabilities = List.copyOf(saleCapabilities);
  }

  @Override
  public MessageCategory category() {
    return MessageCategory.Login;
  }
}
