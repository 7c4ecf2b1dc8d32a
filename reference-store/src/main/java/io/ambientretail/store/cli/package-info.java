/**
 * The {@code ambient} command line (its contract is the project's {@code docs/cli.md}): one picocli
 * command class per top-level subcommand, wired together by {@link
 * io.ambientretail.store.cli.AmbientCommand}.
 */
@NullMarked
package io.ambientretail.store.cli;

import org.jspecify.annotations.NullMarked;
