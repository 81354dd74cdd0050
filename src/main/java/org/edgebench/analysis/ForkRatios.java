package org.edgebench.analysis;

import org.edgebench.results.JmhResult;
import org.edgebench.stats.ForkValues;
import org.edgebench.stats.Metric;
import org.edgebench.stats.Ratio;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

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
        return Optional.of(ratio(reference, other, s -> ForkValues.perIteration(s.result(), metric),
                s -> ForkValues.of(s.result(), metric), metric.label()));
    }

    /** {@code other}'s items per second over the reference's; empty for single shots, which have no throughput. */
    public static Optional<Ratio> itemsPerSecond(ConfigurationStats reference, ConfigurationStats other) {
        if (!Double.isFinite(reference.throughputItemsPerS()) || !Double.isFinite(other.throughputItemsPerS())) {
            return Optional.empty();
        }
        return Optional.of(ratio(reference, other, ForkRatios::itemsPerSecondPerIteration, ForkRatios::itemsPerSecond, "items/s"));
    }

    /**
     * Paired iteration by iteration when the two were measured in turns and their iterations line
     * up; otherwise one value per fork on each side.
     */
    private static Ratio ratio(ConfigurationStats reference, ConfigurationStats other,
                               Function<ConfigurationStats, double[][]> perIteration,
                               Function<ConfigurationStats, double[]> perFork, String what) {
        String seed = seed(reference, other, what);
        if (inTurns(reference, other)) {
            double[][] a = perIteration.apply(reference);
            double[][] b = perIteration.apply(other);
            if (Ratio.pairs(a, b)) {
                return Ratio.paired(a, b, seed);
            }
        }
        return Ratio.of(perFork.apply(reference), perFork.apply(other), seed);
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
        return toItemsPerSecond(s, ForkValues.of(s.result(), Metric.MEAN));
    }

    /** Each measurement iteration's items per second, {@code [fork][iteration]}. */
    private static double[][] itemsPerSecondPerIteration(ConfigurationStats s) {
        return Arrays.stream(ForkValues.perIteration(s.result(), Metric.MEAN))
                .map(fork -> toItemsPerSecond(s, fork)).toArray(double[][]::new);
    }

    /* Mean values (ms per op, or ops per time unit for a rate) as items per second. */
    private static double[] toItemsPerSecond(ConfigurationStats s, double[] means) {
        JmhResult result = s.result();
        int items = s.configuration().itemsPerOp();
        return Arrays.stream(means).map(v -> result.isRate() ? v * items : result.threads() * items * 1000.0 / v).toArray();
    }

    /* Labels are unique within a run, so every comparison draws its own stable resamples. */
    private static String seed(ConfigurationStats reference, ConfigurationStats other, String what) {
        return reference.label() + " | " + other.label() + " | " + what;
    }
}
