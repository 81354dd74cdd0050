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
        XYSeriesCollection lines = new XYSeriesCollection();
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, true);
        XYSeriesCollection dots = new XYSeriesCollection();
        XYLineAndShapeRenderer dotRenderer = new XYLineAndShapeRenderer(false, true);
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        int runs = 0;
        boolean log = false;
        for (int i = 0; i < curves.size(); i++) {
            Workloads.Curve c = curves.get(i);
            WarmupCurve curve = c.curve();
            List<Double> median = curve.medianPerIterationMs();
            Color color = ChartStyle.color(i);
            runs = Math.max(runs, median.size());
            log |= curve.firstMs() > LOG_SCALE_RATIO * curve.steadyP50Ms();

            // The legend says where each curve settles: labels on the plot would sit on some curve or another.
            XYSeries line = new XYSeries(c.stats().configuration().label(false) + ": median of " + c.forksMs().size() + " forks, "
                    + settledText(curve), false, true);
            for (int k = 0; k < median.size(); k++) {
                line.add(k + 1, median.get(k));
            }
            int n = lines.getSeriesCount();
            lines.addSeries(line);
            lineRenderer.setSeriesPaint(n, color);
            lineRenderer.setSeriesStroke(n, new BasicStroke(3f));
            lineRenderer.setSeriesShape(n, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
            lineRenderer.setSeriesOutlinePaint(n, color);

            XYSeries steady = new XYSeries(line.getKey() + " steady", false, true);
            steady.add(1, curve.steadyP50Ms());
            steady.add(median.size(), curve.steadyP50Ms());
            lines.addSeries(steady);
            lineRenderer.setSeriesPaint(n + 1, color);
            lineRenderer.setSeriesStroke(n + 1, ChartStyle.line(1));
            lineRenderer.setSeriesShapesVisible(n + 1, false);
            lineRenderer.setSeriesVisibleInLegend(n + 1, false);

            if (curve.settled()) {
                int k = curve.reachedAfterRuns();
                XYSeries settled = new XYSeries(line.getKey() + " settled", false, true);
                settled.add(k + 1, median.get(k));
                lines.addSeries(settled);
                lineRenderer.setSeriesPaint(n + 2, color);
                lineRenderer.setSeriesLinesVisible(n + 2, false);
                lineRenderer.setSeriesShape(n + 2, diamond(9));
                lineRenderer.setSeriesOutlinePaint(n + 2, Color.BLACK);
                lineRenderer.setSeriesVisibleInLegend(n + 2, false);
            }

            XYSeries forks = new XYSeries(line.getKey() + " forks", false, true);
            for (List<Double> fork : c.forksMs()) {
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
        // Outlined in black, the diamond stands out from the line of its own colour it sits on.
        lineRenderer.setUseOutlinePaint(true);
        lineRenderer.setDefaultOutlineStroke(new BasicStroke(1.5f));

        NumberAxis x = new NumberAxis("inference after session creation (1 = the first)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        x.setRange(0.5, runs + 0.5);
        ValueAxis y;
        if (log && lowest > 0) {
            LogAxis logAxis = ChartStyle.log2Axis("latency (ms, log scale)");
            logAxis.setRange(lowest / 1.3, highest * 1.3);
            y = logAxis;
        } else {
            NumberAxis linear = new NumberAxis("latency (ms)");
            linear.setAutoRangeIncludesZero(true);
            y = linear;
        }
        XYPlot plot = new XYPlot(lines, x, y, lineRenderer);
        plot.setDataset(1, dots);
        plot.setRenderer(1, dotRenderer);
        // The median lines and markers on top of the cloud of fork dots.
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        JFreeChart chart = new JFreeChart("Latency of the first inferences after session creation (lower is better)",
                ChartStyle.TITLE_FONT, plot, true);
        String key = "line: median across forks; dots: each fork; dashed: steady P50; diamond: settled (within "
                + Math.round(100 * WarmupCurve.TOLERANCE) + "% of steady from there on)";
        return Optional.of(ChartStyle.apply(chart, subtitle.isBlank() ? key : key + " | " + subtitle));
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
