package io.ambientretail.devices;

import io.ambientretail.devices.transport.Connector;

/**
 * Builds devices of one driver name for a {@link DeviceRegistry}: the SDK's own drivers ({@code
 * mt-sics}, {@code nci}, {@code scanner}, {@code shelf}, {@code lock}, {@code pcsc}, {@code
 * modbus-temp}) are built this way, and an OEM plugs in its own by putting a jar on the class path
 * that lists its implementation in {@code META-INF/services/io.ambientretail.devices.DeviceDriver}
 * (found with {@link java.util.ServiceLoader}), or by passing it to {@link
 * DeviceRegistry.Builder#driver(DeviceDriver)}.
 *
 * <pre>{@code
 * public final class AcmeFridgeDriver implements DeviceDriver {
 *   public AcmeFridgeDriver() {}                  // ServiceLoader needs a public no-arg constructor
 *   public String name() { return "acme-fridge"; }
 *   public Device create(DeviceConfig config, Context context) {
 *     return AcmeFridge.builder(config.id(), context.connector())
 *         .options(context.options()).door(config.setting("door", "left")).build();
 *   }
 * }
 * }</pre>
 *
 * <p>Implementations must be thread-safe and cheap to construct; {@link #create} is called once per
 * configured device, from the thread that adds it.
 */
public interface DeviceDriver {
  /** What the registry gives a driver besides the configuration. */
  interface Context {
    /** The options every device of the registry shares, with this device's framing limits. */
    DeviceOptions options();

    /**
     * The connector for the configuration's {@code transport} and {@code port}: a serial port with
     * its settings, or an in-process line.
     *
     * @throws DeviceConfigException if the transport cannot be made
     */
    Connector connector();
  }

  /** The name configurations use in their {@code driver} field: lower case, digits and dashes. */
  String name();

  /**
   * Builds a closed device from {@code config}.
   *
   * @throws DeviceConfigException if the configuration does not suit this driver (the message names
   *     the field)
   */
  Device create(DeviceConfig config, Context context);
}
