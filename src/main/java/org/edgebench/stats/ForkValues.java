package org.edgebench.stats;

import org.edgebench.results.JmhResult;
import org.edgebench.results.TimeUnits;

import java.util.List;

/**
 * Turns a JMH result into one value per fork, in a unit shared by both sides of a comparison
 * (milliseconds per operation, or operations per second for throughput), so runs written with
 * different {@code -tu} compare correctly.
 */
public final class ForkValues {

    private ForkValues() {
    }

    /** The unit {@link #of} returns values in for this result. */
    public static String unit(JmhResult result) {
        return result.isRate() ? "ops/s" : "ms";
    }

    /** True when {@code metric} is computed from this result's samples; otherwise the fork's mean score stands in. */
    public static boolean supports(JmhResult result, Metric metric) {
        return !metric.isPercentile() || !result.rawDataHistogram().isEmpty();
    }

    /**
     * One value per fork: for SampleTime the metric of the fork's histogram summed over its
     * measurement iterations; for other modes the mean of the fork's iteration scores (there are
     * no samples to take percentiles of). A result without raw data yields its score alone, one
     * "fork", which no test can call significant.
     */
    public static double[] of(JmhResult result, Metric metric) {
        if (!result.rawDataHistogram().isEmpty()) {
            return result.rawDataHistogram().stream()
                    .filter(fork -> !fork.isEmpty())
                    .mapToDouble(fork -> convert(result, metric.of(Distribution.merge(fork))))
                    .toArray();
        }
        if (!result.rawData().isEmpty()) {
            return result.rawData().stream()
                    .filter(fork -> !fork.isEmpty())
                    .mapToDouble(fork -> convert(result, fork.stream().mapToDouble(Double::doubleValue).average().orElseThrow()))
                    .toArray();
        }
        return new double[] {convert(result, result.score())};
    }

    /**
     * One value per measurement iteration, {@code [fork][iteration]}, taken like {@link #of}'s fork
     * values: the metric of the iteration's histogram for SampleTime, the iteration's score otherwise.
     * Empty when the result has no per-iteration data.
     */
    public static double[][] perIteration(JmhResult result, Metric metric) {
        if (!result.rawDataHistogram().isEmpty()) {
            return result.rawDataHistogram().stream()
                    .map(fork -> fork.stream().mapToDouble(i -> convert(result, metric.of(Distribution.merge(List.of(i))))).toArray())
                    .toArray(double[][]::new);
        }
        return result.rawData().stream()
                .map(fork -> fork.stream().mapToDouble(v -> convert(result, v)).toArray())
                .toArray(double[][]::new);
    }

    private static double convert(JmhResult result, double value) {
        return result.isRate()
                ? TimeUnits.toOpsPerSecond(result.scoreUnit(), value)
                : TimeUnits.toMillisPerOp(result.scoreUnit(), value);
    }
}
