package org.edgebench.report.chart;

import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.analysis.Workloads;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * {@code charts/latency_vs_throughput.png}: total items per second (x) against the per-call P50
 * (solid) and P95 (dashed), one point per caller count, labelled with it, one colour per
 * configuration. While more callers add throughput a line moves right; where it turns upward
 * without moving right is the knee: beyond it, another caller buys latency, not items/s.
 */
public final class LatencyThroughputChart {

    public static final String FILE = "latency_vs_throughput.png";

    private record Metric(String name, ToDoubleFunction<ConfigurationStats> value) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("P50", ConfigurationStats::p50Ms),
            new Metric("P95", ConfigurationStats::p95Ms));

    private static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();

    private LatencyThroughputChart() {
    }

    /** Empty when no configuration has two caller counts with a latency distribution. */
    static Optional<JFreeChart> create(List<Workloads.CallerLine> lines, String subtitle) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        // The caller count of every point, by series and item, for its label.
        List<List<Integer>> callers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Workloads.CallerLine line = lines.get(i);
            for (int m = 0; m < METRICS.size(); m++) {
                Metric metric = METRICS.get(m);
                // In caller order, not sorted by items/s: a line that turns back shows callers that cost throughput.
                XYSeries series = new XYSeries(line.name() + " " + metric.name(), false, true);
                List<Integer> counts = new ArrayList<>();
                for (ConfigurationStats s : line.points()) {
                    double latency = metric.value().applyAsDouble(s);
                    if (Double.isFinite(latency) && Double.isFinite(s.throughputItemsPerS())) {
                        series.add(s.throughputItemsPerS(), latency);
                        counts.add(s.configuration().callers());
                    }
                }
                if (counts.size() < 2) {
                    continue;
                }
                int index = dataset.getSeriesCount();
                dataset.addSeries(series);
                callers.add(counts);
                renderer.setSeriesPaint(index, ChartStyle.color(i));
                renderer.setSeriesStroke(index, ChartStyle.line(m));
                // One shape per metric, whatever the configuration, so P50 and P95 points read apart in every colour.
                renderer.setSeriesShape(index, SHAPES[m]);
            }
        }
        if (dataset.getSeriesCount() == 0) {
            return Optional.empty();
        }
        renderer.setDefaultItemLabelGenerator((data, series, item) -> Integer.toString(callers.get(series).get(item)));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartStyle.MARKER_FONT);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        NumberAxis x = new NumberAxis("items per second, all callers together (higher is better)");
        // Not from zero: the points sit close together on the right, and the knee is in their spacing.
        x.setAutoRangeIncludesZero(false);
        x.setLowerMargin(0.08);
        x.setUpperMargin(0.08);
        NumberAxis y = new NumberAxis("latency per call (ms, lower is better)");
        y.setAutoRangeIncludesZero(true);
        // Room above the highest point for its label.
        y.setUpperMargin(0.1);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        // One entry per colour; the subtitle says which line style is which metric. The chart grows to hold a long legend.
        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < lines.size(); i++) {
            legend.add(SmallMultiples.line(lines.get(i).name(), ChartStyle.color(i), ChartStyle.line(0), null));
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart("Latency vs throughput by callers (JMH threads calling one session)",
                ChartStyle.TITLE_FONT, plot, true);
        List<String> parts = new ArrayList<>(List.of("solid: P50, dashed: P95; the number at a point: callers"));
        if (!subtitle.isBlank()) {
            parts.add(subtitle);
        }
        return Optional.of(ChartStyle.apply(chart, String.join(" | ", parts)));
    }
}
