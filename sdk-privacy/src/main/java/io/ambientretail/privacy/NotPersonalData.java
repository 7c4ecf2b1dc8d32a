package io.ambientretail.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a field whose name or type looks personal is not personal data, with the reason
 * (for example a staff id in the audit log that is governed by employment records, or a device's
 * own serial number). {@link Classification#undeclared} accepts it as declared.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface NotPersonalData {
  /** Why this is not personal data; shown in reviews. */
  String value();
}
