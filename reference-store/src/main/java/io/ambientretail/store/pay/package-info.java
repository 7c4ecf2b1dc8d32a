/**
 * The store's money path on sdk-payments: the entry/kiosk card tap read by the SDK's EMV flow
 * ({@link io.ambientretail.store.pay.CardTaps}), FF1 tokens and keyed fingerprints, and the
 * walk-out sessions, file payment journal and store-and-forward of sdk-payments behind one {@link
 * io.ambientretail.store.pay.StorePayments}.
 */
@NullMarked
package io.ambientretail.store.pay;

import org.jspecify.annotations.NullMarked;
