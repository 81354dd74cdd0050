package org.edgebench.report.chart;

import org.edgebench.profile.OperatorProfile;
import org.edgebench.profile.OperatorTime;
import org.edgebench.profile.Profiles;
import org.edgebench.text.Numbers;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code charts/operators_<configuration>.png}: where one profiled configuration's inference time
 * goes, its {@value #TOP} operator types with the most kernel time as horizontal bars of their
 * share, each labelled with the share, the microseconds per inference and the nodes. The bars are
 * coloured by the execution provider that ran the nodes, with a legend when there are several.
 */
public final class OperatorsChart {

    /** Operator types drawn; operators.csv has every one. */
    public static final int TOP = 10;

    static final String FILE_PREFIX = "operators_";

    /* A bar longer than this part of the axis has no room for its label beside it. */
    private static final double INSIDE_FROM = 0.6;

    private OperatorsChart() {
    }

    /** The chart's file in {@code charts/}: {@code operators_student_CPU_b1_t0.png}. */
    public static String fileName(Profiles.Profiled p) {
        return FILE_PREFIX + p.configuration().fileLabel(false) + ".png";
    }

    static JFreeChart create(Profiles.Profiled p, String subtitle) {
        OperatorProfile profile = p.profile();
        List<OperatorTime> top = profile.operators().stream().limit(TOP).toList();
        List<String> providers = profile.operators().stream().map(OperatorTime::providerName).distinct().sorted().toList();
        boolean several = providers.size() > 1;
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        List<String> labels = new ArrayList<>();
        List<Paint> paints = new ArrayList<>();
        for (OperatorTime o : top) {
            String category = several ? o.opType() + " (" + o.providerName() + ")" : o.opType();
            dataset.addValue(100 * profile.share(o), "share", category);
            labels.add(Numbers.percent(profile.share(o)) + "   " + Numbers.us(o.usPerInference()) + " \u00b5s, "
                    + o.nodes() + (o.nodes() == 1 ? " node" : " nodes"));
            paints.add(ChartStyle.color(providers.indexOf(o.providerName())));
        }
        double highest = top.stream().mapToDouble(o -> 100 * profile.share(o)).max().orElse(100);
        // Room on the right of the longest bar for its label, up to the whole; a bar too long for that carries it inside.
        double upper = Math.min(100, Math.max(1, highest) * 1.45);
        ItemLabelPosition outside = new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT);
        ItemLabelPosition inside = new ItemLabelPosition(ItemLabelAnchor.INSIDE3, TextAnchor.CENTER_RIGHT);
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return paints.get(column);
            }

            @Override
            public ItemLabelPosition getPositiveItemLabelPosition(int row, int column) {
                return labelInside(column) ? inside : outside;
            }

            @Override
            public Paint getItemLabelPaint(int row, int column) {
                return labelInside(column) ? Color.WHITE : Color.BLACK;
            }

            private boolean labelInside(int column) {
                return dataset.getValue(0, column).doubleValue() > INSIDE_FROM * upper;
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.08);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(CategoryDataset data, int row, int column) {
                return labels.get(column);
            }
        });
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartStyle.TICK_FONT);

        CategoryAxis y = new CategoryAxis("operator type");
        y.setCategoryMargin(0.25);
        NumberAxis x = new NumberAxis("share of the kernel time per inference");
        x.setNumberFormatOverride(new DecimalFormat("0'%'"));
        x.setRange(0, upper);
        CategoryPlot plot = new CategoryPlot(dataset, y, x, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        if (several) {
            LegendItemCollection legend = new LegendItemCollection();
            Rectangle2D square = new Rectangle2D.Double(-7, -7, 14, 14);
            for (int i = 0; i < providers.size(); i++) {
                legend.add(new LegendItem("nodes run by " + providers.get(i), null, null, null, square, ChartStyle.color(i)));
            }
            plot.setFixedLegendItems(legend);
        }
        String key = "top " + Math.min(TOP, profile.operators().size()) + " of " + profile.operators().size()
                + " operator types, " + Numbers.us(profile.kernelUs()) + " \u00b5s of kernels per inference over "
                + profile.inferences() + " runs (ONNX Runtime profile of one unmeasured fork)";
        JFreeChart chart = new JFreeChart("Where the time goes: " + p.configuration().label(false), ChartStyle.TITLE_FONT,
                plot, several);
        return ChartStyle.apply(chart, subtitle.isBlank() ? key : key + " | " + subtitle);
    }
}
