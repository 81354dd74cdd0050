package org.edgebench.stats;

import org.edgebench.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The statistic taken from each fork before forks are compared. Percentiles follow JMH
 * (interpolation at {@code p(N+1)/100}), so a one-fork run reads the same value JMH prints.
 */
public enum Metric {
    P50(50), P90(90), P95(95), P99(99), MEAN(Double.NaN);

    private final double percentile;

    Metric(double percentile) {
        this.percentile = percentile;
    }

    /** The name used on the command line and in file names: {@code p50}, {@code mean}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isPercentile() {
        return !Double.isNaN(percentile);
    }

    /** This metric of a histogram of {@code values} (ascending or not) with their {@code counts}. */
    public double of(double[] values, long[] counts) {
        return of(Distribution.of(values, counts));
    }

    /** This metric of a distribution, in the distribution's unit. */
    public double of(Distribution distribution) {
        return isPercentile() ? distribution.percentile(percentile) : distribution.mean();
    }

    public static Metric parse(String text) {
        for (Metric m : values()) {
            if (m.label().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw new BadInputException("unknown metric '" + text + "' (use one of "
                + Arrays.stream(values()).map(Metric::label).collect(Collectors.joining(", ")) + ")");
    }
}
