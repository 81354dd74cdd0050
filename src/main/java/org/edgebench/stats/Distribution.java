package org.edgebench.stats;

import org.edgebench.results.Histogram;
import org.edgebench.results.JmhResult;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A distribution as distinct values with counts, ascending. The report's are latencies in
 * milliseconds: SampleTime's histograms summed over forks and iterations ({@link #ofHistograms(JmhResult)}),
 * or SingleShotTime's shots, one count each ({@link #ofRawData}); {@link #of} and {@link #merge}
 * keep the unit of the values they are given.
 */
public final class Distribution {

    private final double[] valuesMs;
    private final long[] counts;
    private final long total;

    private Distribution(double[] valuesMs, long[] counts) {
        this.valuesMs = valuesMs;
        this.counts = counts;
        long sum = 0;
        for (long count : counts) {
            sum += count;
        }
        this.total = sum;
    }

    /** A histogram given as parallel arrays of values (any order, repeats allowed) and their counts. */
    public static Distribution of(double[] values, long[] counts) {
        return merge(List.of(new Histogram(values, counts)));
    }

    /** Sums a result's SampleTime histograms (values converted to ms) over forks and iterations. */
    public static Distribution ofHistograms(JmhResult result) {
        Distribution merged = merge(result.rawDataHistogram().stream().flatMap(List::stream).toList());
        double[] millis = new double[merged.valuesMs.length];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = result.toMillis(merged.valuesMs[i]);
        }
        return new Distribution(millis, merged.counts);
    }

    /**
     * Sums histograms (iterations, forks) in their own unit: each distinct value once, ascending,
     * with the counts it has in all of them.
     */
    public static Distribution merge(Collection<Histogram> histograms) {
        int pairs = 0;
        for (Histogram histogram : histograms) {
            pairs += histogram.values().length;
        }
        double[] all = new double[pairs];
        int n = 0;
        for (Histogram histogram : histograms) {
            double[] values = histogram.values();
            System.arraycopy(values, 0, all, n, values.length);
            n += values.length;
        }
        // Iterations share most of their (quantised) values: sort once, keep distinct values, add counts by binary search.
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || Double.compare(all[i], all[distinct - 1]) != 0) {
                all[distinct++] = all[i];
            }
        }
        double[] values = Arrays.copyOf(all, distinct);
        long[] counts = new long[distinct];
        for (Histogram histogram : histograms) {
            double[] v = histogram.values();
            long[] c = histogram.counts();
            for (int i = 0; i < v.length; i++) {
                counts[Arrays.binarySearch(values, v[i])] += c[i];
            }
        }
        return new Distribution(values, counts);
    }

    /** One sample per iteration score (SingleShotTime, where each iteration is one timed call). */
    public static Distribution ofRawData(JmhResult result) {
        double[] millis = result.rawData().stream().flatMap(List::stream)
                .mapToDouble(result::toMillis).filter(Double::isFinite).sorted().toArray();
        long[] counts = new long[millis.length];
        Arrays.fill(counts, 1);
        return new Distribution(millis, counts);
    }

    /** Distinct values in ms, ascending. */
    public double[] valuesMs() {
        return valuesMs.clone();
    }

    /** How many samples had each of {@link #valuesMs()}. */
    public long[] counts() {
        return counts.clone();
    }

    public long total() {
        return total;
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public double min() {
        return valuesMs.length == 0 ? Double.NaN : valuesMs[0];
    }

    public double max() {
        return valuesMs.length == 0 ? Double.NaN : valuesMs[valuesMs.length - 1];
    }

    public double mean() {
        double sum = 0;
        for (int i = 0; i < valuesMs.length; i++) {
            sum += valuesMs[i] * counts[i];
        }
        return total == 0 ? Double.NaN : sum / total;
    }

    /** Sample standard deviation (n - 1), NaN below two samples. */
    public double stdDev() {
        if (total < 2) {
            return Double.NaN;
        }
        double mean = mean();
        double squares = 0;
        for (int i = 0; i < valuesMs.length; i++) {
            double d = valuesMs[i] - mean;
            squares += d * d * counts[i];
        }
        return Math.sqrt(squares / (total - 1));
    }

    /**
     * The {@code p}th percentile (0-100) with JMH's rule (commons-math's default): position
     * {@code p(N+1)/100} in the sorted samples, interpolated between neighbours, clamped to the
     * lowest and highest sample.
     */
    public double percentile(double p) {
        if (total == 0) {
            return Double.NaN;
        }
        double position = p * (total + 1) / 100.0;
        if (position < 1) {
            return valueAtRank(1);
        }
        if (position >= total) {
            return valueAtRank(total);
        }
        long lower = (long) Math.floor(position);
        double fraction = position - lower;
        double below = valueAtRank(lower);
        double above = valueAtRank(lower + 1);
        return below + fraction * (above - below);
    }

    /** The value of the sample at 1-based {@code rank} in ascending order. */
    private double valueAtRank(long rank) {
        long seen = 0;
        for (int i = 0; i < valuesMs.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return valuesMs[i];
            }
        }
        return max();
    }
}
