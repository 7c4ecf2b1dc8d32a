/**
 * Residency: every record is tagged with the {@link io.ambientretail.privacy.residency.Region}
 * where it was collected, and {@link io.ambientretail.privacy.residency.TransferRules} decide what
 * may leave it (EU/UK: adequacy or standard clauses; China: in country unless an assessment is
 * recorded). {@link io.ambientretail.privacy.residency.TransferGuard} applies them to a sync and
 * audits every blocked record.
 */
@NullMarked
package io.ambientretail.privacy.residency;

import org.jspecify.annotations.NullMarked;
