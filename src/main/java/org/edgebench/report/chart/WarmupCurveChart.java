package org.edgebench.report.chart;

import org.edgebench.analysis.WarmupCurve;
import org.edgebench.analysis.Workloads;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.List;
import java.util.Optional;

/**
 * The warm-up curve ({@code charts/warmup_curve.png}): the latency of the 1st, 2nd ... Nth inference
 * after session creation, one colour per configuration. The line is the median across forks, the
 * faint dots each fork's own runs (so a bump in one fork is told from a bump in all), the dashed
 * line the steady P50 and the diamond the run from which the curve stays within
 * {@link WarmupCurve#TOLERANCE} of it. The axis turns logarithmic when a first inference is more
 * than ten times the steady latency, so the plateau stays readable next to it.
 */
public final class WarmupCurveChart {

    public static final String FILE = "warmup_curve.png";

    /** A first call this many times the steady latency squeezes the plateau into a few pixels on a linear axis. */
    private static final double LOG_SCALE_RATIO = 10;

    private WarmupCurveChart() {
    }

    /** Empty when the run has no warm-up curve. */
    static Optional<JFreeChart> create(List<Workloads.Curve> curves, String subtitle) {
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        Layers layers = new Layers();
        for (int i = 0; i < curves.size(); i++) {
            layers.add(curves.get(i), ChartStyle.color(i));
        }
        NumberAxis x = new NumberAxis("inference after session creation (1 = the first)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        x.setRange(0.5, layers.runs + 0.5);
        XYPlot plot = new XYPlot(layers.lines, x, layers.yAxis(), layers.lineRenderer);
        plot.setDataset(1, layers.dots);
        plot.setRenderer(1, layers.dotRenderer);
        // The median lines and markers on top of the cloud of fork dots.
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        JFreeChart chart = new JFreeChart("Latency of the first inferences after session creation (lower is better)",
                ChartStyle.TITLE_FONT, plot, true);
        String key = "line: median across forks; dots: each fork; dashed: steady P50; diamond: settled (within "
                + Math.round(100 * WarmupCurve.TOLERANCE) + "% of steady from there on)";
        return Optional.of(ChartStyle.apply(chart, subtitle.isBlank() ? key : key + " | " + subtitle));
    }

    /** The chart's two datasets as curves are added: lines and markers on top, every fork's dots below. */
    private static final class Layers {

        final XYSeriesCollection lines = new XYSeriesCollection();
        final XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, true);
        final XYSeriesCollection dots = new XYSeriesCollection();
        final XYLineAndShapeRenderer dotRenderer = new XYLineAndShapeRenderer(false, true);
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        int runs = 0;
        boolean log = false;

        Layers() {
            // Outlined in black, the diamond stands out from the line of its own colour it sits on.
            lineRenderer.setUseOutlinePaint(true);
            lineRenderer.setDefaultOutlineStroke(new BasicStroke(1.5f));
        }

        void add(Workloads.Curve c, Color color) {
            WarmupCurve curve = c.curve();
            List<Double> median = curve.medianPerIterationMs();
            runs = Math.max(runs, median.size());
            log |= curve.firstMs() > LOG_SCALE_RATIO * curve.steadyP50Ms();
            // The legend says where each curve settles: labels on the plot would sit on some curve or another.
            String name = c.stats().configuration().label(false) + ": median of " + c.forksMs().size() + " forks, "
                    + settledText(curve);
            XYSeries line = new XYSeries(name, false, true);
            for (int k = 0; k < median.size(); k++) {
                line.add(k + 1, median.get(k));
            }
            int n = addLine(line, color);
            lineRenderer.setSeriesStroke(n, new BasicStroke(3f));
            lineRenderer.setSeriesShape(n, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
            lineRenderer.setSeriesOutlinePaint(n, color);

            XYSeries steady = new XYSeries(name + " steady", false, true);
            steady.add(1, curve.steadyP50Ms());
            steady.add(median.size(), curve.steadyP50Ms());
            int s = addLine(steady, color);
            lineRenderer.setSeriesStroke(s, ChartStyle.line(1));
            lineRenderer.setSeriesShapesVisible(s, false);
            lineRenderer.setSeriesVisibleInLegend(s, false);

            if (curve.settled()) {
                int k = curve.reachedAfterRuns();
                XYSeries settled = new XYSeries(name + " settled", false, true);
                settled.add(k + 1, median.get(k));
                int d = addLine(settled, color);
                lineRenderer.setSeriesLinesVisible(d, false);
                lineRenderer.setSeriesShape(d, diamond(9));
                lineRenderer.setSeriesOutlinePaint(d, Color.BLACK);
                lineRenderer.setSeriesVisibleInLegend(d, false);
            }
            addForkDots(name, c.forksMs(), color);
        }

        private int addLine(XYSeries series, Color color) {
            int n = lines.getSeriesCount();
            lines.addSeries(series);
            lineRenderer.setSeriesPaint(n, color);
            return n;
        }

        private void addForkDots(String name, List<List<Double>> forksMs, Color color) {
            XYSeries forks = new XYSeries(name + " forks", false, true);
            for (List<Double> fork : forksMs) {
                for (int k = 0; k < fork.size(); k++) {
                    forks.add(k + 1, fork.get(k));
                    lowest = Math.min(lowest, fork.get(k));
                    highest = Math.max(highest, fork.get(k));
                }
            }
            int d = dots.getSeriesCount();
            dots.addSeries(forks);
            dotRenderer.setSeriesPaint(d, new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
            dotRenderer.setSeriesShape(d, new Ellipse2D.Double(-3, -3, 6, 6));
            dotRenderer.setSeriesVisibleInLegend(d, false);
        }

        /** Logarithmic when a first call dwarfs the plateau, so both can be read. */
        ValueAxis yAxis() {
            if (log && lowest > 0) {
                LogAxis logAxis = ChartStyle.log2Axis("latency (ms, log scale)");
                logAxis.setRange(lowest / 1.3, highest * 1.3);
                return logAxis;
            }
            NumberAxis linear = new NumberAxis("latency (ms)");
            linear.setAutoRangeIncludesZero(true);
            return linear;
        }
    }

    private static String settledText(WarmupCurve curve) {
        int k = curve.reachedAfterRuns();
        if (!curve.settled()) {
            return "not settled in " + curve.medianPerIterationMs().size() + " runs";
        }
        return k == 0 ? "steady from the first run" : "settled after " + k + (k == 1 ? " run" : " runs");
    }

    private static Path2D diamond(double r) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -r);
        p.lineTo(r, 0);
        p.lineTo(0, r);
        p.lineTo(-r, 0);
        p.closePath();
        return p;
    }
}
