/** The demo's simulated world: physical shelves, virtual cards, shoppers and staff. */
@NullMarked
package io.ambientretail.store.sim;

import org.jspecify.annotations.NullMarked;
