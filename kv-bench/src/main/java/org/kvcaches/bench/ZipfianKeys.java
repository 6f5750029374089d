package org.kvcaches.bench;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Draws item indexes 0..n-1 with Zipf's law: item {@code i} has weight {@code 1/(i+1)^s}. The
 * cumulative distribution is computed once; each draw is one uniform random number and a binary
 * search, so drawing costs far less than the operations it chooses.
 */
final class ZipfianKeys {
    private final double[] cdf;

    /**
     * @param n how many items
     * @param exponent the skew; 0.99 is the usual choice (YCSB)
     */
    ZipfianKeys(int n, double exponent) {
        cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, exponent);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
    }

    /** @return the next item, 0 the most frequent */
    int next() {
        int at = Arrays.binarySearch(cdf, ThreadLocalRandom.current().nextDouble());
        return Math.min(at >= 0 ? at : -at - 1, cdf.length - 1);
    }
}
