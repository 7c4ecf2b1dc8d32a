package io.ambientretail.privacy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds personal data that is not declared: fields whose type is {@link SubjectId} or whose name
 * suggests a person (email, phone, full name, address, birth, card, pan, face, track, location, ip,
 * device, loyalty, subject, shopper, customer) but that carry neither {@link PersonalData} nor
 * {@link NotPersonalData}. Also checks that every declaration names a known category and purpose.
 *
 * <p>Use it in each module's tests over its record types so undeclared personal data fails the
 * build. Stateless and thread-safe.
 */
public final class Classification {
  private static final Pattern PERSONAL_NAME =
      Pattern.compile(
          ".*(email|e_mail|phone|mobile|firstname|lastname|fullname|surname|address|birth|"
              + "dob|card|pan$|^pan|face|biometric|track|location|position|^ip$|ipaddress|device|"
              + "loyalty|subject|shopper|customer|member|person|passport|licen[cs]e|plate).*");

  private Classification() {}

  /**
   * Returns one line per undeclared or wrongly declared field of {@code types} ({@code "Type.field:
   * reason"}); empty when every personal field is declared.
   */
  public static List<String> undeclared(
      Iterable<Class<?>> types, Set<DataCategory> knownCategories, Set<Purpose> knownPurposes) {
    List<String> problems = new ArrayList<>();
    for (Class<?> type : types) {
      for (Field f : type.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
          continue;
        }
        String where =
            type.getName().substring(type.getName().lastIndexOf('.') + 1) + "." + f.getName();
        PersonalData pd = f.getAnnotation(PersonalData.class);
        if (pd == null && type.isRecord()) {
          pd = recordComponentAnnotation(type, f.getName());
        }
        if (pd != null) {
          checkDeclaration(where, pd, knownCategories, knownPurposes, problems);
          continue;
        }
        if (f.isAnnotationPresent(NotPersonalData.class)) {
          continue;
        }
        if (looksPersonal(f)) {
          problems.add(where + ": looks personal but has no @PersonalData or @NotPersonalData");
        }
      }
    }
    return problems;
  }

  /** The SDK's own categories. */
  public static Set<DataCategory> standardCategories() {
    return Set.of(
        DataCategory.CONTACT,
        DataCategory.IDENTITY,
        DataCategory.FINANCIAL_TOKEN,
        DataCategory.DEVICE_ID,
        DataCategory.LOCATION_TRACK,
        DataCategory.BIOMETRIC_TEMPLATE,
        DataCategory.PURCHASE_HISTORY,
        DataCategory.PSEUDONYM);
  }

  /** The SDK's own purposes. */
  public static Set<Purpose> standardPurposes() {
    return Set.of(
        Purpose.ORDER_FULFILMENT,
        Purpose.LOYALTY,
        Purpose.MARKETING,
        Purpose.ANALYTICS,
        Purpose.PERSONALISATION,
        Purpose.FRAUD_PREVENTION,
        Purpose.SECURITY,
        Purpose.LEGAL_OBLIGATION);
  }

  private static PersonalData recordComponentAnnotation(Class<?> type, String name) {
    for (var c : type.getRecordComponents()) {
      if (c.getName().equals(name)) {
        return c.getAnnotation(PersonalData.class);
      }
    }
    return null;
  }

  private static boolean looksPersonal(Field f) {
    if (f.getType() == SubjectId.class) {
      return true;
    }
    String n = f.getName().toLowerCase(Locale.ROOT);
    return PERSONAL_NAME.matcher(n).matches();
  }

  private static void checkDeclaration(
      String where,
      PersonalData pd,
      Set<DataCategory> categories,
      Set<Purpose> purposes,
      List<String> problems) {
    try {
      if (!categories.contains(DataCategory.of(pd.category()))) {
        problems.add(where + ": unknown category '" + pd.category() + "'");
      }
      if (pd.purposes().length == 0) {
        problems.add(where + ": declares no purpose");
      }
      for (String p : pd.purposes()) {
        if (!purposes.contains(Purpose.of(p))) {
          problems.add(where + ": unknown purpose '" + p + "'");
        }
      }
    } catch (PrivacyException e) {
      problems.add(where + ": " + e.getMessage());
    }
  }
}
