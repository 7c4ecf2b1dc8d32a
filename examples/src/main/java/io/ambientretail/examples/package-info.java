/**
 * Small runnable programs that show how to use the SDK, one folder per area; each is under about 60
 * lines, uses only public API, and has a test that runs it.
 */
package io.ambientretail.examples;
