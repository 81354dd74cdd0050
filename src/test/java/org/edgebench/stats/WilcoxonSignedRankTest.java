package org.edgebench.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WilcoxonSignedRankTest {

    @Test
    void sixDifferencesOfOneSignAreTwoOutOf64() {
        assertThat(WilcoxonSignedRank.pValue(new double[] {0.1, 0.2, 0.05, 0.3, 0.12, 0.07})).isCloseTo(2.0 / 64, within(1e-12));
        assertThat(WilcoxonSignedRank.pValue(new double[] {-0.1, -0.2, -0.05, -0.3, -0.12, -0.07})).isCloseTo(2.0 / 64, within(1e-12));
    }

    @Test
    void smallestPValueDecidesWhatCanBeSignificant() {
        assertThat(WilcoxonSignedRank.smallestPValue(5)).isEqualTo(0.0625);
        assertThat(WilcoxonSignedRank.smallestPValue(6)).isEqualTo(0.03125);
        assertThat(WilcoxonSignedRank.smallestPValue(0)).isEqualTo(1.0);
    }

    @Test
    void zerosAreDroppedAndNothingLeftIsNotSignificant() {
        assertThat(WilcoxonSignedRank.pValue(new double[] {0, 0, 0})).isEqualTo(1.0);
        assertThat(WilcoxonSignedRank.pValue(new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6}))
                .isCloseTo(2.0 / 64, within(1e-12));
    }

    @Test
    void agreesWithCommonsMathsExactTestWithoutTies() {
        Random random = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            int n = 6 + random.nextInt(14);
            double[] x = new double[n];
            double[] y = new double[n];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian();
                y[i] = x[i] + 0.3 + random.nextGaussian();
                d[i] = y[i] - x[i];
            }
            double theirs = new org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest().wilcoxonSignedRankTest(x, y, true);
            assertThat(WilcoxonSignedRank.pValue(d)).as("n=%d", n).isCloseTo(Math.min(1.0, theirs), within(1e-9));
        }
    }

    @Test
    void tiesAgreeWithEnumeratingEverySignFlip() {
        double[] d = {0.5, -0.5, 1.0, 1.0, 2.0, -1.0, 3.0, 0.5, 2.0, 1.5};
        assertThat(WilcoxonSignedRank.pValue(d)).isCloseTo(bruteForce(d), within(1e-12));
    }

    /** Two-sided p: share of the 2^n sign assignments whose positive mid-rank sum is as far from its mean. */
    private static double bruteForce(double[] d) {
        int n = d.length;
        double[] ranks = MannWhitney.midRanks(java.util.Arrays.stream(d).map(Math::abs).toArray());
        double total = java.util.Arrays.stream(ranks).sum();
        double observed = 0;
        for (int i = 0; i < n; i++) {
            observed += d[i] > 0 ? ranks[i] : 0;
        }
        double distance = Math.abs(observed - total / 2);
        int extreme = 0;
        for (int mask = 0; mask < 1 << n; mask++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += (mask >> i & 1) == 1 ? ranks[i] : 0;
            }
            extreme += Math.abs(sum - total / 2) >= distance - 1e-9 ? 1 : 0;
        }
        return (double) extreme / (1 << n);
    }
}
