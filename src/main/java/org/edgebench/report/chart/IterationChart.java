package org.edgebench.report.chart;

import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.stats.Median;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each measurement iteration's mean latency in run order (fork after fork), divided by the
 * configuration's median iteration so configurations of very different speed share one axis:
 * 1.0 is typical, a first point high above 1 is a slow first iteration, a slope is drift.
 * JMH's JSON holds no warm-up iterations, so the curve starts after warm-up.
 */
final class IterationChart {

    static final String FILE = "latency_over_iterations.png";

    private IterationChart() {
    }

    static Optional<JFreeChart> create(List<ConfigurationStats> stats, String subtitle) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        List<Integer> forkSizes = null;
        boolean sameForkSizes = true;
        for (ConfigurationStats s : stats) {
            double[] all = s.iterationMs().stream().flatMap(List::stream).mapToDouble(Double::doubleValue)
                    .filter(Double::isFinite).toArray();
            if (all.length < 2) {
                continue;
            }
            double median = Median.of(all);
            XYSeries series = new XYSeries(s.label(), false, true);
            int n = 0;
            for (List<Double> fork : s.iterationMs()) {
                for (double ms : fork) {
                    n++;
                    if (Double.isFinite(ms)) {
                        series.add(n, ms / median);
                    }
                }
            }
            List<Integer> sizes = s.iterationMs().stream().map(List::size).toList();
            sameForkSizes &= forkSizes == null || forkSizes.equals(sizes);
            forkSizes = sizes;
            renderer.setSeriesPaint(dataset.getSeriesCount(), ChartStyle.color(dataset.getSeriesCount()));
            renderer.setSeriesStroke(dataset.getSeriesCount(), new BasicStroke(2.5f));
            dataset.addSeries(series);
        }
        if (dataset.getSeriesCount() == 0) {
            return Optional.empty();
        }
        NumberAxis x = new NumberAxis("measurement iteration (forks in order)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("iteration mean / median iteration");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        ValueMarker typical = new ValueMarker(1.0, ChartStyle.GRID.darker(), new BasicStroke(1.5f));
        plot.addRangeMarker(typical);
        if (sameForkSizes && forkSizes.size() > 1) {
            int boundary = 0;
            for (int f = 0; f < forkSizes.size() - 1; f++) {
                boundary += forkSizes.get(f);
                plot.addDomainMarker(new ValueMarker(boundary + 0.5, ChartStyle.GRID.darker(),
                        new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[]{6f, 6f}, 0f)));
            }
        }
        // Every configuration in the legend: the chart grows to hold it (SmallMultiples.height), so none goes unnamed.
        JFreeChart chart = new JFreeChart("Iteration latency over the run (lower and flatter is better)",
                ChartStyle.TITLE_FONT, plot, true);
        List<String> parts = new ArrayList<>();
        parts.add("1.0 = the configuration's median iteration; dashed lines separate forks; warm-up is not in JMH's JSON");
        if (!subtitle.isBlank()) {
            parts.add(subtitle);
        }
        return Optional.of(ChartStyle.apply(chart, String.join(" | ", parts)));
    }
}
