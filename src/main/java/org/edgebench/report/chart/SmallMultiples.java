package org.edgebench.report.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Small multiples: a grid of panels in one chart, each panel a plot with its own title and its own
 * axes, under the chart's one title and above its one legend. JFreeChart's combined plots
 * ({@code CombinedDomainXYPlot}, {@code CombinedRangeXYPlot}) share an axis, stack in a single row
 * or column and give a sub-plot no title, so a grid of models with a scale each is drawn here: each
 * panel is a chart of its own, drawn into its cell by {@link Grid}, and the legend is given, not
 * collected from the panels, so it names what the colours and line styles mean once for all of them.
 */
final class SmallMultiples {

    /** A panel: its title, lines under the title (each in its own colour; none for no lines), and its plot. */
    record Panel(String title, List<Note> notes, Plot plot) {
    }

    record Note(String text, Color color) {
    }

    /** Each row of panels beyond the first adds this much to {@link ChartStyle#HEIGHT}. */
    static final int ROW_HEIGHT = 420;

    /* Three panels of 1200 pixels leave each about 380: room for an axis with readable ticks, and no more. */
    private static final int MAX_COLUMNS = 3;

    private static final Font PANEL_TITLE_FONT = new Font(ChartStyle.FONT, Font.BOLD, 17);

    /* Long enough that a dashed line shows as dashed. */
    private static final Shape LEGEND_LINE = new Line2D.Double(-15, 0, 15, 0);
    private static final Stroke MARKER_OUTLINE = new BasicStroke(1.5f);

    private SmallMultiples() {
    }

    /** The chart, in {@link ChartStyle}'s look; draw it {@link #height} pixels high. */
    static JFreeChart chart(String title, String subtitle, List<Panel> panels, LegendItemCollection legend) {
        List<JFreeChart> charts = panels.stream().map(SmallMultiples::panelChart).toList();
        return ChartStyle.apply(new JFreeChart(title, ChartStyle.TITLE_FONT, new Grid(charts, legend), true), subtitle);
    }

    /** Panels per row: a row of up to three, four as two by two. */
    static int columns(int panels) {
        return panels == 4 ? 2 : Math.max(1, Math.min(panels, MAX_COLUMNS));
    }

    /**
     * How high to draw {@code chart}: {@link ChartStyle#HEIGHT} for an ordinary chart and a single row
     * of panels, {@link #ROW_HEIGHT} more for each further row, so panels keep their size however many
     * there are.
     */
    static int height(JFreeChart chart) {
        int plot = chart.getPlot() instanceof Grid grid ? ChartStyle.HEIGHT + (grid.rows() - 1) * ROW_HEIGHT : ChartStyle.HEIGHT;
        return plot + Math.max(0, legendRows(chart) - LEGEND_ROWS_INCLUDED) * LEGEND_ROW_HEIGHT;
    }

    /* ChartStyle.HEIGHT leaves room for two rows of legend; each further row adds its height, so a long legend never squeezes the plot. */
    private static final int LEGEND_ROWS_INCLUDED = 2;
    private static final int LEGEND_ROW_HEIGHT = 22;

    /** How many rows the legend wraps into at {@link ChartStyle#WIDTH}, from its labels' widths in the legend font. */
    static int legendRows(JFreeChart chart) {
        if (chart.getLegend() == null || chart.getPlot().getLegendItems() == null) {
            return 0;
        }
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics metrics = g.getFontMetrics(ChartStyle.LEGEND_FONT);
            int available = ChartStyle.WIDTH - 40;
            int rows = 0;
            int used = available;
            LegendItemCollection items = chart.getPlot().getLegendItems();
            for (int i = 0; i < items.getItemCount(); i++) {
                LegendItem item = items.get(i);
                int width = metrics.stringWidth(item.getLabel()) + 50;
                if (used + width > available) {
                    rows++;
                    used = 0;
                }
                used += width;
            }
            return rows;
        } finally {
            g.dispose();
        }
    }

    /** A legend entry drawn as a line, with {@code shape} on it when not null. */
    static LegendItem line(String label, Paint paint, Stroke stroke, Shape shape) {
        return new LegendItem(label, null, null, null, shape != null, shape == null ? LEGEND_LINE : shape, true, paint,
                false, paint, stroke, true, LEGEND_LINE, stroke, paint);
    }

    /** A legend entry drawn as {@code shape} alone, filled with {@code fill} and outlined when {@code outline} is not null. */
    static LegendItem marker(String label, Shape shape, Paint fill, Paint outline) {
        return new LegendItem(label, null, null, null, true, shape, true, fill, outline != null,
                outline == null ? fill : outline, MARKER_OUTLINE, false, LEGEND_LINE, MARKER_OUTLINE, fill);
    }

    private static JFreeChart panelChart(Panel panel) {
        ChartStyle.style(panel.plot());
        JFreeChart chart = new JFreeChart(panel.title(), PANEL_TITLE_FONT, panel.plot(), false);
        ChartStyle.canvas(chart);
        chart.setPadding(new RectangleInsets(4, 4, 4, 12));
        for (Note note : panel.notes()) {
            TextTitle line = new TextTitle(note.text(), ChartStyle.SUBTITLE_FONT);
            line.setPaint(note.color());
            chart.addSubtitle(line);
        }
        return chart;
    }

    /** Draws the panels left to right, top to bottom, in cells of equal size. */
    private static final class Grid extends Plot {

        private static final double GAP = 16;

        private final List<JFreeChart> panels;
        private final LegendItemCollection legend;
        private final int columns;

        Grid(List<JFreeChart> panels, LegendItemCollection legend) {
            this.panels = List.copyOf(panels);
            this.legend = legend;
            this.columns = columns(panels.size());
        }

        int rows() {
            return Math.max(1, (panels.size() + columns - 1) / columns);
        }

        @Override
        public String getPlotType() {
            return "Small multiples";
        }

        @Override
        public LegendItemCollection getLegendItems() {
            return legend;
        }

        @Override
        public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, PlotState parentState, PlotRenderingInfo info) {
            Rectangle2D inner = (Rectangle2D) area.clone();
            getInsets().trim(inner);
            int rows = rows();
            double width = (inner.getWidth() - GAP * (columns - 1)) / columns;
            double height = (inner.getHeight() - GAP * (rows - 1)) / rows;
            for (int i = 0; i < panels.size(); i++) {
                double x = inner.getX() + (i % columns) * (width + GAP);
                double y = inner.getY() + (i / columns) * (height + GAP);
                panels.get(i).draw(g2, new Rectangle2D.Double(x, y, width, height));
            }
        }
    }
}
