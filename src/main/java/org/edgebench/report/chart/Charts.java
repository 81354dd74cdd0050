package org.edgebench.report.chart;

import org.edgebench.Tasks;
import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.analysis.RunAnalysis;
import org.edgebench.arrivals.ArrivalRow;
import org.edgebench.analysis.Workloads;
import org.edgebench.profile.Profiles;
import org.edgebench.run.AtomicFiles;
import org.edgebench.run.RunFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Draws the report's charts into {@code charts/}, one PNG per chart with a stable name. A chart
 * that the run has no data for (no batch sizes, no distribution) is left out and the HTML page
 * says why. Charts are drawn and encoded on a pool while the caller writes the text files; they
 * are written in a fixed order, so the HTML page does not depend on which finished first.
 */
public final class Charts {

    static final String FOLDER = RunFiles.CHARTS;

    /** Where a chart belongs on the HTML page. */
    public enum Kind {
        /** Every configuration at once: latency and throughput vs batch size, box plot, iterations. */
        OVERVIEW,
        /** A workload benchmark's chart (warm-up curve, DJL vs ONNX Runtime, thread scaling), a panel or bar per model. */
        WORKLOAD,
        /** Where one profiled configuration's time goes, by operator type ({@code --profile}). */
        OPERATORS,
        /** One configuration's latency histogram; its {@code group} is the configuration's model (or benchmark). */
        HISTOGRAM
    }

    /**
     * A chart written, for the HTML page: its path relative to the report folder, what it shows, its
     * kind and, for a histogram, the summary table it belongs with ({@code Configuration.group()});
     * empty for the others.
     */
    public record Chart(String path, String caption, Kind kind, String group) {
    }

    /** What was drawn, and a sentence for each chart that could not be. */
    public record Drawn(List<Chart> charts, List<String> missing) {
    }

    /** A chart being drawn: its PNG, or empty when the run has no data for it. */
    private record Pending(String path, String caption, Kind kind, String group, String whyMissing,
                           Future<Optional<byte[]>> png) {
    }

    /** Charts being drawn; {@link #writeTo} waits for them. */
    public static final class Drawing {

        private final List<Pending> pending;
        private final List<String> noHistograms;

        private Drawing(List<Pending> pending, List<String> noHistograms) {
            this.pending = pending;
            this.noHistograms = noHistograms;
        }

        /** Waits for every chart and stages it in {@code files}, in the order they were started. */
        public Drawn writeTo(AtomicFiles files) throws IOException {
            List<Chart> charts = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (Pending p : pending) {
                Optional<byte[]> png = Tasks.await(p.png());
                if (png.isEmpty()) {
                    missing.add(p.whyMissing());
                    continue;
                }
                files.write(p.path(), out -> out.write(png.get()));
                charts.add(new Chart(p.path(), p.caption(), p.kind(), p.group()));
            }
            missing.addAll(noHistograms);
            return new Drawn(charts, missing);
        }
    }

    private Charts() {
    }

    /** No chart at all, for a JVM that cannot draw text ({@link FontSupport}): the page says why. */
    public static Drawing none(String why) {
        return new Drawing(List.of(), List.of(why));
    }

    /**
     * Starts drawing every chart on {@code pool}: the four overviews first, then the workload charts
     * the run has data for (warm-up curve, DJL vs ONNX Runtime, thread scaling, providers side by
     * side, latency vs throughput by callers), then one per operator profile, then a histogram per
     * distribution.
     */
    public static Drawing draw(RunAnalysis analysis, Profiles profiles, String subtitle, ExecutorService pool) {
        return draw(analysis, profiles, List.of(), subtitle, pool);
    }

    /** {@link #draw(RunAnalysis, Profiles, String, ExecutorService)}, with the hockey stick of arrivals.csv's rows among the workload charts. */
    public static Drawing draw(RunAnalysis analysis, Profiles profiles, List<ArrivalRow> arrivals, String subtitle,
                               ExecutorService pool) {
        List<ConfigurationStats> stats = analysis.stats();
        List<Pending> pending = new ArrayList<>();
        List<String> batchSizes = BatchCharts.batchSizes(stats);
        String why = batchSizes.isEmpty() ? "no configuration has a batchSize parameter"
                : "the run has one batch size (" + batchSizes.get(0) + "), so each line would be a single point;"
                + " the box plot and the tables compare its configurations";
        start(pool, pending, Kind.OVERVIEW, "", BatchCharts.LATENCY_FILE,
                "P50, P95 and mean latency per call against batch size.",
                "no latency vs batch size chart: " + why,
                () -> BatchCharts.latency(stats, subtitle), ChartStyle.WIDTH);
        start(pool, pending, Kind.OVERVIEW, "", BatchCharts.THROUGHPUT_FILE, "Items per second against batch size.",
                "no throughput vs batch size chart: " + why,
                () -> BatchCharts.throughput(stats, subtitle), ChartStyle.WIDTH);
        start(pool, pending, Kind.OVERVIEW, "", BoxPlotChart.FILE, "Every configuration's distribution side by side.",
                "no box plot: no distribution in this mode (use -bm sample)",
                () -> BoxPlotChart.create(stats, subtitle), BoxPlotChart.width(stats));
        start(pool, pending, Kind.OVERVIEW, "", IterationChart.FILE,
                "Each iteration against the configuration's median: drift or a slow first iteration shows here.",
                "no iteration chart: fewer than two iterations per configuration",
                () -> IterationChart.create(stats, subtitle), ChartStyle.WIDTH);
        workloadCharts(analysis, subtitle, pool, pending);
        if (!arrivals.isEmpty()) {
            start(pool, pending, Kind.WORKLOAD, "", HockeyStickChart.FILE, "Response time against the offered Poisson rate"
                            + " (arrivals.csv): the queue's wait turns the curve up before the closed-loop maximum.",
                    "no response time vs offered load chart: fewer than two Poisson rates per configuration",
                    () -> HockeyStickChart.create(arrivals, subtitle), ChartStyle.WIDTH, ChartStyle.HEIGHT);
        }
        for (Profiles.Profiled p : profiles.profiled()) {
            start(pool, pending, Kind.OPERATORS, "", OperatorsChart.fileName(p),
                    "Where the time of " + p.configuration().label(false) + " goes: its operator types by share of the"
                            + " kernel time per inference, from ONNX Runtime's profile.", "",
                    () -> Optional.of(OperatorsChart.create(p, subtitle)), ChartStyle.WIDTH, ChartStyle.HEIGHT);
        }
        List<String> noHistograms = new ArrayList<>();
        for (ConfigurationStats s : stats) {
            if (s.hasDistribution()) {
                start(pool, pending, Kind.HISTOGRAM, s.configuration().group(), HistogramChart.fileName(s),
                        "Latency histogram of " + s.label() + ".", "",
                        () -> Optional.of(HistogramChart.create(s, subtitle)), ChartStyle.WIDTH);
            }
        }
        if (stats.stream().noneMatch(ConfigurationStats::hasDistribution)) {
            noHistograms.add("no latency histograms: no distribution in this mode (use -bm sample)");
        }
        return new Drawing(pending, noHistograms);
    }

