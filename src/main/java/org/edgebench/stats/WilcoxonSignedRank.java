package org.edgebench.stats;

import java.util.Arrays;

/**
 * Two-sided Wilcoxon signed-rank test on paired differences (candidate fork against the baseline
 * fork run next to it), for comparisons whose runs were alternated ({@code compare --paired}).
 *
 * <p>The p-value is exact at any size: under the null hypothesis each difference's sign is a fair
 * coin, so the distribution of the positive rank sum is built by dynamic programming over
 * probabilities (ranks doubled to integers, so mid-ranks of tied magnitudes fit). Zero
 * differences are dropped, as in Wilcoxon's original test.
 */
public final class WilcoxonSignedRank {

    private WilcoxonSignedRank() {
    }

    /** The two-sided p-value for "the differences are symmetric around zero". */
    public static double pValue(double[] differences) {
        double[] d = Arrays.stream(differences).filter(x -> x != 0 && !Double.isNaN(x)).toArray();
        int n = d.length;
        if (n == 0) {
            return 1.0;
        }
        double[] magnitudes = Arrays.stream(d).map(Math::abs).toArray();
        int[] weights = Arrays.stream(MannWhitney.midRanks(magnitudes)).mapToInt(r -> (int) Math.round(2 * r)).toArray();
        int maxSum = Arrays.stream(weights).sum();
        double[] probability = new double[maxSum + 1];
        probability[0] = 1;
        for (int w : weights) {
            for (int s = maxSum; s >= 0; s--) {
                probability[s] = probability[s] / 2 + (s >= w ? probability[s - w] / 2 : 0);
            }
        }
        int observed = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                observed += weights[i];
            }
        }
        double expected = maxSum / 2.0;
        double distance = Math.abs(observed - expected);
        double extreme = 0;
        for (int s = 0; s <= maxSum; s++) {
            if (Math.abs(s - expected) >= distance - 1e-9) {
                extreme += probability[s];
            }
        }
        return Math.min(1.0, extreme);
    }

    /** The smallest two-sided p-value {@code n} pairs can give: all differences of one sign, 2 / 2^n. */
    public static double smallestPValue(int n) {
        return n == 0 ? 1.0 : Math.min(1.0, Math.pow(0.5, n - 1));
    }
}
