package io.ambientretail.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.privacy.audit.AuditOutcome;
import org.junit.jupiter.api.Test;

class AccessControllerTest {
  private final RecordingSink audit = new RecordingSink();
  private final AccessController access = AccessController.create(RolePolicy.defaults(), audit);

  @Test
  void defaults_areLeastPrivilege() {
    RolePolicy p = RolePolicy.defaults();
    assertThat(p.permissions(Role.SHOPPER))
        .containsExactlyInAnyOrder(Permission.OWN_DATA_READ, Permission.OWN_CONSENT_MANAGE);
    assertThat(p.allows(Role.STORE_OPERATOR, Permission.PERSONAL_DATA_READ)).isFalse();
    assertThat(p.allows(Role.AUDITOR, Permission.PERSONAL_DATA_RECTIFY)).isFalse();
    assertThat(p.allows(Role.ADMIN, Permission.PERSONAL_DATA_READ)).isFalse();
    assertThat(p.allows(Role.ADMIN, Permission.DETOKENIZE)).isFalse();
    assertThat(p.allows(Role.SUPPORT, Permission.ROLE_ASSIGN)).isFalse();
    for (Role r :
        new Role[] {Role.SHOPPER, Role.STORE_OPERATOR, Role.AUDITOR, Role.SUPPORT, Role.ADMIN}) {
      assertThat(p.allows(r, Permission.DETOKENIZE)).as(r.name()).isFalse();
    }
  }

  @Test
  void check_allowedAndRefused_areBothAudited() {
    access.bootstrap("admin-1", Role.ADMIN, "setup");
    access.grant("admin-1", "op-7", Role.STORE_OPERATOR, "console");

    assertThat(access.check("op-7", Permission.STORE_OPERATE, "store/S001", "kiosk-1")).isTrue();
    assertThat(audit.last().outcome()).isEqualTo(AuditOutcome.SUCCESS);
    assertThat(access.check("op-7", Permission.PERSONAL_DATA_READ, "receipt/R-1", "kiosk-1"))
        .isFalse();
    assertThat(audit.last().outcome()).isEqualTo(AuditOutcome.FAILURE);
    assertThat(audit.last().actor()).isEqualTo("op-7");
    assertThat(audit.last().resource()).isEqualTo("receipt/R-1");
    assertThat(audit.last().detail()).isEqualTo("permission=personal-data.read");
    assertThat(audit.last().origin()).isEqualTo("kiosk-1");
  }

  @Test
  void require_refused_throwsAccessDenied() {
    assertThatThrownBy(() -> access.require("nobody", Permission.AUDIT_READ, "audit", "web"))
        .isInstanceOf(PrivacyException.class)
        .extracting(e -> ((PrivacyException) e).code())
        .isEqualTo(PrivacyException.ACCESS_DENIED);
  }

  @Test
  void grant_withoutRoleAssign_isRefusedAndAudited() {
    access.bootstrap("admin-1", Role.ADMIN, "setup");
    access.grant("admin-1", "sup-1", Role.SUPPORT, "console");
    assertThatThrownBy(() -> access.grant("sup-1", "sup-1", Role.ADMIN, "console"))
        .isInstanceOf(PrivacyException.class);
    assertThat(audit.last().action()).isEqualTo("role.grant");
    assertThat(audit.last().outcome()).isEqualTo(AuditOutcome.FAILURE);
    assertThat(access.roles("sup-1")).containsExactly(Role.SUPPORT);
  }

  @Test
  void grant_toOneself_isRefusedEvenForAdmin() {
    access.bootstrap("admin-1", Role.ADMIN, "setup");
    assertThatThrownBy(() -> access.grant("admin-1", "admin-1", Role.SUPPORT, "console"))
        .hasMessageContaining("own roles");
    assertThat(access.roles("admin-1")).containsExactly(Role.ADMIN);
  }

  @Test
  void revoke_takesEffectOnTheNextCheck() {
    access.bootstrap("admin-1", Role.ADMIN, "setup");
    access.grant("admin-1", "aud-1", Role.AUDITOR, "console");
    assertThat(access.check("aud-1", Permission.AUDIT_READ, "audit", "web")).isTrue();
    access.revoke("admin-1", "aud-1", Role.AUDITOR, "console");
    assertThat(access.check("aud-1", Permission.AUDIT_READ, "audit", "web")).isFalse();
    assertThat(audit.events).extracting(e -> e.action()).contains("role.revoke");
  }
}
