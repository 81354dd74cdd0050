package org.edgebench.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Statistics of a histogram given as parallel arrays of values and counts. */
public final class HistogramStats {

    private HistogramStats() {
    }

    /**
     * The {@code p}-th percentile (0 < p <= 100) with JMH's estimator: position {@code p(N+1)/100}
     * among the N sorted samples, interpolated between neighbours, clamped to the minimum and
     * maximum.
     */
    public static double percentile(double[] values, long[] counts, double p) {
        int[] order = ascending(values);
        long n = total(counts);
        if (n == 0) {
            return Double.NaN;
        }
        double pos = p * (n + 1) / 100.0;
        if (pos < 1) {
            return values[first(order, counts)];
        }
        if (pos >= n) {
            return values[last(order, counts)];
        }
        long lowerRank = (long) Math.floor(pos);
        double fraction = pos - lowerRank;
        double lower = valueAtRank(values, counts, order, lowerRank);
        double upper = valueAtRank(values, counts, order, lowerRank + 1);
        return lower + fraction * (upper - lower);
    }

    public static double mean(double[] values, long[] counts) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * counts[i];
            n += counts[i];
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    public static long total(long[] counts) {
        return Arrays.stream(counts).sum();
    }

    /** The value of the {@code rank}-th sample (1-based) in ascending order. */
    private static double valueAtRank(double[] values, long[] counts, int[] order, long rank) {
        long seen = 0;
        for (int i : order) {
            seen += counts[i];
            if (seen >= rank) {
                return values[i];
            }
        }
        return values[order[order.length - 1]];
    }

    private static int first(int[] order, long[] counts) {
        for (int i : order) {
            if (counts[i] > 0) {
                return i;
            }
        }
        throw new IllegalStateException("empty histogram");
    }

    private static int last(int[] order, long[] counts) {
        for (int k = order.length - 1; k >= 0; k--) {
            if (counts[order[k]] > 0) {
                return order[k];
            }
        }
        throw new IllegalStateException("empty histogram");
    }

    private static int[] ascending(double[] values) {
        return IntStream.range(0, values.length).boxed()
                .sorted(Comparator.comparingDouble(i -> values[i]))
                .mapToInt(Integer::intValue).toArray();
    }
}
