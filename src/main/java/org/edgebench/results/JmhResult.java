package org.edgebench.results;

import org.edgebench.run.Configuration;
import org.openjdk.jmh.annotations.Mode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One JMH result entry: one benchmark method in one mode with one combination of parameters.
 *
 * @param benchmark        fully qualified method, e.g. {@code org.edgebench.bench.OrtSessionRunBenchmark.run}
 * @param mode             JMH's short mode: {@code sample}, {@code thrpt}, {@code avgt} or {@code ss}
 * @param params           JMH parameters in JMH's order (insertion-ordered, unmodifiable; empty when none)
 * @param scoreUnit        as JMH wrote it, e.g. {@code ms/op} or {@code ops/s}
 * @param score            NaN when JMH wrote {@code "NaN"}, infinite for {@code "+INF"}/{@code "-INF"}
 * @param scorePercentiles percentile (0.0, 50.0, ..., 100.0) to value in {@code scoreUnit}; empty when absent
 * @param rawDataHistogram [fork][iteration] histograms; empty unless the mode is {@code sample}
 * @param rawData          [fork][iteration] iteration scores in {@code scoreUnit}; empty when absent
 * @param secondaryMetrics by name, with the middle dot that JMH 1.36 and older put in front stripped
 * @param turnGroup        the run's group of configurations measured in turns with this one (its forks' JVM
 *                         option {@code -Dedgebench.turnGroup=N}); empty when it was measured on its own
 */
public record JmhResult(
        String benchmark,
        String mode,
        int forks,
        int threads,
        Map<String, String> params,
        String scoreUnit,
        double score,
        double scoreError,
        Map<Double, Double> scorePercentiles,
        List<List<Histogram>> rawDataHistogram,
        List<List<Double>> rawData,
        Map<String, SecondaryMetric> secondaryMetrics,
        String turnGroup) {

    /** The JVM option that marks a configuration's forks as measured in turns with the others of its group. */
    public static final String TURN_GROUP_OPTION = "-Dedgebench.turnGroup=";

    public JmhResult {
        turnGroup = turnGroup == null ? "" : turnGroup;
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        scorePercentiles = Collections.unmodifiableMap(new TreeMap<>(scorePercentiles));
        rawDataHistogram = rawDataHistogram.stream().map(List::copyOf).toList();
        rawData = rawData.stream().map(List::copyOf).toList();
        secondaryMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(secondaryMetrics));
    }

    /** A result measured on its own, not in turns. */
    public JmhResult(String benchmark, String mode, int forks, int threads, Map<String, String> params, String scoreUnit,
                     double score, double scoreError, Map<Double, Double> scorePercentiles,
                     List<List<Histogram>> rawDataHistogram, List<List<Double>> rawData,
                     Map<String, SecondaryMetric> secondaryMetrics) {
        this(benchmark, mode, forks, threads, params, scoreUnit, score, scoreError, scorePercentiles, rawDataHistogram,
                rawData, secondaryMetrics, "");
    }

    /**
     * True when this result and {@code other} were measured in turns, in the same group of one run:
     * fork i of each and iteration j of each fork took their turns side by side, so they pair.
     */
    public boolean measuredInTurnsWith(JmhResult other) {
        return !turnGroup.isEmpty() && turnGroup.equals(other.turnGroup);
    }

    /** A parameter's value, when the benchmark has that parameter. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** True when the primary score is a rate (Throughput mode, {@code ops/<time>}). */
    public boolean isRate() {
        return TimeUnits.isRate(scoreUnit);
    }

    /**
     * A value in {@code scoreUnit} as milliseconds per operation: scaled for time units, the
     * reciprocal for a rate (250 ops/s becomes 4 ms).
     */
    public double toMillis(double value) {
        return TimeUnits.toMillisPerOp(scoreUnit, value);
    }

    /** What this result measured, with which parameters and how many callers. */
    public Configuration configuration() {
        return new Configuration(benchmark, mode, threads, params);
    }

    /** Whether this result is of JMH's {@code mode}. */
    public boolean in(Mode mode) {
        return mode.shortLabel().equals(this.mode);
    }
}
