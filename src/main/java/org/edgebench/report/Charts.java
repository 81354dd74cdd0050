package org.edgebench.report;

import org.jfree.chart.JFreeChart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draws the report's charts into {@code charts/}, one PNG per chart with a stable name. A chart
 * that the run has no data for (no batch sizes, no distribution) is left out and the HTML page
 * says why.
 */
final class Charts {

    static final String FOLDER = "charts";

    /** A chart written, for the HTML page: its path relative to the report folder, and what it shows. */
    record Chart(String path, String caption) {
    }

    /** What was drawn, and a sentence for each chart that could not be. */
    record Drawn(List<Chart> charts, List<String> missing) {
    }

    private Charts() {
    }

    static Drawn write(List<ConfigurationStats> stats, String subtitle, AtomicFiles files) throws IOException {
        List<Chart> charts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        write(files, charts, missing, BatchCharts.LATENCY_FILE, BatchCharts.latency(stats, subtitle), ChartStyle.WIDTH,
                "P50, P95 and mean latency per call against batch size.",
                "no latency vs batch size chart: no configuration has a batchSize parameter");
        write(files, charts, missing, BatchCharts.THROUGHPUT_FILE, BatchCharts.throughput(stats, subtitle), ChartStyle.WIDTH,
                "Items per second against batch size.",
                "no throughput vs batch size chart: no configuration has a batchSize parameter");
        write(files, charts, missing, BoxPlotChart.FILE, BoxPlotChart.create(stats, subtitle), BoxPlotChart.width(stats),
                "Every configuration's distribution side by side.",
                "no box plot: no distribution in this mode (use -bm sample)");
        write(files, charts, missing, IterationChart.FILE, IterationChart.create(stats, subtitle), ChartStyle.WIDTH,
                "Each iteration against the configuration's median: drift or a slow first iteration shows here.",
                "no iteration chart: fewer than two iterations per configuration");
        // One histogram per configuration can mean hundreds of PNGs: draw them on all cores, write them in order.
        List<ConfigurationStats> withDistribution = stats.stream().filter(ConfigurationStats::hasDistribution).toList();
        List<byte[]> pngs = withDistribution.parallelStream().map(s -> png(HistogramChart.create(s, subtitle))).toList();
        for (int i = 0; i < pngs.size(); i++) {
            byte[] png = pngs.get(i);
            String path = FOLDER + "/" + HistogramChart.fileName(withDistribution.get(i));
            files.write(path, out -> out.write(png));
            charts.add(new Chart(path, "Latency histogram of " + withDistribution.get(i).label() + "."));
        }
        if (stats.stream().noneMatch(ConfigurationStats::hasDistribution)) {
            missing.add("no latency histograms: no distribution in this mode (use -bm sample)");
        }
        return new Drawn(charts, missing);
    }

    private static byte[] png(JFreeChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            ChartStyle.writePng(chart, ChartStyle.WIDTH, ChartStyle.HEIGHT, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(AtomicFiles files, List<Chart> charts, List<String> missing, String name,
                              Optional<JFreeChart> chart, int width, String caption, String whyMissing) throws IOException {
        if (chart.isEmpty()) {
            missing.add(whyMissing);
            return;
        }
        String path = FOLDER + "/" + name;
        files.write(path, out -> ChartStyle.writePng(chart.get(), width, ChartStyle.HEIGHT, out));
        charts.add(new Chart(path, caption));
    }
}
