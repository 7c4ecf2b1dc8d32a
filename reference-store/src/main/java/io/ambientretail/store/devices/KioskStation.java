package io.ambientretail.store.devices;

import io.ambientretail.core.Weight;
import io.ambientretail.devices.Device;
import io.ambientretail.devices.ScanEvent;
import io.ambientretail.devices.WeightEvent;
import io.ambientretail.devices.scale.MtSicsSimulator;
import io.ambientretail.devices.scanner.ScannerSimulator;
import io.ambientretail.store.engine.StoreEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The micromarket's self-checkout kiosk on its devices: a kiosk scan travels as the scanner's wire
 * protocol (AIM identifier + data) from the {@link ScannerSimulator} to sdk-devices' {@code
 * BarcodeScanner}, a weighed item's weight as MT-SICS from the {@link MtSicsSimulator} to {@code
 * MtSicsScale}, and the {@link ScanEvent} reaches {@link StoreEngine#scan} with the scale's stable
 * weight, for the session at the kiosk.
 *
 * <p>One shopper uses the kiosk at a time (scans are serialised). When the devices do not deliver
 * within 3 s the scan goes to the engine directly, so a simulated outage loses no sale.
 * Thread-safe.
 */
public final class KioskStation {
  private static final ThreadLocal<Boolean> DELIVERING = new ThreadLocal<>();

  private final StoreEngine engine;
  private final ScannerSimulator scanner;
  private final @Nullable MtSicsSimulator scale;
  private final Object kiosk = new Object();
  private volatile @Nullable Pending active;
  private volatile long stableMg = -1;

  private static final class Pending {
    final String session;
    final boolean weighed;
    final CountDownLatch done = new CountDownLatch(1);
    final java.util.concurrent.atomic.AtomicBoolean taken =
        new java.util.concurrent.atomic.AtomicBoolean();
    volatile @Nullable Map<String, Object> result;
    volatile @Nullable RuntimeException error;

    Pending(String session, boolean weighed) {
      this.session = session;
      this.weighed = weighed;
    }
  }

  private KioskStation(
      StoreEngine engine, ScannerSimulator scanner, @Nullable MtSicsSimulator scale) {
    this.engine = engine;
    this.scanner = scanner;
    this.scale = scale;
  }

  /**
   * The kiosk of {@code devices} serving {@code engine}, or null when no simulated scanner is
   * configured.
   */
  public static @Nullable KioskStation attach(StoreEngine engine, StoreDevices devices) {
    ScannerSimulator sim = devices.scanner();
    if (sim == null) {
      return null;
    }
    KioskStation k = new KioskStation(engine, sim, devices.scale());
    for (Device d : devices.registry().devices()) {
      d.addListener(
          e -> {
            if (e instanceof ScanEvent s) {
              k.scanned(s);
            } else if (e instanceof WeightEvent w && w.stable()) {
              k.stableMg = w.weight().milligrams();
            }
          });
    }
    return k;
  }

  /** True on the thread delivering a device scan to the engine. */
  public static boolean delivering() {
    return Boolean.TRUE.equals(DELIVERING.get());
  }

  /**
   * Scans {@code code} at the kiosk for {@code session}, with {@code scaleGrams} on the scale (or
   * null), and returns the engine's cart line.
   */
  public Map<String, Object> scan(String session, String code, @Nullable Long scaleGrams) {
    synchronized (kiosk) {
      boolean weighed = scaleGrams != null && scale != null;
      if (weighed) {
        scale.setWeight(Weight.ofGrams(scaleGrams), true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (stableMg != scaleGrams * 1000 && System.nanoTime() < deadline) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
      }
      Pending p = new Pending(session, weighed);
      active = p;
      try {
        scanner.send(aim(code));
        if (!p.done.await(3, TimeUnit.SECONDS)) {
          active = null;
          if (p.taken.compareAndSet(false, true)) {
            return engine.scan(session, code, scaleGrams);
          }
          p.done.await(); // the device's scan is being booked right now
        }
      } catch (IOException e) {
        active = null;
        if (p.taken.compareAndSet(false, true)) {
          return engine.scan(session, code, scaleGrams);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(new java.io.InterruptedIOException("kiosk scan"));
      } finally {
        active = null;
        if (weighed) {
          scale.setWeight(Weight.ZERO, true);
        }
      }
      RuntimeException err = p.error;
      if (err != null) {
        throw err;
      }
      return p.result;
    }
  }

  private void scanned(ScanEvent e) {
    Pending p = active;
    if (p == null || !p.taken.compareAndSet(false, true)) {
      return; // nobody at the kiosk: a stray scan sells nothing
    }
    long mg = stableMg;
    DELIVERING.set(Boolean.TRUE);
    try {
      p.result = engine.scan(p.session, e.data(), p.weighed && mg >= 0 ? mg / 1000 : null);
    } catch (RuntimeException x) {
      p.error = x;
    } finally {
      DELIVERING.remove();
      p.done.countDown();
    }
  }

  /** The scanner line for a kiosk code: EAN-13/EAN-8 symbols or GS1-128 element strings. */
  static String aim(String code) {
    if (code.chars().allMatch(Character::isDigit)) {
      switch (code.length()) {
        case 8:
          return "]E4" + code;
        case 12:
          return "]E00" + code;
        case 13:
          return "]E0" + code;
        case 14:
          return "]C101" + code;
        default:
          break;
      }
    }
    return "]C1" + code;
  }
}
