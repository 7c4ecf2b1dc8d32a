/** The store's persistence: the database, its migrations and the store's records. */
@NullMarked
package io.ambientretail.store.db;

import org.jspecify.annotations.NullMarked;
