package org.edgebench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile-bootstrap confidence interval for the relative change between the medians of two
 * sets of fork values. Forks are resampled with replacement within each side, so the interval
 * reflects fork-to-fork spread, not the thousands of samples inside a fork.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /** The {@code level} (e.g. 0.95) interval of {@code median(candidate)/median(baseline) - 1}. */
    public static double[] relativeChangeInterval(double[] baseline, double[] candidate, int resamples,
                                                  double level, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] changes = new double[resamples];
        double[] b = new double[baseline.length];
        double[] c = new double[candidate.length];
        for (int r = 0; r < resamples; r++) {
            resample(baseline, b, random);
            resample(candidate, c, random);
            changes[r] = Median.of(c) / Median.of(b) - 1;
        }
        return percentileInterval(changes, level);
    }

    /**
     * The change of paired forks: {@code exp(median(ln(candidate[i] / baseline[i]))) - 1}, the
     * typical ratio of a candidate fork to the baseline fork run next to it.
     */
    public static double pairedChange(double[] baseline, double[] candidate) {
        return Math.exp(Median.of(logRatios(baseline, candidate))) - 1;
    }

    /** The {@code level} interval of {@link #pairedChange}, resampling pairs with replacement. */
    public static double[] pairedChangeInterval(double[] baseline, double[] candidate, int resamples,
                                                double level, long seed) {
        double[] ratios = logRatios(baseline, candidate);
        SplittableRandom random = new SplittableRandom(seed);
        double[] changes = new double[resamples];
        double[] r = new double[ratios.length];
        for (int i = 0; i < resamples; i++) {
            resample(ratios, r, random);
            changes[i] = Math.exp(Median.of(r)) - 1;
        }
        return percentileInterval(changes, level);
    }

    /**
     * The {@code level} interval of {@code exp(median(ratios))}, pairs grouped by fork pair
     * ({@code logRatios[fork][iteration]}): each resample draws fork pairs with replacement, then
     * iterations within each drawn fork pair, so a difference that lasts a whole fork (its JVM,
     * its memory layout) widens the interval as much as the iteration-to-iteration spread does.
     */
    public static double[] clusteredPairedInterval(double[][] logRatios, int resamples, double level, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int longest = Arrays.stream(logRatios).mapToInt(fork -> fork.length).max().orElse(0);
        double[] drawn = new double[logRatios.length * longest];
        double[] ratios = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            int n = 0;
            for (int f = 0; f < logRatios.length; f++) {
                double[] fork = logRatios[random.nextInt(logRatios.length)];
                for (int j = 0; j < fork.length; j++) {
                    drawn[n++] = fork[random.nextInt(fork.length)];
                }
            }
            ratios[i] = Math.exp(Median.of(Arrays.copyOf(drawn, n)));
        }
        return percentileInterval(ratios, level);
    }

    /** {@code ln(candidate[i] / baseline[i])}; the sides must be the same length. */
    public static double[] logRatios(double[] baseline, double[] candidate) {
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("pairs need equal sides, were " + baseline.length + " and " + candidate.length);
        }
        double[] ratios = new double[baseline.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = Math.log(candidate[i] / baseline[i]);
        }
        return ratios;
    }

    /** The central {@code level} interval of bootstrap replicates (sorted in place). */
    private static double[] percentileInterval(double[] replicates, double level) {
        Arrays.sort(replicates);
        double tail = (1 - level) / 2;
        return new double[] {quantile(replicates, tail), quantile(replicates, 1 - tail)};
    }

    private static void resample(double[] from, double[] into, SplittableRandom random) {
        for (int i = 0; i < into.length; i++) {
            into[i] = from[random.nextInt(from.length)];
        }
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lower = (int) Math.floor(pos);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (pos - lower) * (sorted[upper] - sorted[lower]);
    }
}
