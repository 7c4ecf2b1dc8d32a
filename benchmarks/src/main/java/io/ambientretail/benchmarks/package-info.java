/**
 * JMH benchmarks, one package per area, each beside the baseline it claims to beat. Build with
 * {@code mvn -pl benchmarks -am package} and run {@code java -jar
 * benchmarks/target/benchmarks.jar}.
 */
package io.ambientretail.benchmarks;
