package org.edgebench.analysis;

import org.edgebench.results.Histogram;
import org.edgebench.results.JmhResult;
import org.edgebench.results.SecondaryMetric;
import org.edgebench.results.TimeUnits;
import org.edgebench.run.Configuration;
import org.edgebench.stats.Distribution;
import org.openjdk.jmh.annotations.Mode;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the report: a configuration and its statistics in milliseconds, derived once from
 * a {@link JmhResult} so every output (CSV, summary, charts, HTML) shows the same numbers.
 * Values a mode cannot give are NaN (written as empty cells, never as zeros).
 *
 * @param label          short, unique within the run ({@code student CPU b8 t0})
 * @param fileLabel      {@code label} made safe for file names ({@code student_CPU_b8_t0})
 * @param samples        SampleTime: timed calls; SingleShotTime: shots; Throughput and
 *                       AverageTime: measurement iterations (JMH's "Cnt")
 * @param peakRssMb      the fork's peak resident set size in MB, the highest over iterations and forks
 *                       (EdgeBench's {@code mem.rss.peak}); NaN when not measured
 * @param tensorMb       the input and output tensors of one call in MB ({@code mem.tensors}); NaN when not measured
 * @param distribution   the latency distribution, or null when the mode has none (thrpt, avgt)
 * @param iterationMs    [fork][iteration] mean latency of each measurement iteration in ms
 */
public record ConfigurationStats(
        JmhResult result,
        Configuration configuration,
        String label,
        String fileLabel,
        long samples,
        double meanMs,
        double p50Ms,
        double p90Ms,
        double p95Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        double errorMs,
        double throughputItemsPerS,
        double allocBytesPerOp,
        double peakRssMb,
        double tensorMb,
        Distribution distribution,
        List<List<Double>> iterationMs) {

    /** The secondary metric {@code -prof gc} writes for Java heap bytes allocated per operation. */
    public static final String ALLOC_METRIC = "gc.alloc.rate.norm";
    /** The secondary metric EdgeBench's memory profiler writes for the fork's peak resident set size (MB, the maximum). */
    public static final String RSS_METRIC = "mem.rss.peak";
    /** The secondary metric EdgeBench's memory profiler writes for the bytes of a call's input and output tensors (MB). */
    public static final String TENSOR_METRIC = "mem.tensors";

    public static ConfigurationStats of(JmhResult result, String label, String fileLabel) {
        Configuration configuration = result.configuration();
        Distribution distribution = result.in(Mode.SampleTime) ? Distribution.ofHistograms(result)
                : result.in(Mode.SingleShotTime) ? Distribution.ofRawData(result) : null;
        // A rate is the sum over threads, so one call takes threads / rate.
        double meanMs = result.isRate() ? result.toMillis(result.score()) * result.threads() : result.toMillis(result.score());
        double errorMs = result.isRate() ? meanMs * result.scoreError() / result.score() : result.toMillis(result.scoreError());
        double throughput = throughput(result, configuration, meanMs);
        SecondaryMetric alloc = result.secondaryMetrics().get(ALLOC_METRIC);
        boolean hasDistribution = distribution != null && !distribution.isEmpty();
        long samples = hasDistribution ? distribution.total()
                : result.rawData().stream().mapToLong(List::size).sum();
        return new ConfigurationStats(result, configuration, label, fileLabel, samples, meanMs,
                hasDistribution ? percentile(result, distribution, 50.0) : Double.NaN,
                hasDistribution ? percentile(result, distribution, 90.0) : Double.NaN,
                hasDistribution ? percentile(result, distribution, 95.0) : Double.NaN,
                hasDistribution ? percentile(result, distribution, 99.0) : Double.NaN,
                hasDistribution ? percentile(result, distribution, 99.9) : Double.NaN,
                hasDistribution ? distribution.max() : Double.NaN,
                errorMs,
                throughput,
                alloc == null ? Double.NaN : alloc.score(),
                megabytes(result.secondaryMetrics().get(RSS_METRIC)),
                megabytes(result.secondaryMetrics().get(TENSOR_METRIC)),
                hasDistribution ? distribution : null,
                iterationMs(result));
    }

    /** A memory metric's score in MB; NaN when absent or in another unit, so a number is never mislabelled. */
    private static double megabytes(SecondaryMetric metric) {
        return metric != null && "MB".equals(metric.scoreUnit()) ? metric.score() : Double.NaN;
    }

    /**
     * Items per second: JMH's score for a rate (times the batch); otherwise threads x batch
     * over the mean latency. A single shot includes one-off costs, so it gets none.
     */
    private static double throughput(JmhResult result, Configuration configuration, double meanMs) {
        if (result.isRate()) {
            return TimeUnits.toOpsPerSecond(result.scoreUnit(), result.score()) * configuration.itemsPerOp();
        }
        if (result.in(Mode.SingleShotTime)) {
            return Double.NaN;
        }
        return result.threads() * configuration.itemsPerOp() * 1000.0 / meanMs;
    }

    /** JMH's own percentile when it wrote one (its console shows the same), else ours from the distribution. */
    private static double percentile(JmhResult result, Distribution distribution, double p) {
        Double jmh = result.scorePercentiles().get(p);
        return jmh != null && Double.isFinite(jmh) ? result.toMillis(jmh) : distribution.percentile(p);
    }

    private static List<List<Double>> iterationMs(JmhResult result) {
        List<List<Double>> forks = new ArrayList<>();
        if (!result.rawDataHistogram().isEmpty()) {
            for (List<Histogram> fork : result.rawDataHistogram()) {
                List<Double> means = new ArrayList<>(fork.size());
                for (Histogram iteration : fork) {
                    means.add(result.toMillis(Distribution.of(iteration.values(), iteration.counts()).mean()));
                }
                forks.add(means);
            }
            return forks;
        }
        double perThread = result.isRate() ? result.threads() : 1;
        for (List<Double> fork : result.rawData()) {
            forks.add(fork.stream().map(v -> result.toMillis(v) * perThread).toList());
        }
        return forks;
    }

    /** True when the mode gives a latency distribution (SampleTime, SingleShotTime). */
    public boolean hasDistribution() {
        return distribution != null;
    }

    /** Coefficient of variation of the latency (standard deviation / mean), NaN without a distribution. */
    public double cv() {
        return hasDistribution() ? distribution.stdDev() / distribution.mean() : Double.NaN;
    }

    /** P99 / P50, NaN without a distribution. */
    public double tailRatio() {
        return p99Ms / p50Ms;
    }

    /** JMH's error as a fraction of its score (unit-free). */
    public double relativeError() {
        return Math.abs(result.scoreError() / result.score());
    }
}
