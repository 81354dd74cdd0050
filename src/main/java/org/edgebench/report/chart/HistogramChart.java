package org.edgebench.report.chart;

import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.text.Numbers;
import org.edgebench.stats.Distribution;
import org.openjdk.jmh.annotations.Mode;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultIntervalXYDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;

/**
 * One configuration's latency distribution as bars in ms, with P50, P95 and P99 marked. The
 * range ends at P99.9 so a few very slow calls do not squeeze the body into one bar; the calls
 * beyond it are counted in the last bar, and the subtitle says how many and how slow.
 */
final class HistogramChart {

    static final String FILE_PREFIX = "latency_histogram_";

    private static final int MIN_BINS = 8;
    private static final int MAX_BINS = 80;
    /** Beyond this share of the x range a marker label would run off the plot, so it goes left of its line. */
    private static final double LABEL_FLIP_AT = 0.75;

    private HistogramChart() {
    }

    static String fileName(ConfigurationStats stats) {
        return FILE_PREFIX + stats.fileLabel() + ".png";
    }

    static JFreeChart create(ConfigurationStats stats, String subtitle) {
        Distribution d = stats.distribution();
        double low = d.min();
        double p999 = Double.isFinite(stats.p999Ms()) ? stats.p999Ms() : d.max();
        double high = Math.max(low, Math.min(d.max(), p999));
        // Square-root rule: enough bars to show the shape, few enough that each bar has samples.
        int bins = (int) Math.max(MIN_BINS, Math.min(MAX_BINS, Math.round(Math.sqrt(d.total()))));
        double width = high > low ? (high - low) / bins : Math.max(low * 0.01, 1e-6);
        double[] counts = new double[bins];
        long beyond = 0;
        double[] values = d.valuesMs();
        long[] valueCounts = d.counts();
        for (int i = 0; i < values.length; i++) {
            if (values[i] > high) {
                beyond += valueCounts[i];
            }
            int bin = (int) Math.min(bins - 1, Math.max(0, Math.floor((values[i] - low) / width)));
            counts[bin] += valueCounts[i];
        }
        double[][] series = new double[6][bins];
        for (int b = 0; b < bins; b++) {
            double start = low + b * width;
            series[0][b] = start + width / 2;
            series[1][b] = start;
            series[2][b] = start + width;
            series[3][b] = counts[b];
            series[4][b] = counts[b];
            series[5][b] = counts[b];
        }
        DefaultIntervalXYDataset dataset = new DefaultIntervalXYDataset();
        dataset.addSeries("samples", series);

        XYBarRenderer renderer = new XYBarRenderer(0.05);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ChartStyle.color(5));
        NumberAxis x = new NumberAxis("latency per call (ms)");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("calls (count)");
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        double right = low + bins * width;
        mark(plot, "P50", stats.p50Ms(), ChartStyle.color(2), 0, low, right);
        mark(plot, "P95", stats.p95Ms(), ChartStyle.color(4), 1, low, right);
        mark(plot, "P99", stats.p99Ms(), ChartStyle.color(1), 2, low, right);

        String title = "Latency histogram: " + stats.label() + " (lower and narrower is better)";
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false);
        String counted = String.format(Locale.ROOT, "%,d calls, %d fork(s)", d.total(), stats.iterationMs().size())
                + (stats.configuration().in(Mode.SingleShotTime) ? ", one call per iteration (SingleShotTime)" : "");
        String tail = beyond == 0 ? "" : String.format(Locale.ROOT, " | %,d call(s) above P99.9 (%s ms, max %s ms) counted in the last bar",
                beyond, Numbers.ms(high), Numbers.ms(d.max()));
        String env = subtitle.isBlank() ? "" : " | " + subtitle;
        return ChartStyle.apply(chart, counted + tail + env);
    }

    /*
     * Labels step down by row so that close percentiles (a tight distribution) do not overprint
     * each other, and sit left of their line in the right part of the plot so they are not cut off.
     */
    private static void mark(XYPlot plot, String name, double valueMs, Color color, int row, double left, double right) {
        if (!Double.isFinite(valueMs)) {
            return;
        }
        ValueMarker marker = new ValueMarker(valueMs, color, new BasicStroke(2.5f));
        marker.setLabel(name + " " + Numbers.ms(valueMs) + " ms");
        marker.setLabelFont(ChartStyle.MARKER_FONT);
        marker.setLabelPaint(color.darker());
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 220));
        boolean nearRightEdge = right > left && (valueMs - left) / (right - left) > LABEL_FLIP_AT;
        marker.setLabelAnchor(nearRightEdge ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(nearRightEdge ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
        marker.setLabelOffset(new RectangleInsets(8 + 26 * row, 6, 0, 6));
        plot.addDomainMarker(marker);
    }
}
