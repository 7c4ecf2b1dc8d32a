/**
 * The store's privacy path on sdk-privacy: the audit log's checkpoints, the sink sdk-privacy
 * components report to, role-based access for API tokens, audit pseudonyms, and the {@code
 * PersonalDataStore}s that data-subject requests and retention reach.
 */
@NullMarked
package io.ambientretail.store.privacy;

import org.jspecify.annotations.NullMarked;
