/**
 * The store's payment seams (card tokenizer, payment gateway) and their implementations: an HMAC
 * tokenizer, an HTTP acquirer client and the simulated acquirer of the demo.
 */
@NullMarked
package io.ambientretail.store.pay;

import org.jspecify.annotations.NullMarked;
