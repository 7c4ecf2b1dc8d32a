package io.ambientretail.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
  private final Pseudonymizer p = Pseudonymizer.create(new SecureRandom());

  @Test
  void pseudonym_stablePerScope_unlinkableAcrossScopes() {
    p.rotate(Purpose.LOYALTY, "S001");
    p.rotate(Purpose.LOYALTY, "S002");
    p.rotate(Purpose.ANALYTICS, "S001");
    String a = p.pseudonym(Purpose.LOYALTY, "S001", "+49 30 1234567");
    assertThat(p.pseudonym(Purpose.LOYALTY, "S001", "+49 30 1234567")).isEqualTo(a);
    assertThat(a).matches("v1\\.[A-Za-z0-9_-]{22}").doesNotContain("1234567");
    assertThat(p.pseudonym(Purpose.LOYALTY, "S002", "+49 30 1234567")).isNotEqualTo(a);
    assertThat(p.pseudonym(Purpose.ANALYTICS, "S001", "+49 30 1234567")).isNotEqualTo(a);
    assertThat(p.pseudonym(Purpose.LOYALTY, "S001", "+49 30 1234568")).isNotEqualTo(a);
  }

  @Test
  void pseudonym_differentKeys_differentPseudonyms() {
    Pseudonymizer other = Pseudonymizer.create(new SecureRandom());
    p.rotate(Purpose.LOYALTY, "S001");
    other.rotate(Purpose.LOYALTY, "S001");
    assertThat(p.pseudonym(Purpose.LOYALTY, "S001", "x"))
        .isNotEqualTo(other.pseudonym(Purpose.LOYALTY, "S001", "x"));
  }

  @Test
  void rotation_oldPseudonymsMatchUntilRetired() {
    p.rotate(Purpose.LOYALTY, "S001");
    String v1 = p.pseudonym(Purpose.LOYALTY, "S001", "card-fp-77");
    assertThat(p.rotate(Purpose.LOYALTY, "S001")).isEqualTo(2);
    String v2 = p.pseudonym(Purpose.LOYALTY, "S001", "card-fp-77");
    assertThat(v2).startsWith("v2.").isNotEqualTo(v1);
    assertThat(p.matches(Purpose.LOYALTY, "S001", "card-fp-77", v1)).isTrue();
    assertThat(p.matches(Purpose.LOYALTY, "S001", "card-fp-78", v1)).isFalse();
    p.retire(Purpose.LOYALTY, "S001", 1);
    assertThat(p.matches(Purpose.LOYALTY, "S001", "card-fp-77", v1)).isFalse();
    assertThat(p.matches(Purpose.LOYALTY, "S001", "card-fp-77", v2)).isTrue();
  }

  @Test
  void wrongOrMissingKeyVersion_isRefusedClearly() {
    assertThatThrownBy(() -> p.pseudonym(Purpose.LOYALTY, "S001", "x"))
        .isInstanceOf(PrivacyException.class)
        .hasMessageContaining("rotate first");
    p.rotate(Purpose.LOYALTY, "S001");
    assertThatThrownBy(() -> p.retire(Purpose.LOYALTY, "S001", 1)).hasMessageContaining("current");
    assertThatThrownBy(() -> p.retire(Purpose.LOYALTY, "S001", 9)).hasMessageContaining("9");
    assertThat(p.matches(Purpose.LOYALTY, "S001", "x", "v9.AAAAAAAAAAAAAAAAAAAAAA")).isFalse();
    assertThat(p.matches(Purpose.LOYALTY, "S001", "x", "garbage")).isFalse();
    assertThat(p.matches(Purpose.LOYALTY, "S001", "x", "v.")).isFalse();
  }
}
