package org.edgebench.report.chart;

import org.edgebench.run.Configuration;
import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.analysis.ForkRatios;
import org.edgebench.analysis.Workloads;
import org.edgebench.text.RatioText;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code charts/providers.png}: each provider's P50 against batch size, one panel per setting the
 * providers were compared at (the model, and threads, benchmark or dims when those vary), every
 * point of a non-reference provider labelled with its speed-up over the reference. The latency axis
 * is logarithmic, so the same speed-up is the same gap at batch 1 as at batch 32, and a label is
 * placed on the side of its point away from the reference line.
 */
public final class ProvidersChart {

    public static final String FILE = "providers.png";

    /** Beyond this many panels the image would be taller than a page; the rest are in the summary. */
    static final int MAX_PANELS = 8;
    /** Each panel's share of the image; the title, x axis and legend take the frame's. Two fit the standard height. */
    private static final int PANEL_HEIGHT = 250;
    private static final int FRAME_HEIGHT = 200;

    private static final Font PANEL_FONT = new Font(ChartStyle.FONT, Font.BOLD, 16);
    private static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 230);
    /* Centred over or under a point; at the first and last batch size, reaching inwards, so the plot's edge does not cut them. */
    private static final ItemLabelPosition[] ABOVE = {
            new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_LEFT),
            new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER),
            new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_RIGHT)};
    private static final ItemLabelPosition[] BELOW = {
            new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_LEFT),
            new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_CENTER),
            new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_RIGHT)};

    private ProvidersChart() {
    }

    /** The image height: the standard one, or taller for more than two panels. */
    static int height(List<Workloads.ProviderGroup> groups) {
        int panels = Math.min(MAX_PANELS, panels(groups).size());
        return Math.max(ChartStyle.HEIGHT, FRAME_HEIGHT + PANEL_HEIGHT * panels);
    }

    /** Empty when no group has a P50 (thrpt and avgt have no distribution). */
    static Optional<JFreeChart> create(List<Workloads.ProviderGroup> groups, String subtitle) {
        Map<String, List<Workloads.ProviderGroup>> panels = panels(groups);
        List<String> batches = groups.stream().map(g -> g.reference().configuration().batchSize()).distinct()
                .sorted(Comparator.comparingInt(Configuration::number).thenComparing(Comparator.naturalOrder()))
                .toList();
        List<String> providers = providers(groups);
        SymbolAxis x = new SymbolAxis("batch size (items per call)", batches.toArray(new String[0]));
        x.setGridBandsVisible(false);
        x.setRange(-0.4, batches.size() - 0.6);
        if (panels.isEmpty()) {
            return Optional.empty();
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(14);
        Set<String> inLegend = new HashSet<>();
        panels.entrySet().stream().limit(MAX_PANELS)
                .forEach(panel -> plot.add(panel(panel.getKey(), panel.getValue(), batches, providers, inLegend), 1));
        int drawn = Math.min(MAX_PANELS, panels.size());
        JFreeChart chart = new JFreeChart("P50 latency by execution provider (lower is better)", ChartStyle.TITLE_FONT, plot, true);
        List<String> references = groups.stream().map(g -> g.reference().configuration().provider()).distinct().toList();
        String key = "labels: speed-up over " + String.join(" or ", references) + "; within noise when its 95% interval holds 1x";
        String omitted = panels.size() > drawn ? drawn + " of " + panels.size() + " settings shown (see the summary)" : "";
        return Optional.of(ChartStyle.apply(chart, String.join(" | ",
                Stream.of(key, omitted, subtitle).filter(t -> !t.isBlank()).toList())));
    }

    /** The groups with a P50 by setting (everything but provider and batch size), in the groups' order. */
    private static Map<String, List<Workloads.ProviderGroup>> panels(List<Workloads.ProviderGroup> groups) {
        Map<String, List<Workloads.ProviderGroup>> panels = new LinkedHashMap<>();
        for (Workloads.ProviderGroup group : groups) {
            if (group.members().stream().anyMatch(ProvidersChart::hasP50)) {
                panels.computeIfAbsent(group.setting(), k -> new ArrayList<>()).add(group);
            }
        }
        return panels;
    }

    /* The references first, so CPU keeps the first colour, then every other provider by name. */
    private static List<String> providers(List<Workloads.ProviderGroup> groups) {
        List<String> providers = new ArrayList<>();
        groups.stream().map(g -> g.reference().configuration().provider()).distinct().sorted().forEach(providers::add);
        groups.stream().flatMap(g -> g.others().stream()).map(o -> o.configuration().provider()).distinct().sorted()
                .filter(p -> !providers.contains(p)).forEach(providers::add);
        return providers;
    }

    private static XYPlot panel(String setting, List<Workloads.ProviderGroup> groups, List<String> batches,
                                          List<String> providers, Set<String> inLegend) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        Map<String, List<Label>> labels = new LinkedHashMap<>();
        for (String provider : providers) {
            series.put(provider, new XYSeries(provider, true, false));
            labels.put(provider, new ArrayList<>());
        }
        for (Workloads.ProviderGroup group : groups) {
            int at = batches.indexOf(group.reference().configuration().batchSize());
            int align = batches.size() == 1 ? 1 : at == 0 ? 0 : at == batches.size() - 1 ? 2 : 1;
            double reference = group.reference().p50Ms();
            add(series, group.reference(), at);
            for (ConfigurationStats other : group.others()) {
                if (add(series, other, at)) {
                    labels.get(other.configuration().provider()).add(new Label(at,
                            ForkRatios.speedUp(group.reference(), other).map(RatioText::label).orElse(""),
                            (Double.isFinite(reference) && other.p50Ms() < reference ? BELOW : ABOVE)[align]));
                }
            }
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<List<Label>> seriesLabels = new ArrayList<>();
        List<Integer> colours = new ArrayList<>();
        for (int p = 0; p < providers.size(); p++) {
            XYSeries s = series.get(providers.get(p));
            if (s.getItemCount() > 0) {
                dataset.addSeries(s);
                seriesLabels.add(labels.get(providers.get(p)));
                colours.add(p);
            }
        }
        LabelledRenderer renderer = new LabelledRenderer(seriesLabels);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            String provider = (String) dataset.getSeriesKey(i);
            renderer.setSeriesPaint(i, ChartStyle.color(colours.get(i)));
            renderer.setSeriesStroke(i, ChartStyle.line(0));
            // Set, not drawn from the plot's supplier, which would give each panel the next shapes in line.
            renderer.setSeriesShape(i, SHAPES[colours.get(i) % SHAPES.length]);
            renderer.setSeriesVisibleInLegend(i, inLegend.add(provider));
        }
        LogAxis y = ChartStyle.log2Axis("P50 ms (log scale)");
        y.setLabelFont(ChartStyle.AXIS_LABEL_FONT);
        y.setTickLabelFont(ChartStyle.TICK_FONT);
        // Room above and below the points for their labels.
        y.setUpperMargin(0.25);
        y.setLowerMargin(0.25);
        XYPlot panel = new XYPlot(dataset, null, y, renderer);
        panel.setBackgroundPaint(Color.WHITE);
        panel.setDomainGridlinePaint(ChartStyle.GRID);
        panel.setRangeGridlinePaint(ChartStyle.GRID);
        // Solid, like every EdgeBench chart's gridlines (see ChartStyle).
        panel.setDomainGridlineStroke(new BasicStroke(1f));
        panel.setRangeGridlineStroke(new BasicStroke(1f));
        TextTitle name = new TextTitle(setting, PANEL_FONT);
        name.setBackgroundPaint(new Color(255, 255, 255, 220));
        name.setPadding(new RectangleInsets(2, 4, 2, 4));
        panel.addAnnotation(new XYTitleAnnotation(0.005, 0.99, name, RectangleAnchor.TOP_LEFT));
        return panel;
    }

    /** Adds the point when the configuration has a P50; true when it did. */
    private static boolean add(Map<String, XYSeries> series, ConfigurationStats s, int at) {
        if (!hasP50(s)) {
            return false;
        }
        series.get(s.configuration().provider()).add(at, s.p50Ms());
        return true;
    }

    /* Positive as well as finite: the axis is logarithmic. */
    private static boolean hasP50(ConfigurationStats s) {
        return s.p50Ms() > 0 && Double.isFinite(s.p50Ms());
    }

    /** A speed-up label at the point of batch index {@code at}, on the side away from the reference. */
    private record Label(int at, String text, ItemLabelPosition position) {
    }

    /** Draws each point's label from its series' list, found by the point's batch index; the reference has none. */
    private static final class LabelledRenderer extends XYLineAndShapeRenderer {

        private final List<List<Label>> labels;

        LabelledRenderer(List<List<Label>> labels) {
            super(true, true);
            this.labels = labels;
            setDefaultItemLabelsVisible(true);
            setDefaultItemLabelFont(ChartStyle.MARKER_FONT);
            setDefaultItemLabelPaint(Color.BLACK);
            setItemLabelAnchorOffset(7);
        }

        /* On a white box: where the providers' lines cross, a bare label would be drawn over them. */
        @Override
        protected void drawItemLabel(Graphics2D g2, PlotOrientation orientation, XYDataset dataset, int series, int item,
                                     double x, double y, boolean negative) {
            Optional<Label> label = label(series, at(series, item));
            if (label.isEmpty()) {
                return;
            }
            ItemLabelPosition position = label.get().position();
            Point2D anchor = calculateLabelAnchorPoint(position.getItemLabelAnchor(), x, y, orientation);
            g2.setFont(getItemLabelFont(series, item));
            float ax = (float) anchor.getX();
            float ay = (float) anchor.getY();
            Rectangle2D box = TextUtils.calculateRotatedStringBounds(label.get().text(), g2, ax, ay,
                    position.getTextAnchor(), position.getAngle(), position.getRotationAnchor()).getBounds2D();
            g2.setPaint(LABEL_BACKGROUND);
            g2.fill(new Rectangle2D.Double(box.getX() - 3, box.getY() - 1, box.getWidth() + 6, box.getHeight() + 2));
            g2.setPaint(getItemLabelPaint(series, item));
            TextUtils.drawRotatedString(label.get().text(), g2, ax, ay, position.getTextAnchor(), position.getAngle(),
                    position.getRotationAnchor());
        }

        private int at(int series, int item) {
            return (int) getPlot().getDataset().getXValue(series, item);
        }

        private Optional<Label> label(int series, int at) {
            return labels.get(series).stream().filter(l -> l.at() == at && !l.text().isEmpty()).findFirst();
        }
    }
}
