/**
 * The reference store: a complete automated store (walk-out smart store or micromarket) built on
 * the SDK's public API, with its REST API, dashboard and the {@code ambient} command line.
 */
@NullMarked
package io.ambientretail.store;

import org.jspecify.annotations.NullMarked;
