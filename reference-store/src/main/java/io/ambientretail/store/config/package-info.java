/** The store configuration ({@code store.yaml}): model, reader and the built-in demo stores. */
@NullMarked
package io.ambientretail.store.config;

import org.jspecify.annotations.NullMarked;
