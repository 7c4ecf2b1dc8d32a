/** Implementation of the nexo JSON codec: the bounded tree reader and the body mappings. */
@NullMarked
package io.ambientretail.payments.terminal.internal;

import org.jspecify.annotations.NullMarked;
