package org.edgebench.report.chart;

import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.stats.Distribution;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

import java.awt.Color;
import java.util.List;
import java.util.Optional;

/**
 * Every configuration with a distribution side by side: box P25 to P75, line at P50, whiskers
 * from the minimum to P99. The maximum is left out on purpose: one stalled call
 * would set the scale for all. A log scale takes over when the configurations span more than
 * {@value #LOG_SCALE_SPAN}x, so batch 1 and batch 32 both stay readable.
 */
final class BoxPlotChart {

    static final String FILE = "latency_boxplot.png";

    private static final double LOG_SCALE_SPAN = 20;
    /** Horizontal room per box once there are more than fit in the standard width. */
    private static final int PIXELS_PER_BOX = 48;
    private static final int MAX_WIDTH = 12_000;

    private BoxPlotChart() {
    }

    static int width(List<ConfigurationStats> stats) {
        long boxes = stats.stream().filter(ConfigurationStats::hasDistribution).count();
        return (int) Math.min(MAX_WIDTH, Math.max(ChartStyle.WIDTH, 250 + boxes * PIXELS_PER_BOX));
    }

    /** Empty when no configuration has a distribution (Throughput and AverageTime runs). */
    static Optional<JFreeChart> create(List<ConfigurationStats> stats, String subtitle) {
        List<ConfigurationStats> boxes = stats.stream().filter(ConfigurationStats::hasDistribution).toList();
        if (boxes.isEmpty()) {
            return Optional.empty();
        }
        DefaultBoxAndWhiskerCategoryDataset dataset = new DefaultBoxAndWhiskerCategoryDataset();
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (ConfigurationStats s : boxes) {
            Distribution d = s.distribution();
            double min = d.min();
            double p99 = s.p99Ms();
            // The outlier bounds are set to the whiskers so the axis range follows P99, not the maximum.
            dataset.add(new BoxAndWhiskerItem(d.mean(), s.p50Ms(), d.percentile(25), d.percentile(75),
                    min, p99, min, p99, List.of()), "latency", s.label());
            lowest = Math.min(lowest, min);
            highest = Math.max(highest, p99);
        }
        BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
        renderer.setSeriesPaint(0, ChartStyle.color(5));
        renderer.setSeriesOutlinePaint(0, Color.DARK_GRAY);
        renderer.setUseOutlinePaintForWhiskers(true);
        // JFreeChart sizes the mean dot from the box width, which hides a tight box; the mean is in the table.
        renderer.setMeanVisible(false);
        renderer.setMaxOutlierVisible(false);
        renderer.setMinOutlierVisible(false);
        renderer.setMaximumBarWidth(0.06);
        renderer.setDefaultToolTipGenerator(null);

        CategoryAxis x = new CategoryAxis("configuration");
        if (boxes.size() > 6) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        x.setMaximumCategoryLabelWidthRatio(3f);
        ValueAxis y;
        boolean log = lowest > 0 && highest / lowest > LOG_SCALE_SPAN;
        if (log) {
            LogAxis logAxis = ChartStyle.log2Axis("latency per call (ms, log scale)");
            logAxis.setSmallestValue(lowest / 2);
            y = logAxis;
        } else {
            NumberAxis linear = new NumberAxis("latency per call (ms)");
            linear.setAutoRangeIncludesZero(true);
            y = linear;
        }
        CategoryPlot plot = new CategoryPlot(dataset, x, y, renderer);
        JFreeChart chart = new JFreeChart("Latency per configuration (lower is better)", ChartStyle.TITLE_FONT, plot, false);
        String legend = "box: P25 to P75, line: P50, whiskers: min to P99 (max not drawn)";
        return Optional.of(ChartStyle.apply(chart, subtitle.isBlank() ? legend : legend + " | " + subtitle));
    }
}
