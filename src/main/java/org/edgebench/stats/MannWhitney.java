package org.edgebench.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Two-sided Mann-Whitney U (Wilcoxon rank-sum) test on fork values.
 *
 * <p>commons-math3's {@code MannWhitneyUTest} only has the normal approximation, which is far off
 * for the 3-10 forks a benchmark has (it calls 3 vs 3 forks significant that cannot be). Here the
 * p-value is exact for up to {@value #EXACT_LIMIT} values in total: the permutation distribution of
 * the rank sum, with mid-ranks for ties (forks of a coarse histogram can share a percentile), is
 * counted by dynamic programming. Larger samples use the normal approximation with tie and
 * continuity correction.
 */
public final class MannWhitney {

    static final int EXACT_LIMIT = 60;

    private MannWhitney() {
    }

    /** The two-sided p-value for "x and y come from the same distribution". */
    public static double pValue(double[] x, double[] y) {
        int m = x.length;
        int n = y.length;
        if (m == 0 || n == 0) {
            return 1.0;
        }
        double[] pooled = new double[m + n];
        System.arraycopy(x, 0, pooled, 0, m);
        System.arraycopy(y, 0, pooled, m, n);
        double[] ranks = midRanks(pooled);
        return m + n <= EXACT_LIMIT ? exact(ranks, m) : normal(ranks, m);
    }

    /**
     * The smallest two-sided p-value any data can give with {@code m} and {@code n} values (no
     * ties): both extreme orderings out of C(m+n, m). Decides whether a comparison can ever be
     * significant.
     */
    public static double smallestPValue(int m, int n) {
        if (m == 0 || n == 0) {
            return 1.0;
        }
        double combinations = 1;
        for (int i = 1; i <= m; i++) {
            combinations = combinations * (n + i) / i;
        }
        return Math.min(1.0, 2.0 / combinations);
    }

    private static double exact(double[] ranks, int m) {
        int total = ranks.length;
        // Doubled mid-ranks are integers, so rank sums can index an array.
        int[] weights = Arrays.stream(ranks).mapToInt(r -> (int) Math.round(2 * r)).toArray();
        int maxSum = Arrays.stream(weights).sum();
        double[][] ways = new double[m + 1][maxSum + 1];
        ways[0][0] = 1;
        for (int item = 0; item < total; item++) {
            int w = weights[item];
            for (int chosen = Math.min(item + 1, m); chosen >= 1; chosen--) {
                double[] into = ways[chosen];
                double[] from = ways[chosen - 1];
                for (int s = maxSum; s >= w; s--) {
                    into[s] += from[s - w];
                }
            }
        }
        int observed = 0;
        for (int i = 0; i < m; i++) {
            observed += weights[i];
        }
        double expected = m * (total + 1.0); // doubled: 2 * m(N+1)/2
        double distance = Math.abs(observed - expected);
        double extreme = 0;
        double all = 0;
        for (int s = 0; s <= maxSum; s++) {
            double count = ways[m][s];
            all += count;
            if (Math.abs(s - expected) >= distance - 1e-9) {
                extreme += count;
            }
        }
        return Math.min(1.0, extreme / all);
    }

    private static double normal(double[] ranks, int m) {
        int total = ranks.length;
        int n = total - m;
        double rankSum = 0;
        for (int i = 0; i < m; i++) {
            rankSum += ranks[i];
        }
        double u = rankSum - m * (m + 1) / 2.0;
        double mean = m * (double) n / 2.0;
        double tieTerm = 0;
        double[] sorted = ranks.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < total; ) {
            int j = i;
            while (j < total && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            tieTerm += t * t * t - t;
            i = j;
        }
        double variance = m * (double) n / 12.0 * ((total + 1) - tieTerm / (total * (total - 1.0)));
        if (variance <= 0) {
            return 1.0;
        }
        double z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
        return Math.min(1.0, 2 * (1 - new NormalDistribution().cumulativeProbability(Math.max(z, 0))));
    }

    /** Ranks from 1, tied values sharing the mean of their ranks. */
    static double[] midRanks(double[] values) {
        int[] order = IntStream.range(0, values.length).boxed()
                .sorted(Comparator.comparingDouble(i -> values[i]))
                .mapToInt(Integer::intValue).toArray();
        double[] ranks = new double[values.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j < order.length && values[order[j]] == values[order[i]]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                ranks[order[k]] = rank;
            }
            i = j;
        }
        return ranks;
    }
}
