/**
 * JMH benchmarks of sdk-payments: TLV parsing, FF1 and whole card reads, each beside a baseline.
 */
package io.ambientretail.benchmarks.payments;
