package org.edgebench.analysis;

import org.edgebench.results.JmhResult;
import org.edgebench.stats.ForkValues;
import org.edgebench.stats.Metric;
import org.edgebench.stats.Ratio;

import java.util.Arrays;
import java.util.Optional;

/**
 * Two configurations of a run side by side as a {@link Ratio}: a latency percentile, or items per
 * second. Configurations measured in turns ({@link JmhResult#measuredInTurnsWith}) pair iteration by
 * iteration, fork pair by fork pair ({@link Ratio#paired}); others give one value per fork, so the
 * interval shows how far the fork-to-fork spread lets the ratio move. The summary's tables pool
 * every sample of every fork instead, so a ratio can differ a little from the one their two P50s give.
 */
public final class ForkRatios {

    private ForkRatios() {
    }

    /**
     * {@code other}'s latency {@code metric} over the reference's ({@code 2x}: twice as slow); empty
     * when a side has no samples to take it from (thrpt, avgt, single shots).
     */
    public static Optional<Ratio> latency(ConfigurationStats reference, ConfigurationStats other, Metric metric) {
        if (!hasLatency(reference.result(), metric) || !hasLatency(other.result(), metric)) {
            return Optional.empty();
        }
        String seed = seed(reference, other, metric.label());
        if (inTurns(reference, other)) {
            double[][] a = ForkValues.perIteration(reference.result(), metric);
            double[][] b = ForkValues.perIteration(other.result(), metric);
            if (Ratio.pairs(a, b)) {
                return Optional.of(Ratio.paired(a, b, seed));
            }
        }
        return Optional.of(Ratio.of(ForkValues.of(reference.result(), metric), ForkValues.of(other.result(), metric), seed));
    }

    /** {@code other}'s items per second over the reference's; empty for single shots, which have no throughput. */
    public static Optional<Ratio> itemsPerSecond(ConfigurationStats reference, ConfigurationStats other) {
        if (!Double.isFinite(reference.throughputItemsPerS()) || !Double.isFinite(other.throughputItemsPerS())) {
            return Optional.empty();
        }
        String seed = seed(reference, other, "items/s");
        if (inTurns(reference, other)) {
            double[][] a = itemsPerSecondPerIteration(reference);
            double[][] b = itemsPerSecondPerIteration(other);
            if (Ratio.pairs(a, b)) {
                return Optional.of(Ratio.paired(a, b, seed));
            }
        }
        return Optional.of(Ratio.of(itemsPerSecond(reference), itemsPerSecond(other), seed));
    }

    /** True when the two were measured in turns with each other, so their iterations pair. */
    public static boolean inTurns(ConfigurationStats reference, ConfigurationStats other) {
        return reference.result().measuredInTurnsWith(other.result());
    }

    /**
     * How many times faster {@code other} is: the reference's P50 over the other's, or, for the modes
     * without a distribution (thrpt, avgt), the other's items/s over the reference's.
     */
    public static Optional<Ratio> speedUp(ConfigurationStats reference, ConfigurationStats other) {
        return latency(reference, other, Metric.P50).map(Ratio::speedUp).or(() -> itemsPerSecond(reference, other));
    }

    /* A percentile needs the fork's samples; a rate's per-fork mean is not a latency, so neither stands in. */
    private static boolean hasLatency(JmhResult result, Metric metric) {
        return metric.isPercentile() && !result.isRate() && ForkValues.supports(result, metric);
    }

    /** Each fork's items per second, computed like {@link ConfigurationStats#throughputItemsPerS()} from the fork's mean. */
    static double[] itemsPerSecond(ConfigurationStats s) {
        JmhResult result = s.result();
        int items = s.configuration().itemsPerOp();
        return Arrays.stream(ForkValues.of(result, Metric.MEAN))
                .map(v -> result.isRate() ? v * items : result.threads() * items * 1000.0 / v)
                .toArray();
    }

    /** Each measurement iteration's items per second, {@code [fork][iteration]}. */
    private static double[][] itemsPerSecondPerIteration(ConfigurationStats s) {
        JmhResult result = s.result();
        int items = s.configuration().itemsPerOp();
        return Arrays.stream(ForkValues.perIteration(result, Metric.MEAN))
                .map(fork -> Arrays.stream(fork).map(v -> result.isRate() ? v * items : result.threads() * items * 1000.0 / v).toArray())
                .toArray(double[][]::new);
    }

    /* Labels are unique within a run, so every comparison draws its own stable resamples. */
    private static String seed(ConfigurationStats reference, ConfigurationStats other, String what) {
        return reference.label() + " | " + other.label() + " | " + what;
    }
}
