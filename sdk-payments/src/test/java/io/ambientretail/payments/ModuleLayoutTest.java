package io.ambientretail.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

class ModuleLayoutTest {
  @Test
  void apiPackage_isNullMarked() throws Exception {
    Class<?> info = Class.forName("io.ambientretail.payments.package-info");
    assertThat(info.getPackage().isAnnotationPresent(NullMarked.class)).isTrue();
  }
}
