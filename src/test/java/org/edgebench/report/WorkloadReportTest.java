package org.edgebench.report;

import org.edgebench.analysis.BatchAdvisor;
import org.edgebench.analysis.WarmupCurve;
import org.edgebench.report.chart.ChartStyle;
import org.edgebench.report.chart.DjlChart;
import org.edgebench.report.chart.LatencyThroughputChart;
import org.edgebench.report.chart.ProvidersChart;
import org.edgebench.report.chart.ThreadScalingChart;
import org.edgebench.report.chart.WarmupCurveChart;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.edgebench.stats.ForkValues;
import org.edgebench.stats.Median;
import org.edgebench.stats.Metric;
import org.edgebench.stats.Ratio;
import org.edgebench.text.Numbers;
import org.edgebench.text.RatioText;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workload sections and charts on real runs of the suite ({@code workloads/}, see
 * resources/report/README.md): warm-up curve, cold start, DJL vs raw ONNX Runtime, fp32 vs int8,
 * thread scaling. The numbers checked here are recomputed from the fixtures' JMH JSON.
 */
class WorkloadReportTest {

    private static final String WARMUP_CHART = "charts/" + WarmupCurveChart.FILE;
    private static final String DJL_CHART = "charts/" + DjlChart.FILE;
    private static final String THREADS_CHART = "charts/" + ThreadScalingChart.FILE;

    @TempDir
    Path dir;

    /** summary.txt matches the reviewed copy in resources/report/golden. */
    @Tag("golden")
    @ParameterizedTest
    @ValueSource(strings = {"full", "djl-int8", "threads", "cold-warmup"})
    void matchesGoldenSummary(String name) throws IOException {
        Path run = Fixtures.recordedRun("workloads/" + name, dir);

        Report.write(run, null, BatchAdvisor.DEFAULT_SLO_MS);

        String summary = Files.readString(run.resolve("summary.txt")).replace(run.resolve("jmh.json").toString(), "<input>");
        Golden.assertMatches(summary, "workloads-" + name + ".summary.txt");
    }

    @Test
    void warmupLinesAreTheAnalysisOfEachForksShots() throws IOException {
        Path run = Fixtures.recordedRun("workloads/full", dir);
        Map<String, WarmupCurve> curves = JmhJson.read(run).stream()
                .filter(r -> r.benchmark().endsWith("WarmupCurveBenchmark.run"))
                .collect(Collectors.toMap(r -> r.params().get("model"), r -> WarmupCurve.of(r.rawData().stream()
                        .map(fork -> fork.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new))));

        Report.write(run, null, 100);

        String summary = Files.readString(run.resolve("summary.txt"));
        assertThat(curves).containsOnlyKeys("student", "student-int8");
        curves.forEach((model, curve) -> {
            assertThat(curve.settled()).isTrue();
            assertThat(summary).contains(model + " CPU b1 t1: first inference " + Numbers.ms(curve.firstMs()) + " ms ("
                    + Ratio.times(curve.firstMs() / curve.steadyP50Ms()) + " steady), steady P50 "
                    + Numbers.ms(curve.steadyP50Ms()) + " ms, reached after about " + curve.reachedAfterRuns()
                    + " runs (median of 5 forks)\n");
        });
    }

    @Test
    void coldStartIsTheMedianOfTheForksNextToTheWarmP50() throws IOException {
        Path run = Fixtures.recordedRun("workloads/full", dir);
        List<JmhResult> results = JmhJson.read(run);
        JmhResult cold = find(results, "SessionColdStartBenchmark.createSessionAndRunFirst", "student");
        JmhResult warm = find(results, "OrtSessionRunBenchmark.run", "student");
        double[] shots = cold.rawData().stream().mapToDouble(fork -> fork.get(0)).sorted().toArray();
        double median = (shots[4] + shots[5]) / 2;
        double warmP50 = warm.scorePercentiles().get(50.0);

        Report.write(run, null, 100);

        assertThat(shots).hasSize(10);
        assertThat(Files.readString(run.resolve("summary.txt"))).contains("student CPU b1 t1: cold start " + Numbers.ms(median)
                + " ms (median of 10 forks, " + Numbers.ms(shots[0]) + " to " + Numbers.ms(shots[9]) + " ms) = "
                + Ratio.times(median / warmP50) + " the warm P50 " + Numbers.ms(warmP50) + " ms\n");
    }

