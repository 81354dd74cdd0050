package org.edgebench.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * How many times {@code other}'s typical fork value is the reference's: the ratio of the two
 * medians over forks, with a 95% percentile-bootstrap interval that resamples forks within each
 * side, so it reflects fork-to-fork spread rather than the thousands of samples inside a fork.
 * Used wherever two configurations measured on their own forks are put side by side (providers,
 * builds, machines, fp32 and int8, DJL and raw ONNX Runtime, thread counts); no verdict is
 * attached, only whether the interval holds 1.
 *
 * @param value the ratio of medians, {@code median(other) / median(reference)}
 * @param low   the interval's lower end; NaN without an interval
 * @param high  the interval's upper end; NaN without an interval
 * @param referenceForks how many fork values the reference had
 * @param otherForks     how many fork values the other side had
 */
public record Ratio(double value, double low, double high, int referenceForks, int otherForks) {

    public static final double LEVEL = 0.95;
    private static final int RESAMPLES = 4_000;
    /** Fewer forks than this on a side give no interval: one value says nothing of the spread. */
    public static final int MIN_FORKS = 2;

    /**
     * The ratio of {@code other} to {@code reference}, both one value per fork; {@code seedKey}
     * (a label of what is compared) makes the interval the same on every run of the report.
     */
    public static Ratio of(double[] reference, double[] other, String seedKey) {
        double value = Median.of(other) / Median.of(reference);
        if (reference.length < MIN_FORKS || other.length < MIN_FORKS || !Double.isFinite(value)) {
            return new Ratio(value, Double.NaN, Double.NaN, reference.length, other.length);
        }
        double[] change = Bootstrap.relativeChangeInterval(reference, other, RESAMPLES, LEVEL, seedKey.hashCode());
        return new Ratio(value, 1 + change[0], 1 + change[1], reference.length, other.length);
    }

    /**
     * The ratio of two configurations measured in turns, both {@code [fork][iteration]}: iteration j
     * of fork i on each side took its turn beside the other's, so each such pair is one ratio; the
     * value is {@code exp(median(ln(other / reference)))} over the pairs, the interval resamples fork
     * pairs and then iterations within them ({@link Bootstrap#clusteredPairedInterval}). The sides
     * must have the same shape ({@link #pairs}).
     */
    public static Ratio paired(double[][] reference, double[][] other, String seedKey) {
        if (!pairs(reference, other)) {
            throw new IllegalArgumentException("paired sides need the same forks and iterations");
        }
        double[][] logRatios = new double[reference.length][];
        for (int f = 0; f < reference.length; f++) {
            logRatios[f] = Bootstrap.logRatios(reference[f], other[f]);
        }
        double value = Math.exp(Median.of(Arrays.stream(logRatios).flatMapToDouble(Arrays::stream).toArray()));
        if (reference.length < MIN_FORKS || !Double.isFinite(value)) {
            return new Ratio(value, Double.NaN, Double.NaN, reference.length, other.length);
        }
        double[] interval = Bootstrap.clusteredPairedInterval(logRatios, RESAMPLES, LEVEL, seedKey.hashCode());
        return new Ratio(value, interval[0], interval[1], reference.length, other.length);
    }

    /** True when both sides have the same number of forks, each with the same number of iterations, and at least one. */
    public static boolean pairs(double[][] reference, double[][] other) {
        if (reference.length == 0 || reference.length != other.length) {
            return false;
        }
        for (int f = 0; f < reference.length; f++) {
            if (reference[f].length == 0 || reference[f].length != other[f].length) {
                return false;
            }
        }
        return true;
    }

    public boolean hasInterval() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    /** True when the interval holds 1: the data do not tell the two apart. */
    public boolean withinNoise() {
        return hasInterval() && low <= 1 && 1 <= high;
    }

    /**
     * The ratio as a speed-up for a lower-is-better value (latency): how many times faster
     * {@code other} is. The interval's ends swap.
     */
    public Ratio speedUp() {
        return new Ratio(1 / value, 1 / high, 1 / low, referenceForks, otherForks);
    }

    /** For example {@code 1.82x [1.61x, 2.04x]}, or {@code 1.82x (1 fork: no interval)}. */
    public String text() {
        return times(value) + " " + intervalText();
    }

    /** The interval alone, {@code [1.61x, 2.04x]}, or why there is none: {@code (1 fork: no interval)}. */
    public String intervalText() {
        if (hasInterval()) {
            return "[" + times(low) + ", " + times(high) + "]";
        }
        int forks = Math.min(referenceForks, otherForks);
        return "(" + forks + (forks == 1 ? " fork" : " forks") + ": no interval)";
    }

    /** Two decimals below 10x, one below 100x, then none: {@code 1.05x}, {@code 12.3x}, {@code 382x}. */
    public static String times(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, ratio >= 99.95 ? "%.0fx" : ratio >= 9.995 ? "%.1fx" : "%.2fx", ratio);
    }
}
