package org.edgebench.report.chart;

import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.analysis.Workloads;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * {@code charts/threads_scaling.png}: P50 latency (upper panel) and items per second (lower panel)
 * against the intra-op thread count, one line per model and batch size. Two panels rather than two
 * axes on one, so neither line can be read against the other's scale. Thread counts are categories,
 * so ONNX Runtime's default (0) sits after the explicit counts, labelled as the default.
 */
public final class ThreadScalingChart {

    public static final String FILE = "threads_scaling.png";

    private static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();

    /** Beyond this many lines a legend would cover the plot. */
    private static final int MAX_LEGEND_LINES = 12;

    private ThreadScalingChart() {
    }

    /** Empty when no configuration was run at two or more thread counts. */
    static Optional<JFreeChart> create(List<Workloads.ThreadLine> lines, String subtitle) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<String> threads = lines.stream().flatMap(l -> l.points().stream())
                .map(s -> s.configuration().intraOpThreads()).distinct()
                .sorted(Comparator.comparingInt(t -> "0".equals(t) ? Integer.MAX_VALUE : Integer.parseInt(t)))
                .toList();
        CategoryAxis x = new CategoryAxis("intra-op threads (intraOpThreads)");
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(x);
        plot.setGap(16);
        boolean legend = lines.size() <= MAX_LEGEND_LINES;
        plot.add(panel(lines, threads, ConfigurationStats::p50Ms, "P50 (ms), lower is better", true), 1);
        plot.add(panel(lines, threads, ConfigurationStats::throughputItemsPerS, "items/s, higher is better", false), 1);
        JFreeChart chart = new JFreeChart("Thread scaling: P50 latency (lower is better) and throughput (higher is better)",
                ChartStyle.TITLE_FONT, plot, legend);
        List<String> parts = new ArrayList<>();
        if (!legend) {
            parts.add(lines.size() + " lines, legend omitted (see the summary)");
        }
        if (!subtitle.isBlank()) {
            parts.add(subtitle);
        }
        return Optional.of(ChartStyle.apply(chart, String.join(" | ", parts)));
    }

    private static CategoryPlot panel(List<Workloads.ThreadLine> lines, List<String> threads,
                                      ToDoubleFunction<ConfigurationStats> metric, String yLabel, boolean inLegend) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        // Thread counts outermost, so the categories come out in order and every line has a row.
        for (String t : threads) {
            for (Workloads.ThreadLine line : lines) {
                Double value = line.points().stream().filter(s -> s.configuration().intraOpThreads().equals(t))
                        .mapToDouble(metric).filter(Double::isFinite).boxed().findFirst().orElse(null);
                dataset.addValue(value, line.name(), Workloads.threadsLabel(t));
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
            renderer.setSeriesStroke(i, ChartStyle.line(0));
            renderer.setSeriesVisibleInLegend(i, inLegend);
            // Set, not drawn from the plot's supplier, which would give the second panel the next shapes in line.
            renderer.setSeriesShape(i, SHAPES[i % SHAPES.length]);
        }
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(true);
        y.setLabelFont(ChartStyle.AXIS_LABEL_FONT);
        y.setTickLabelFont(ChartStyle.TICK_FONT);
        CategoryPlot panel = new CategoryPlot(dataset, null, y, renderer);
        panel.setRangeGridlinePaint(ChartStyle.GRID);
        // Solid, like every EdgeBench chart's gridlines (see ChartStyle).
        panel.setRangeGridlineStroke(new BasicStroke(1f));
        panel.setBackgroundPaint(Color.WHITE);
        return panel;
    }
}
