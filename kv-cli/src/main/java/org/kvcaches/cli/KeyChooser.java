package org.kvcaches.cli;

import java.util.SplittableRandom;

/** Picks which key an operation of a workload touches. Immutable and thread-safe; each thread brings its own random source. */
abstract class KeyChooser {

    /** @return the index of the next key, from 0 to the key count - 1 */
    abstract int next(SplittableRandom random);

    static KeyChooser uniform(int keys) {
        return new KeyChooser() {
            @Override
            int next(SplittableRandom random) {
                return random.nextInt(keys);
            }
        };
    }

    /**
     * Zipfian popularity as in YCSB (Gray et al., "Quickly generating billion-record synthetic
     * databases"): rank r is drawn with probability proportional to 1/r^theta. Ranks are mapped to
     * keys through a fixed random permutation, so the hot keys are spread over the key space rather
     * than being its first names (which would sit together in one folder or hash slot).
     *
     * @param keys how many keys, at least 1
     * @param theta the skew, between 0 and 1 exclusive; YCSB's default is 0.99
     * @param seed seeds the permutation, so two runs share their hot keys
     */
    static KeyChooser zipfian(int keys, double theta, long seed) {
        if (!(theta > 0 && theta < 1)) {
            throw new IllegalArgumentException("the Zipfian skew must be between 0 and 1 exclusive, not " + theta);
        }
        double zetaN = zeta(keys, theta);
        double zeta2 = zeta(Math.min(2, keys), theta);
        double alpha = 1 / (1 - theta);
        double eta = keys < 2 ? 0 : (1 - Math.pow(2.0 / keys, 1 - theta)) / (1 - zeta2 / zetaN);
        double half = 1 + Math.pow(0.5, theta);
        int[] permutation = new int[keys];
        for (int i = 0; i < keys; i++) {
            permutation[i] = i;
        }
        SplittableRandom shuffle = new SplittableRandom(seed);
        for (int i = keys - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        return new KeyChooser() {
            @Override
            int next(SplittableRandom random) {
                double u = random.nextDouble();
                double uz = u * zetaN;
                int rank;
                if (uz < 1 || keys < 2) {
                    rank = 0;
                } else if (uz < half) {
                    rank = 1;
                } else {
                    rank = (int) Math.min(keys - 1, (long) (keys * Math.pow(eta * u - eta + 1, alpha)));
                }
                return permutation[rank];
            }
        };
    }

    private static double zeta(int n, double theta) {
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += 1 / Math.pow(i, theta);
        }
        return sum;
    }
}
