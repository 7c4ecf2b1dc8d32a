package io.ambientretail.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a field (or record component) as personal data: its {@link DataCategory}, whose data it
 * is and the {@link Purpose}s it serves. Retention, access checks, data-subject requests and {@link
 * Classification#undeclared} read these declarations; a field that looks personal and carries
 * neither this nor {@link NotPersonalData} fails the classification test.
 *
 * <pre>{@code
 * record LoyaltyProfile(
 *     @PersonalData(category = "pseudonym", purposes = {"loyalty"}) SubjectId member,
 *     @PersonalData(category = "contact", purposes = {"loyalty", "marketing"}) String email) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface PersonalData {
  /** The {@link DataCategory} name, such as {@code contact} or {@code purchase-history}. */
  String category();

  /** Whose data it is: {@code shopper} (the default), {@code employee}, {@code visitor}. */
  String subject() default "shopper";

  /** The {@link Purpose} names the field serves; at least one. */
  String[] purposes();
}