    @Test
    void djlAndInt8TablesHoldBothSidesAndTheRatioOfTheirForks() throws IOException {
        Path run = Fixtures.recordedRun("workloads/djl-int8", dir);
        List<JmhResult> results = JmhJson.read(run);
        JmhResult raw = find(results, "OrtSessionRunBenchmark.run", "student", "8");
        JmhResult djl = find(results, "DjlPredictorBenchmark.predict", "student", "8");
        JmhResult int8 = find(results, "OrtSessionRunBenchmark.run", "student-int8", "8");
        double rawP50 = raw.scorePercentiles().get(50.0);
        double djlP50 = djl.scorePercentiles().get(50.0);

        Report.write(run, null, 100);

        String summary = Files.readString(run.resolve("summary.txt"));
        assertThat(line(summary, "student CPU b8 t1 ").split(" {2,}")).containsExactly("student CPU b8 t1", "P50 ms",
                Numbers.ms(rawP50), Numbers.ms(djlP50), "+" + Numbers.ms(djlP50 - rawP50),
                RatioText.cell(Optional.of(twoForkRatio(raw, djl))));
        assertThat(line(summary, "OrtSessionRunBenchmark.run CPU b8 t1 ").split(" {2,}")).containsExactly(
                "OrtSessionRunBenchmark.run CPU b8 t1", "P50 ms", Numbers.ms(rawP50), Numbers.ms(int8.scorePercentiles().get(50.0)),
                RatioText.cell(Optional.of(twoForkRatio(raw, int8).speedUp())));
        assertThat(summary).contains("== What the DJL layer costs", "== fp32 vs int8", "-- student (fp32) vs student-int8 --",
                        "[low, high]: the 95% interval of the ratio over forks")
                .doesNotContain("== Warm-up", "== Cold start", "== Thread scaling", "== Providers side by side");
    }

    /** A fixture's DJL sits within noise of raw ONNX Runtime at batch 1, and the line under the table says so. */
    @Test
    void aRatioWhoseIntervalHoldsOneIsWithinNoise() throws IOException {
        Path run = Fixtures.recordedRun("workloads/full", dir);
        List<JmhResult> results = JmhJson.read(run);
        Ratio ratio = twoForkRatio(find(results, "OrtSessionRunBenchmark.run", "student"),
                find(results, "DjlPredictorBenchmark.predict", "student"));

        Report.write(run, null, 100);

        assertThat(ratio.withinNoise()).isTrue();
        String summary = Files.readString(run.resolve("summary.txt"));
        assertThat(line(summary, "student CPU b1 t1 ")).endsWith(ratio.text() + " within noise");
        assertThat(summary).contains(" per call); within noise: student CPU b1 t1\n");
    }

