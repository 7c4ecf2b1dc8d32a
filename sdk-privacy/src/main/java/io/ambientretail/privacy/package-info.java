/**
 * Data classification, consent, retention, data-subject requests, pseudonymisation, residency rules, a tamper-evident audit log, envelope encryption and roles.
 *
 * <p>This package is being built; see the project's CHANGELOG for what is available.
 */
@NullMarked
package io.ambientretail.privacy;

import org.jspecify.annotations.NullMarked;
