package org.edgebench.compare;

import org.edgebench.stats.Metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Builds SampleTime-like fork histograms with known properties: lognormal latencies around a
 * median, a per-fork offset (the between-fork noise that dominates on real machines) and JMH's
 * coarse bucket precision, then reduces each fork to one metric value.
 */
public final class SyntheticForks {

    private final Random random;

    public SyntheticForks(long seed) {
        random = new Random(seed);
    }

    /**
     * {@code forks} values of {@code metric}, each from a histogram of {@code samplesPerFork}
     * latencies (ms) with the given median, within-fork spread (lognormal sigma) and between-fork
     * spread (sd of the fork's log offset).
     */
    double[] forks(Metric metric, int forks, int samplesPerFork, double medianMs, double withinSigma,
                   double betweenSigma) {
        return values(metric, forkHistograms(forks, samplesPerFork, medianMs, withinSigma, betweenSigma));
    }

    public List<Histogram> forkHistograms(int forks, int samplesPerFork, double medianMs, double withinSigma,
                                   double betweenSigma) {
        List<Histogram> histograms = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            double forkMedian = medianMs * Math.exp(betweenSigma * random.nextGaussian());
            histograms.add(histogram(samplesPerFork, forkMedian, withinSigma));
        }
        return histograms;
    }

    static double[] values(Metric metric, List<Histogram> forks) {
        return forks.stream().mapToDouble(h -> metric.of(h.values, h.counts)).toArray();
    }

    /** Every sample of every fork in one array, as a pooled-sample test would see them. */
    static double[] pooled(List<Histogram> forks) {
        return forks.stream().flatMapToDouble(h -> Arrays.stream(h.expanded())).toArray();
    }

    public Histogram histogram(int samples, double medianMs, double sigma) {
        TreeMap<Double, Long> buckets = new TreeMap<>();
        for (int i = 0; i < samples; i++) {
            double latency = medianMs * Math.exp(sigma * random.nextGaussian());
            buckets.merge(quantize(latency), 1L, Long::sum);
        }
        double[] values = buckets.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        long[] counts = buckets.values().stream().mapToLong(Long::longValue).toArray();
        return new Histogram(values, counts);
    }

    /** JMH's sample histogram keeps about 10 significant bits. */
    private static double quantize(double value) {
        double step = Math.pow(2, Math.floor(Math.log(value) / Math.log(2)) - 10);
        return Math.round(value / step) * step;
    }

    static double[] scaled(double[] values, double factor) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }

    public record Histogram(double[] values, long[] counts) {
        public double[] expanded() {
            int n = (int) Arrays.stream(counts).sum();
            double[] out = new double[n];
            int k = 0;
            for (int i = 0; i < values.length; i++) {
                for (long c = 0; c < counts[i]; c++) {
                    out[k++] = values[i];
                }
            }
            return out;
        }
    }
}
