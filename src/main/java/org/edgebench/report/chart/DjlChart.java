package org.edgebench.report.chart;

import org.edgebench.analysis.Workloads;
import org.edgebench.text.Numbers;
import org.edgebench.run.Configuration;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code charts/djl_vs_onnxruntime.png}: the P50 of every configuration run through both raw ONNX
 * Runtime and DJL, as pairs of bars with their values printed on them, one panel per model with
 * its own latency axis (a large model's 300 ms would leave a small model's 0.4 ms bars without
 * height). Within a panel batch 32 next to batch 1 still leaves the small bars short, so the
 * numbers carry the comparison there; they stand upright when a row of panels holds more pairs
 * than level numbers have room for.
 */
public final class DjlChart {

    public static final String FILE = "djl_vs_onnxruntime.png";

    private static final String RAW = "raw ONNX Runtime (OrtSession.run)";
    private static final String DJL = "DJL (Predictor.predict)";

    /* Level numbers of four digits need the width of about six pairs of bars across the chart. */
    private static final int LEVEL_LABEL_PAIRS = 6;

    private DjlChart() {
    }

    /** Empty when no configuration ran through both. */
    static Optional<JFreeChart> create(List<Workloads.DjlPair> pairs, String subtitle) {
        if (pairs.isEmpty()) {
            return Optional.empty();
        }
        Function<Configuration, String> label = label(pairs);
        Map<String, List<Workloads.DjlPair>> byModel = new LinkedHashMap<>();
        for (Workloads.DjlPair p : pairs) {
            byModel.computeIfAbsent(p.raw().configuration().group(), g -> new ArrayList<>()).add(p);
        }
        int columns = SmallMultiples.columns(byModel.size());
        List<SmallMultiples.Panel> panels = new ArrayList<>();
        byModel.forEach((model, members) -> {
            boolean upright = members.size() * columns > LEVEL_LABEL_PAIRS;
            panels.add(new SmallMultiples.Panel(model, List.of(), panel(members, label, upright)));
        });
        LegendItemCollection legend = new LegendItemCollection();
        Rectangle2D square = new Rectangle2D.Double(-7, -7, 14, 14);
        legend.add(SmallMultiples.marker(RAW, square, ChartStyle.color(0), null));
        legend.add(SmallMultiples.marker(DJL, square, ChartStyle.color(1), null));
        String key = "one panel per model, each with its own scale; same batch, provider, intra-op threads and callers in a pair;"
                + " the gap in a pair is what DJL's layer costs per call";
        return Optional.of(SmallMultiples.chart("P50 latency: DJL vs raw ONNX Runtime (lower is better)",
                subtitle.isBlank() ? key : key + " | " + subtitle, panels, legend));
    }

    private static CategoryPlot panel(List<Workloads.DjlPair> pairs, Function<Configuration, String> label, boolean upright) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Workloads.DjlPair p : pairs) {
            String category = label.apply(p.raw().configuration());
            dataset.addValue(finiteOrNull(p.raw().p50Ms()), RAW, category);
            dataset.addValue(finiteOrNull(p.djl().p50Ms()), DJL, category);
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ChartStyle.color(0));
        renderer.setSeriesPaint(1, ChartStyle.color(1));
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(0.2);
        renderer.setDefaultItemLabelGenerator(new MsLabels());
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartStyle.TICK_FONT);
        renderer.setDefaultItemLabelPaint(Color.BLACK);
        renderer.setDefaultPositiveItemLabelPosition(upright
                ? new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.CENTER_LEFT, TextAnchor.CENTER_LEFT, -Math.PI / 2)
                : new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));

        CategoryAxis x = new CategoryAxis("configuration");
        // "CPU b32 t2" on two lines rather than cut to "...".
        x.setMaximumCategoryLabelLines(2);
        NumberAxis y = new NumberAxis("P50 latency per call (ms)");
        y.setAutoRangeIncludesZero(true);
        // Room above the tallest bar for its label.
        y.setUpperMargin(upright ? 0.3 : 0.12);
        return new CategoryPlot(dataset, x, y, renderer);
    }

    /**
     * What tells a model's pairs apart (provider, batch size, threads, other parameters, mode: those
     * that differ), short enough for a narrow panel; provider, batch size and threads when nothing
     * differs, so the axis still says what was run. The model is the panel's title.
     */
    private static Function<Configuration, String> label(List<Workloads.DjlPair> pairs) {
        List<Function<Configuration, String>> parts = List.of(Configuration::provider,
                c -> c.batchSize().isEmpty() ? "" : "b" + c.batchSize(),
                c -> c.intraOpThreads().isEmpty() ? "" : "t" + c.intraOpThreads(),
                Configuration::otherParamsText, Configuration::mode, c -> c.callers() > 1 ? "c" + c.callers() : "");
        List<Function<Configuration, String>> varying = parts.stream()
                .filter(part -> pairs.stream().map(p -> part.apply(p.raw().configuration())).distinct().count() > 1)
                .toList();
        List<Function<Configuration, String>> used = varying.isEmpty() ? parts.subList(0, 4) : varying;
        return c -> String.join(" ", used.stream().map(part -> part.apply(c)).filter(s -> !s.isEmpty()).toList());
    }

    /** The summary table's format (four significant digits), so the chart and the table read the same. */
    private static final class MsLabels extends StandardCategoryItemLabelGenerator {

        @Override
        public String generateLabel(CategoryDataset dataset, int row, int column) {
            Number value = dataset.getValue(row, column);
            return value == null ? null : Numbers.ms(value.doubleValue());
        }
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
