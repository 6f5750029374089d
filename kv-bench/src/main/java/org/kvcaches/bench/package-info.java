/**
 * JMH benchmarks, one class per backend or feature, each measuring our code and the raw client (or the
 * bare store) doing the same work in one run, so that results read as ratios. How to run and read them:
 * {@code kv-bench/README.md}.
 */
package org.kvcaches.bench;
