package org.edgebench.report.chart;

import org.edgebench.analysis.ConfigurationStats;
import org.openjdk.jmh.annotations.Mode;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Latency and throughput against batch size: one colour per line (provider, and model,
 * intra-op threads, callers, benchmark or mode when the run has several), the batch sizes as
 * categories so 1, 8 and 32 sit evenly apart. Single-shot results stay out: a cold call is another question.
 */
final class BatchCharts {

    static final String LATENCY_FILE = "latency_vs_batch.png";
    static final String THROUGHPUT_FILE = "throughput_vs_batch.png";

    private record Metric(String name, ToDoubleFunction<ConfigurationStats> value) {
    }

    private static final List<Metric> LATENCY_METRICS = List.of(
            new Metric("P50", ConfigurationStats::p50Ms),
            new Metric("P95", ConfigurationStats::p95Ms),
            new Metric("mean", ConfigurationStats::meanMs));

    private BatchCharts() {
    }

    /** Empty when fewer than two batch sizes: a line over one x value says nothing. */
    static Optional<JFreeChart> latency(List<ConfigurationStats> stats, String subtitle) {
        return chart(stats, LATENCY_METRICS, "Latency per call vs batch size (lower is better)",
                "latency per call (ms)", lineLegend(stats) + (subtitle.isBlank() ? "" : " | " + subtitle));
    }

    static Optional<JFreeChart> throughput(List<ConfigurationStats> stats, String subtitle) {
        return chart(stats, List.of(new Metric("", ConfigurationStats::throughputItemsPerS)),
                "Throughput vs batch size (higher is better)", "items per second", subtitle);
    }

    private static String lineLegend(List<ConfigurationStats> stats) {
        String lines = "solid: P50, dashed: P95, dotted: mean";
        return stats.stream().anyMatch(s -> !s.hasDistribution() && inChart(s))
                ? lines + " (thrpt/avgt: mean only, no distribution)" : lines;
    }

    /** The batch sizes the charts would have on their x axis, in order. */
    static List<String> batchSizes(List<ConfigurationStats> stats) {
        return stats.stream().filter(BatchCharts::inChart).sorted(Comparator.comparingInt(s -> s.configuration().itemsPerOp()))
                .map(s -> s.configuration().batchSize()).distinct().toList();
    }

    private static boolean inChart(ConfigurationStats s) {
        return s.configuration().hasBatchSize() && !s.configuration().in(Mode.SingleShotTime);
    }

    private static Optional<JFreeChart> chart(List<ConfigurationStats> stats, List<Metric> metrics, String title,
                                              String yLabel, String subtitle) {
        List<ConfigurationStats> rows = stats.stream().filter(BatchCharts::inChart)
                .sorted(Comparator.comparingInt(s -> s.configuration().itemsPerOp()))
                .toList();
        if (batchSizes(rows).size() < 2) {
            return Optional.empty();
        }
        Map<String, List<ConfigurationStats>> lines = new LinkedHashMap<>();
        List<String> names = SeriesNames.of(rows);
        for (int i = 0; i < rows.size(); i++) {
            lines.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(rows.get(i));
        }
        List<String> batches = rows.stream().map(s -> s.configuration().batchSize()).distinct().toList();
        List<String> keys = new ArrayList<>();
        List<Map<String, Double>> values = new ArrayList<>();
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        int line = 0;
        for (Map.Entry<String, List<ConfigurationStats>> entry : lines.entrySet()) {
            for (int m = 0; m < metrics.size(); m++) {
                Metric metric = metrics.get(m);
                Map<String, Double> byBatch = new LinkedHashMap<>();
                for (ConfigurationStats s : entry.getValue()) {
                    double v = metric.value().applyAsDouble(s);
                    if (Double.isFinite(v)) {
                        byBatch.put(s.configuration().batchSize(), v);
                    }
                }
                if (byBatch.isEmpty()) {
                    continue;
                }
                renderer.setSeriesPaint(keys.size(), ChartStyle.color(line));
                renderer.setSeriesStroke(keys.size(), ChartStyle.line(m));
                keys.add(metric.name().isEmpty() ? entry.getKey() : entry.getKey() + " " + metric.name());
                values.add(byBatch);
            }
            line++;
        }
        // Batch sizes outermost, so the categories come out in ascending order and every series has a row.
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (String batch : batches) {
            for (int k = 0; k < keys.size(); k++) {
                dataset.addValue(values.get(k).get(batch), keys.get(k), batch);
            }
        }
        CategoryAxis x = new CategoryAxis("batch size (items per call)");
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(true);
        CategoryPlot plot = new CategoryPlot(dataset, x, y, renderer);
        // One entry per colour, not per line style: the subtitle says what solid, dashed and dotted are, and 72
        // configurations still fit a legend the chart grows to hold (SmallMultiples.height).
        LegendItemCollection legend = new LegendItemCollection();
        int colour = 0;
        for (String name : lines.keySet()) {
            legend.add(SmallMultiples.line(name, ChartStyle.color(colour++), ChartStyle.line(0), null));
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, true);
        return Optional.of(ChartStyle.apply(chart, subtitle));
    }
}
