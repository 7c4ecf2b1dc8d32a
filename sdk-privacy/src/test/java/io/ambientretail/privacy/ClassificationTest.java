package io.ambientretail.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClassificationTest {
  /** Every class compiled from this module's main sources. */
  private static List<Class<?>> moduleClasses()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path root =
        Path.of(PrivacyException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(p).toString().replace('/', '.').replace(".class", "");
        if (!name.endsWith("package-info")) {
          out.add(Class.forName(name, false, ClassificationTest.class.getClassLoader()));
        }
      }
    }
    return out;
  }

  @Test
  void everyPersonalFieldOfThisModule_isDeclared() throws Exception {
    List<Class<?>> classes = moduleClasses();
    assertThat(classes).hasSizeGreaterThan(30);
    assertThat(
            Classification.undeclared(
                classes, Classification.standardCategories(), Classification.standardPurposes()))
        .isEmpty();
  }

  record Undeclared(String email, SubjectId member, int quantity) {}

  record Declared(
      @PersonalData(
              category = "contact",
              purposes = {"marketing"})
          String email,
      @NotPersonalData("the store's own terminal") String deviceSerial,
      int quantity) {}

  record WronglyDeclared(
      @PersonalData(
              category = "shoe-size",
              purposes = {"gossip"})
          String email) {}

  @Test
  void undeclared_personalLookingFields_areReported() {
    assertThat(
            Classification.undeclared(
                List.of(Undeclared.class),
                Classification.standardCategories(),
                Classification.standardPurposes()))
        .containsExactlyInAnyOrder(
            "ClassificationTest$Undeclared.email: looks personal but has no @PersonalData or @NotPersonalData",
            "ClassificationTest$Undeclared.member: looks personal but has no @PersonalData or @NotPersonalData");
  }

  @Test
  void declaredFields_pass_andUnknownNamesAreReported() {
    assertThat(
            Classification.undeclared(
                List.of(Declared.class),
                Classification.standardCategories(),
                Classification.standardPurposes()))
        .isEmpty();
    assertThat(
            Classification.undeclared(
                List.of(WronglyDeclared.class),
                Classification.standardCategories(),
                Classification.standardPurposes()))
        .containsExactlyInAnyOrder(
            "ClassificationTest$WronglyDeclared.email: unknown category 'shoe-size'",
            "ClassificationTest$WronglyDeclared.email: unknown purpose 'gossip'");
  }
}
