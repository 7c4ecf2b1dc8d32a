package io.ambientretail.devices.scale;

import io.ambientretail.core.Weight;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One MT-SICS response line: the command it answers ({@code S}, {@code SI}, {@code Z}, {@code T},
 * {@code I2}, {@code I4}, ... or {@code ES}/{@code ET}/{@code EL} for errors), its status ({@code
 * S} stable, {@code D} dynamic, {@code A} done, {@code I} cannot execute now, {@code +} overload,
 * {@code -} underload, {@code B} more lines follow, or a space for the error lines), and either a
 * weight with unit or quoted text fields.
 *
 * @param command the command identifier, e.g. {@code "S"}
 * @param status the status character
 * @param weight the weight for weight responses, else null
 * @param unit the unit text for weight responses, else empty
 * @param texts the quoted fields of I-commands, else empty
 */
public record MtSicsResponse(
    String command, char status, @Nullable Weight weight, String unit, List<String> texts) {
  /** Copies the list and checks for nulls. */
  public MtSicsResponse {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(unit, "unit");
    texts = List.copyOf(texts);
  }

  /** True for ES, ET and EL: syntax error, transmission error, logical error. */
  public boolean isError() {
    return command.length() == 2
        && command.charAt(0) == 'E'
        && (command.charAt(1) == 'S' || command.charAt(1) == 'T' || command.charAt(1) == 'L');
  }
}
