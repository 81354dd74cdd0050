package org.edgebench.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MannWhitneyTest {

    @Test
    void completeSeparationOfFiveAgainstFiveIsTwoOutOf252() {
        double p = MannWhitney.pValue(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
        assertThat(p).isCloseTo(2.0 / 252, within(1e-12));
        assertThat(MannWhitney.smallestPValue(5, 5)).isCloseTo(2.0 / 252, within(1e-12));
    }

    @Test
    void interleavedValuesMatchTheExactDistribution() {
        // R: wilcox.test(c(1,3,5,7,9), c(2,4,6,8,10))$p.value == 0.6905
        double p = MannWhitney.pValue(new double[] {1, 3, 5, 7, 9}, new double[] {2, 4, 6, 8, 10});
        assertThat(p).isCloseTo(0.690476, within(1e-6));
    }

    @Test
    void twoForksPerSideCanNeverBeSignificant() {
        assertThat(MannWhitney.smallestPValue(2, 2)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(MannWhitney.pValue(new double[] {1, 2}, new double[] {100, 200})).isGreaterThan(0.3);
        assertThat(MannWhitney.smallestPValue(4, 4)).isLessThan(0.05);
        assertThat(MannWhitney.smallestPValue(3, 3)).isGreaterThan(0.05);
    }

    @Test
    void tiesAgreeWithBruteForcePermutation() {
        double[] x = {1, 2, 2, 3, 5};
        double[] y = {2, 3, 3, 6, 7, 7};
        assertThat(MannWhitney.pValue(x, y)).isCloseTo(bruteForce(x, y), within(1e-12));
    }

    @Test
    void largeSamplesUseTheNormalApproximationSensibly() {
        Random random = new Random(3);
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            x[i] = random.nextGaussian();
            y[i] = random.nextGaussian() + 2;
        }
        assertThat(MannWhitney.pValue(x, y)).isLessThan(1e-6);
        assertThat(MannWhitney.pValue(x, x.clone())).isGreaterThan(0.9);
    }

    /** Two-sided permutation p-value of the rank sum, by enumerating every split. */
    private static double bruteForce(double[] x, double[] y) {
        int n = x.length + y.length;
        double[] all = new double[n];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        double[] ranks = new double[n];
        for (int i = 0; i < n; i++) {
            double less = 0;
            double equal = 0;
            for (double v : all) {
                less += v < all[i] ? 1 : 0;
                equal += v == all[i] ? 1 : 0;
            }
            ranks[i] = less + (equal + 1) / 2;
        }
        double expected = x.length * (n + 1) / 2.0;
        double observed = 0;
        for (int i = 0; i < x.length; i++) {
            observed += ranks[i];
        }
        int extreme = 0;
        int total = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) != x.length) {
                continue;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    sum += ranks[i];
                }
            }
            total++;
            if (Math.abs(sum - expected) >= Math.abs(observed - expected) - 1e-9) {
                extreme++;
            }
        }
        return (double) extreme / total;
    }
}
