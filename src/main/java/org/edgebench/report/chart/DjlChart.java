package org.edgebench.report.chart;

import org.edgebench.analysis.Workloads;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code charts/djl_vs_onnxruntime.png}: the P50 of every configuration run through both raw ONNX
 * Runtime and DJL, as pairs of bars with their values printed on them (batch 8 next to batch 1 leaves
 * the small bars short, so the numbers carry the comparison there).
 */
public final class DjlChart {

    public static final String FILE = "djl_vs_onnxruntime.png";

    private DjlChart() {
    }

    /** Empty when no configuration ran through both. */
    static Optional<JFreeChart> create(List<Workloads.DjlPair> pairs, String subtitle) {
        if (pairs.isEmpty()) {
            return Optional.empty();
        }
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        boolean modes = pairs.stream().map(p -> p.raw().configuration().mode()).distinct().count() > 1;
        for (Workloads.DjlPair p : pairs) {
            String label = p.raw().configuration().label(false) + (modes ? " " + p.raw().configuration().mode() : "");
            dataset.addValue(finiteOrNull(p.raw().p50Ms()), "raw ONNX Runtime (OrtSession.run)", label);
            dataset.addValue(finiteOrNull(p.djl().p50Ms()), "DJL (Predictor.predict)", label);
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ChartStyle.color(0));
        renderer.setSeriesPaint(1, ChartStyle.color(1));
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(0.12);
        NumberFormat ms = NumberFormat.getNumberInstance(Locale.ROOT);
        ms.setMaximumFractionDigits(3);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", ms));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartStyle.TICK_FONT);
        renderer.setDefaultItemLabelPaint(Color.BLACK);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));

        CategoryAxis x = new CategoryAxis("configuration");
        if (pairs.size() > 6) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        x.setMaximumCategoryLabelWidthRatio(2f);
        NumberAxis y = new NumberAxis("P50 latency per call (ms)");
        y.setAutoRangeIncludesZero(true);
        // Room above the tallest bar for its label.
        y.setUpperMargin(0.12);
        CategoryPlot plot = new CategoryPlot(dataset, x, y, renderer);
        JFreeChart chart = new JFreeChart("P50 latency: DJL vs raw ONNX Runtime (lower is better)", ChartStyle.TITLE_FONT, plot, true);
        String key = "same model, batch, provider, intra-op threads and callers; the gap between a pair is what DJL's layer costs per call";
        return Optional.of(ChartStyle.apply(chart, subtitle.isBlank() ? key : key + " | " + subtitle));
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
