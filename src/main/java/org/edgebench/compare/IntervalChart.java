package org.edgebench.compare;

import org.jfree.chart.ChartUtils;
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
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A dot-and-whisker chart: one column per configuration, one dot per run (the median over forks)
 * with a whisker from the slowest to the fastest fork. Values are relative to the reference run's
 * median, so configurations of any size and unit share one axis and the change reads directly.
 */
final class IntervalChart {

    /** One run's points, relative to the reference: {@code y[i]} in {@code [low[i], high[i]]}. */
    record Series(String name, double[] y, double[] low, double[] high) {
    }

    private static final Color[] COLORS = {
        new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52),
        new Color(0x8172B3), new Color(0x937860), new Color(0xDA8BC3), new Color(0x8C8C8C)};

    private IntervalChart() {
    }

    static void write(Path file, String title, String yLabel, List<String> categories, List<Series> series) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        double width = 0.3;
        double step = series.size() == 1 ? 0 : width / (series.size() - 1);
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            YIntervalSeries points = new YIntervalSeries(one.name());
            for (int i = 0; i < categories.size(); i++) {
                if (!Double.isNaN(one.y()[i])) {
                    // Runs side by side within a configuration's column, so whiskers do not overlap.
                    points.add(i - width / 2 + s * step + (series.size() == 1 ? width / 2 : 0),
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
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(false);
        renderer.setErrorStroke(new BasicStroke(1.5f));
        renderer.setCapLength(6);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, COLORS[s % COLORS.length]);
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setDomainGridlinesVisible(false);
        plot.addRangeMarker(new ValueMarker(1.0, Color.GRAY, new BasicStroke(1f)));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            Files.createDirectories(file.getParent());
            ChartUtils.saveChartAsPNG(file.toFile(), chart, Math.max(800, 110 * categories.size() + 200), 560);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
