package org.edgebench.analysis;

import org.edgebench.stats.Median;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a warm-up curve says: how slow the first inference after session creation is, the steady
 * latency, and after how many inferences it is reached. The input is
 * {@code WarmupCurveBenchmark}'s JMH raw data, {@code latenciesMs[fork][k]} = the latency of the
 * (k+1)-th inference of that fork's session, in milliseconds.
 *
 * <p>The rule, chosen to stay put on a noisy machine:
 * <ol>
 *   <li>the curve is the median across forks at each iteration ({@link #medianPerIterationMs}); a
 *       fork that stopped early counts only in the iterations it has;</li>
 *   <li>{@link #firstMs} is the curve's first point: the median first inference;</li>
 *   <li>{@link #steadyP50Ms} is the median of every sample of every fork in the last half of the
 *       iterations (iterations {@code n/2 ... n-1});</li>
 *   <li>the curve is smoothed by a running median of three (each point with its neighbours), so one
 *       slow run between fast ones (a GC, a scheduler hiccup) does not count as still warming up;</li>
 *   <li>{@link #reachedAfterRuns} is the number of leading runs before the smoothed curve enters, and
 *       stays within, {@link #TOLERANCE} above the steady P50 until the end: 0 when even the first
 *       run is steady, {@code n} when the curve never settles (see {@link #settled()}).</li>
 * </ol>
 * Only the slow side counts: a run faster than the steady P50 is warm, however much faster.
 *
 * @param firstMs the median latency of the first inference, in ms
 * @param steadyP50Ms the median latency over the last half of the iterations, in ms
 * @param reachedAfterRuns how many runs came before the curve settled at the steady latency
 * @param medianPerIterationMs the median across forks of each iteration, in ms, first inference first
 */
public record WarmupCurve(double firstMs, double steadyP50Ms, int reachedAfterRuns, List<Double> medianPerIterationMs) {

    /** How far above the steady P50 a warm run may be: 10 %. */
    public static final double TOLERANCE = 0.10;

    public WarmupCurve {
        medianPerIterationMs = List.copyOf(medianPerIterationMs);
    }

    /**
     * Analyses per-fork, per-iteration latencies.
     *
     * @throws IllegalArgumentException when there is no sample, or a latency is negative or not finite
     */
    public static WarmupCurve of(double[][] latenciesMs) {
        int iterations = 0;
        for (double[] fork : latenciesMs) {
            for (double value : fork) {
                if (!Double.isFinite(value) || value < 0) {
                    throw new IllegalArgumentException("latencies must be finite and >= 0 ms, found " + value);
                }
            }
            iterations = Math.max(iterations, fork.length);
        }
        if (iterations == 0) {
            throw new IllegalArgumentException("no latencies: a warm-up curve needs at least one fork with one iteration");
        }
        double[] curve = new double[iterations];
        for (int k = 0; k < iterations; k++) {
            curve[k] = Median.of(column(latenciesMs, k, k + 1));
        }
        double steady = Median.of(column(latenciesMs, iterations / 2, iterations));
        double limit = steady * (1 + TOLERANCE);
        int reached = iterations;
        for (int k = iterations - 1; k >= 0 && smoothed(curve, k) <= limit; k--) {
            reached = k;
        }
        return new WarmupCurve(curve[0], steady, reached, Arrays.stream(curve).boxed().toList());
    }

    /** True when the curve settled within the measured runs. */
    public boolean settled() {
        return reachedAfterRuns < medianPerIterationMs.size();
    }

    /** Every fork's values for iterations {@code from} (inclusive) to {@code to} (exclusive). */
    private static double[] column(double[][] latencies, int from, int to) {
        List<Double> values = new ArrayList<>();
        for (double[] fork : latencies) {
            for (int k = from; k < Math.min(to, fork.length); k++) {
                values.add(fork[k]);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The median of point k and its neighbours that exist. */
    private static double smoothed(double[] curve, int k) {
        return Median.of(Arrays.copyOfRange(curve, Math.max(0, k - 1), Math.min(curve.length, k + 2)));
    }
}
