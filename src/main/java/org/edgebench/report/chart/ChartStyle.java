package org.edgebench.report.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.text.DecimalFormat;

/**
 * The look shared by every EdgeBench chart (the report's and {@code compare}'s): white
 * background, DejaVu Sans large enough to read at 100% zoom, antialiasing, a colour-blind-safe
 * palette, and a PNG writer fast enough for hundreds of charts ({@link PngEncoder}). Public so other
 * packages draw charts that match.
 */
public final class ChartStyle {

    public static final int WIDTH = 1200;
    public static final int HEIGHT = 700;
    public static final String FONT = "DejaVu Sans";

    public static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 22);
    public static final Font SUBTITLE_FONT = new Font(FONT, Font.PLAIN, 15);
    public static final Font AXIS_LABEL_FONT = new Font(FONT, Font.PLAIN, 17);
    public static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 15);
    public static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 15);
    public static final Font MARKER_FONT = new Font(FONT, Font.BOLD, 15);

    public static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

    /*
     * Solid, not JFreeChart's default dashes: a dashed line is drawn as hundreds of antialiased
     * segments, which made gridlines two thirds of a histogram's drawing time. Light grey keeps
     * them as quiet as the dashes were.
     */
    private static final BasicStroke GRID_LINE = new BasicStroke(1f);

    /* Okabe-Ito: distinguishable with the common colour-vision deficiencies and in greyscale print. */
    private static final Color[] PALETTE = {
            new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x9E, 0x73),
            new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
            new Color(0x00, 0x00, 0x00), new Color(0xF0, 0xE4, 0x42)};

    private ChartStyle() {
    }

    /** A latency axis in powers of two (0.25, 0.5, 1, 2 ...), which read better than JFreeChart's default 10^(k/10) steps. */
    public static LogAxis log2Axis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(2);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(new DecimalFormat("0.###"));
        return axis;
    }

    /** The {@code i}th palette colour, cycling. */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** Solid, dashed and dotted lines, for up to three metrics in one colour. */
    public static Stroke line(int style) {
        return switch (Math.floorMod(style, 3)) {
            case 0 -> new BasicStroke(3.0f);
            case 1 -> new BasicStroke(3.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[]{12f, 6f}, 0f);
            default -> new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[]{2f, 6f}, 0f);
        };
    }

    /** Applies the shared look to {@code chart} and adds {@code subtitle} under the title when not blank. */
    public static JFreeChart apply(JFreeChart chart, String subtitle) {
        canvas(chart);
        chart.setPadding(new RectangleInsets(10, 10, 10, 20));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE_FONT);
        }
        if (subtitle != null && !subtitle.isBlank()) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE_FONT);
            sub.setPaint(Color.DARK_GRAY);
            chart.addSubtitle(sub);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LEGEND_FONT);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(BlockBorder.NONE);
        }
        style(chart.getPlot());
        return chart;
    }

    /** White and antialiased, as every chart is drawn. */
    static void canvas(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getRenderingHints().put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    /** Background, outline, gridlines and axis fonts of an XY or category plot; other plots are left as they are. */
    static void style(Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            xy.setDomainGridlineStroke(GRID_LINE);
            xy.setRangeGridlineStroke(GRID_LINE);
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                axis(xy.getDomainAxis(i));
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                axis(xy.getRangeAxis(i));
            }
        } else if (plot instanceof CategoryPlot category) {
            category.setDomainGridlinePaint(GRID);
            category.setRangeGridlinePaint(GRID);
            category.setDomainGridlineStroke(GRID_LINE);
            category.setRangeGridlineStroke(GRID_LINE);
            axis(category.getDomainAxis());
            for (int i = 0; i < category.getRangeAxisCount(); i++) {
                axis(category.getRangeAxis(i));
            }
        }
    }

    private static void axis(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(AXIS_LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setLabelPaint(Color.BLACK);
        axis.setTickLabelPaint(Color.BLACK);
        axis.setAxisLinePaint(Color.GRAY);
    }

    /** Renders {@code chart} at {@code width} x {@code height} and writes it as PNG. */
    public static void writePng(JFreeChart chart, int width, int height, OutputStream out) throws IOException {
        PngEncoder.write(chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null), out);
    }
}
