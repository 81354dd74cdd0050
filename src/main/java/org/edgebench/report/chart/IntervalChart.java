package org.edgebench.report.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * A dot-and-whisker chart: one column per configuration, one dot per run (the median over forks)
 * with a whisker from the slowest to the fastest fork. Values are relative to the reference run's
 * median, so configurations of any size and unit share one axis and the change reads directly.
 */
public final class IntervalChart {

    /** One run's points, relative to the reference: {@code y[i]} in {@code [low[i], high[i]]}. */
    public record Series(String name, double[] y, double[] low, double[] high) {
    }

    private IntervalChart() {
    }

    public static byte[] png(String title, String subtitle, String yLabel, List<String> categories, List<Series> series) {
        return png(title, subtitle, yLabel, categories, series, Double.NaN);
    }

    /** As above, with dashed lines at 1 - threshold and 1 + threshold unless {@code threshold} is NaN. */
    public static byte[] png(String title, String subtitle, String yLabel, List<String> categories,
                      List<Series> series, double threshold) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        double spread = 0.3;
        double step = series.size() == 1 ? 0 : spread / (series.size() - 1);
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            YIntervalSeries points = new YIntervalSeries(one.name());
            for (int i = 0; i < categories.size(); i++) {
                if (!Double.isNaN(one.y()[i])) {
                    // Runs side by side within a configuration's column, so whiskers do not overlap.
                    points.add(i - spread / 2 + s * step + (series.size() == 1 ? spread / 2 : 0),
                            one.y()[i], one.low()[i], one.high()[i]);
                }
            }
            data.addSeries(points);
        }
        SymbolAxis xAxis = new SymbolAxis(null, categories.toArray(String[]::new));
        xAxis.setGridBandsVisible(false);
        xAxis.setVerticalTickLabels(categories.size() > 4);
        xAxis.setRange(-0.5, categories.size() - 0.5);
        NumberAxis yAxis = new NumberAxis(yLabel);
        yAxis.setAutoRangeIncludesZero(false);
        // Identical runs would otherwise collapse the axis onto 1.0.
        yAxis.setAutoRangeMinimumSize(0.1);
        yAxis.setStandardTickUnits(NumberAxis.createStandardTickUnits());
        if (!Double.isNaN(threshold)) {
            // No change and both thresholds stay in view, so a whisker reads against them.
            double low = Math.min(1 - threshold, series.stream().flatMapToDouble(x -> Arrays.stream(x.low()))
                    .filter(v -> !Double.isNaN(v)).min().orElse(1));
            double high = Math.max(1 + threshold, series.stream().flatMapToDouble(x -> Arrays.stream(x.high()))
                    .filter(v -> !Double.isNaN(v)).max().orElse(1));
            double margin = 0.08 * (high - low);
            yAxis.setRange(low - margin, high + margin);
        }
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(false);
        renderer.setErrorStroke(new BasicStroke(1.5f));
        renderer.setCapLength(6);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, ChartStyle.color(s));
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setDomainGridlinesVisible(false);
        plot.addRangeMarker(new ValueMarker(1.0, Color.GRAY, new BasicStroke(1.5f)));
        if (!Double.isNaN(threshold)) {
            BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
            plot.addRangeMarker(new ValueMarker(1 + threshold, Color.GRAY, dashed));
            plot.addRangeMarker(new ValueMarker(1 - threshold, Color.GRAY, dashed));
        }
        JFreeChart chart = ChartStyle.apply(new JFreeChart(title, plot), subtitle);
        int pixels = Math.max(ChartStyle.WIDTH, 140 * categories.size() + 300);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartStyle.writePng(chart, pixels, ChartStyle.HEIGHT, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart " + title, e);
        }
        return out.toByteArray();
    }
}