    /*
     * The workload benchmarks' charts are started only when the run has their data, and say nothing
     * when it has not: a run of OrtSessionRunBenchmark alone is not missing a warm-up curve.
     */
    private static void workloadCharts(RunAnalysis analysis, String subtitle, ExecutorService pool,
                                       List<Pending> pending) {
        List<Workloads.Curve> curves = analysis.warmupCurves();
        if (!curves.isEmpty()) {
            start(pool, pending, Kind.WORKLOAD, "", WarmupCurveChart.FILE,
                    "Latency of each inference after session creation, per model and batch size: how long the warm-up takes.", "",
                    () -> WarmupCurveChart.create(curves, subtitle), ChartStyle.WIDTH);
        }
        List<Workloads.DjlPair> djl = analysis.djlPairs();
        if (!djl.isEmpty()) {
            start(pool, pending, Kind.WORKLOAD, "", DjlChart.FILE,
                    "P50 through DJL's Predictor next to raw ONNX Runtime, per model and configuration.", "",
                    () -> DjlChart.create(djl, subtitle), ChartStyle.WIDTH);
        }
        List<Workloads.ThreadLine> threads = analysis.threadLines();
        if (!threads.isEmpty()) {
            start(pool, pending, Kind.WORKLOAD, "", ThreadScalingChart.FILE,
                    "Items per second against intra-op threads, as a speed-up over the fewest threads, per model.", "",
                    () -> ThreadScalingChart.create(threads, subtitle), ChartStyle.WIDTH);
        }
        List<Workloads.ProviderGroup> providers = analysis.providerGroups();
        if (!providers.isEmpty()) {
            start(pool, pending, Kind.WORKLOAD, "", ProvidersChart.FILE, "P50 latency of each execution provider against batch size,"
                            + " labelled with the speed-up over the reference provider.",
                    "no providers chart: no P50 in this mode (use -bm sample)",
                    () -> ProvidersChart.create(providers, subtitle), ChartStyle.WIDTH, ProvidersChart.height(providers));
        }
        List<Workloads.CallerLine> callers = analysis.callerLines();
        if (!callers.isEmpty()) {
            start(pool, pending, Kind.WORKLOAD, "", LatencyThroughputChart.FILE,
                    "Per-call P50 and P95 against total items per second, one point per caller count: where latency climbs"
                            + " without more throughput, more callers only queue.",
                    "no latency vs throughput chart: the caller counts have no latency distribution in this mode (use -bm sample)",
                    () -> LatencyThroughputChart.create(callers, subtitle), ChartStyle.WIDTH);
        }
    }

    /** Draws and encodes a tiny throwaway chart, so the classes and fonts every chart needs are loaded. */
    public static void warmUp() {
        XYPlot plot = new XYPlot(new XYSeriesCollection(), new NumberAxis("x"), new NumberAxis("y"), new XYBarRenderer());
        png(ChartStyle.apply(new JFreeChart("warm-up", ChartStyle.TITLE_FONT, plot, false), "warm-up"), 64, ChartStyle.HEIGHT);
    }

    /** A chart as tall as its panels make it. */
    private static void start(ExecutorService pool, List<Pending> pending, Kind kind, String group, String name,
                              String caption, String whyMissing, Supplier<Optional<JFreeChart>> chart, int width) {
        start(pool, pending, kind, group, name, caption, whyMissing, chart, width, 0);
    }

    /** {@code height} 0 lets the chart's panels decide; the providers chart sizes itself by its groups. */
    private static void start(ExecutorService pool, List<Pending> pending, Kind kind, String group, String name,
                              String caption, String whyMissing, Supplier<Optional<JFreeChart>> chart, int width, int height) {
        Future<Optional<byte[]>> png = pool.submit(() -> chart.get()
                .map(c -> png(c, width, height > 0 ? height : SmallMultiples.height(c))));
        pending.add(new Pending(FOLDER + "/" + name, caption, kind, group, whyMissing, png));
    }

    private static byte[] png(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 17);
        try {
            ChartStyle.writePng(chart, width, height, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
