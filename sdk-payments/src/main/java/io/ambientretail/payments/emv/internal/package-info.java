/** Implementation detail of the EMV reader: hex, text and track-data helpers. Not API. */
@NullMarked
package io.ambientretail.payments.emv.internal;

import org.jspecify.annotations.NullMarked;
