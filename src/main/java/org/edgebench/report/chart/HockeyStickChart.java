package org.edgebench.report.chart;

import org.edgebench.arrivals.ArrivalRow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code charts/arrivals_hockey_stick.png}: response time (P50 dashed, the budget's percentile
 * solid, log scale) against the offered Poisson rate, one colour per configuration and batcher,
 * from every Poisson schedule of {@code --arrivals} (the sweep's probes and the rates given). The
 * closed-loop maximum of each configuration is a vertical line: the open loop's curve turns up
 * before it, as the queue builds (the hockey stick). The budget is a horizontal line.
 */
public final class HockeyStickChart {

    public static final String FILE = "arrivals_hockey_stick.png";

    private HockeyStickChart() {
    }

    /** Empty when no configuration has two Poisson rates. */
    public static Optional<JFreeChart> create(List<ArrivalRow> rows, String subtitle) {
        Map<String, List<ArrivalRow>> bySeries = new LinkedHashMap<>();
        rows.stream().filter(r -> r.arrivals().equals("poisson"))
                .forEach(r -> bySeries.computeIfAbsent(r.series(), k -> new ArrayList<>()).add(r));
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Map<String, Double> ceilings = new LinkedHashMap<>();
        double percentile = rows.isEmpty() ? 99 : rows.get(0).sloPercentile();
        String p = "P" + (percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile));
        int colour = 0;
        for (Map.Entry<String, List<ArrivalRow>> e : bySeries.entrySet()) {
            List<ArrivalRow> points = e.getValue().stream().sorted(Comparator.comparingDouble(ArrivalRow::offeredPerS)).toList();
            if (points.size() < 2) {
                continue;
            }
            XYSeries tail = new XYSeries(e.getKey() + " " + p, true, true);
            XYSeries median = new XYSeries(e.getKey() + " P50", true, true);
            for (ArrivalRow r : points) {
                double at = r.response().at(percentile);
                if (at > 0) {
                    tail.add(r.offeredPerS(), at);
                }
                if (r.response().p50() > 0) {
                    median.add(r.offeredPerS(), r.response().p50());
                }
            }
            int index = dataset.getSeriesCount();
            dataset.addSeries(tail);
            dataset.addSeries(median);
            renderer.setSeriesPaint(index, ChartStyle.color(colour));
            renderer.setSeriesStroke(index, ChartStyle.line(0));
            renderer.setSeriesPaint(index + 1, ChartStyle.color(colour));
            renderer.setSeriesStroke(index + 1, ChartStyle.line(1));
            colour++;
            ArrivalRow first = points.get(0);
            if (first.closedLoopPerS() > 0) {
                ceilings.putIfAbsent(first.configuration(), first.closedLoopPerS());
            }
        }
        if (dataset.getSeriesCount() == 0) {
            return Optional.empty();
        }
        NumberAxis x = new NumberAxis("offered requests per second (Poisson arrivals)");
        x.setAutoRangeIncludesZero(true);
        x.setUpperMargin(0.08);
        LogAxis y = ChartStyle.log2Axis("response time, arrival to completion (ms, log scale, lower is better)");
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        ceilings.forEach((configuration, max) -> {
            ValueMarker ceiling = new ValueMarker(max, Color.DARK_GRAY, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
            ceiling.setLabel(String.format(Locale.ROOT, "closed-loop max %,.0f/s%s", max, ceilings.size() > 1 ? " (" + configuration + ")" : ""));
            ceiling.setLabelFont(ChartStyle.MARKER_FONT);
            ceiling.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            ceiling.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(ceiling, Layer.FOREGROUND);
        });
        double slo = rows.get(0).sloMs();
        if (slo > 0) {
            ValueMarker budget = new ValueMarker(slo, new Color(0xB2, 0x22, 0x22), new BasicStroke(2f));
            budget.setLabel("budget " + (slo == Math.rint(slo) ? Long.toString((long) slo) : Double.toString(slo)) + " ms");
            budget.setLabelFont(ChartStyle.MARKER_FONT);
            budget.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            budget.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(budget, Layer.FOREGROUND);
        }
        JFreeChart chart = new JFreeChart("Response time against offered load (lower is better)", ChartStyle.TITLE_FONT, plot, true);
        String parts = "solid: " + p + ", dashed: P50; vertical: the closed-loop maximum, one call after another";
        return Optional.of(ChartStyle.apply(chart, subtitle.isBlank() ? parts : parts + " | " + subtitle));
    }
}
