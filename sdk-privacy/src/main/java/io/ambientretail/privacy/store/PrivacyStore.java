package io.ambientretail.privacy.store;

import io.ambientretail.privacy.ConsentStore;
import io.ambientretail.privacy.RoleAssignmentStore;
import io.ambientretail.privacy.dsr.DsrProgressStore;
import io.ambientretail.privacy.dsr.LegalHoldStore;
import io.ambientretail.privacy.keys.SubjectKeyStore;

/**
 * Every storage SPI of the privacy module in one type: consent records, data-subject request
 * progress, legal holds, subjects' wrapped keys and role assignments. Hand the one object to each
 * component ({@code ConsentRegistry.create(clock, audit, store)}, {@code
 * DsrOrchestrator.builder().progress(store)}, {@code LegalHolds.create(audit, store)}, {@code
 * SubjectVault.create(keys, facility, random, store)}, {@code AccessController.create(policy,
 * audit, store)}); a component only sees its own part.
 *
 * <p>Implementations: {@link InMemoryPrivacyStore} and {@link JdbcPrivacyStore}.
 */
public interface PrivacyStore
    extends ConsentStore, DsrProgressStore, LegalHoldStore, SubjectKeyStore, RoleAssignmentStore {}