    @Test
    void everyWorkloadChartDecodesIsDrawnAndIsInTheHtml() throws IOException {
        Path full = Fixtures.recordedRun("workloads/full", dir.resolve("full"));
        Path threads = Fixtures.recordedRun("workloads/threads", dir.resolve("threads"));

        Report.write(full, null, 100);
        Report.write(threads, null, 100);

        for (Path chart : List.of(full.resolve(WARMUP_CHART), full.resolve(DJL_CHART), threads.resolve(THREADS_CHART))) {
            BufferedImage image = ImageIO.read(chart.toFile());
            assertThat(image).as(chart.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(ChartStyle.WIDTH);
            assertThat(image.getHeight()).isEqualTo(ChartStyle.HEIGHT);
            assertThat(ReportTest.inkFraction(image)).as("share of non-white pixels in " + chart).isGreaterThan(0.03);
        }
        assertThat(full.resolve(THREADS_CHART)).doesNotExist();
        assertThat(threads.resolve(WARMUP_CHART)).doesNotExist();
        assertThat(threads.resolve(DJL_CHART)).doesNotExist();
        String html = Files.readString(full.resolve("index.html"));
        assertThat(html).contains("<img src=\"" + WARMUP_CHART + "\"", "<img src=\"" + DJL_CHART + "\"",
                "<h2>Warm-up: the first inferences after session creation (WarmupCurveBenchmark)</h2>",
                "<h2>Cold start: session creation + first inference (SessionColdStartBenchmark)</h2>",
                "<h3>DJL Predictor vs raw ONNX Runtime</h3>", "<h3>student (fp32) vs student-int8</h3>",
                "<th>speed-up</th>")
                .doesNotContain(THREADS_CHART, "no warm-up", "Thread scaling");
        assertThat(Files.readString(threads.resolve("index.html")))
                .contains("<img src=\"" + THREADS_CHART + "\"", "<h2>Thread scaling (intraOpThreads)</h2>",
                        "<td>student-int8 b8</td><td class=\"num\">2</td>");
        assertThat(Files.readString(full.resolve("summary.md")))
                .contains("## Cold start: session creation + first inference (SessionColdStartBenchmark)\n\n- student CPU b1 t1: cold start ",
                        "### student (fp32) vs student-int8\n\n| configuration | metric | fp32 | int8 | speed-up |");
    }

    /** The runs in fixtures/ hold none of these benchmarks and one provider, so their reports gain nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"fixtures/sample", "fixtures/gc", "fixtures/ss"})
    void aRunWithoutTheWorkloadBenchmarksGetsNoneOfTheirSectionsOrCharts(String folder) throws IOException {
        Path run = Fixtures.recordedRun(folder, dir);

        Report.write(run, null, 100);

        List<String> charts;
        try (Stream<Path> files = Files.list(run.resolve("charts"))) {
            charts = files.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(charts).doesNotContain(WarmupCurveChart.FILE, DjlChart.FILE, ThreadScalingChart.FILE, ProvidersChart.FILE,
                LatencyThroughputChart.FILE);
        assertThat(Files.readString(run.resolve("index.html")))
                .doesNotContain("Warm-up", "Cold start", "DJL", "int8", "Thread scaling", "Providers side by side", "Concurrent callers");
    }

    private static JmhResult find(List<JmhResult> results, String benchmark, String model) {
        return find(results, benchmark, model, "1");
    }

    private static JmhResult find(List<JmhResult> results, String benchmark, String model, String batch) {
        return results.stream().filter(r -> r.benchmark().endsWith("." + benchmark) && model.equals(r.params().get("model"))
                && batch.equals(r.params().get("batchSize"))).findFirst().orElseThrow();
    }

    /**
     * The P50 ratio of {@code other} to {@code reference} computed by hand: the ratio of the fork
     * medians, and, with two forks a side, the interval from the lowest to the highest fork ratio
     * (the extreme pairing has probability 1/16 of the resamples, more than either 2.5% tail).
     */
    private static Ratio twoForkRatio(JmhResult reference, JmhResult other) {
        double[] a = ForkValues.of(reference, Metric.P50);
        double[] b = ForkValues.of(other, Metric.P50);
        assertThat(a).hasSize(2);
        assertThat(b).hasSize(2);
        return new Ratio(Median.of(b) / Median.of(a), Math.min(b[0], b[1]) / Math.max(a[0], a[1]),
                Math.max(b[0], b[1]) / Math.min(a[0], a[1]), 2, 2);
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no line " + prefix));
    }
}
