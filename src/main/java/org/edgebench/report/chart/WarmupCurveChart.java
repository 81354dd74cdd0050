package org.edgebench.report.chart;

import org.edgebench.analysis.WarmupCurve;
import org.edgebench.analysis.Workloads;
import org.edgebench.run.Configuration;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
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
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The warm-up curve ({@code charts/warmup_curve.png}): the latency of the 1st, 2nd ... Nth inference
 * after session creation, one panel per model and batch size, each with its own latency axis: a
 * first call of a large model at batch 32 takes a thousand times as long as a small model's plateau
 * at batch 1, so on one axis the small curves lie flat at the bottom. Within a panel a colour per
 * configuration (threads, provider), the same in every panel. The line is the median across forks,
 * the faint dots each fork's own runs (so a bump in one fork is told from a bump in all), the dashed
 * line the steady P50 and the diamond the run from which the curve stays within
 * {@link WarmupCurve#TOLERANCE} of it; under the panel's title, in the curve's colour, after how
 * many runs that is. A panel's axis turns logarithmic when a first inference in it is more than ten
 * times the steady latency, so the plateau stays readable next to it.
 */
public final class WarmupCurveChart {

    public static final String FILE = "warmup_curve.png";

    /** A first call this many times the steady latency squeezes the plateau into a few pixels on a linear axis. */
    private static final double LOG_SCALE_RATIO = 10;

    private static final Color STYLE_KEY = new Color(0x44, 0x44, 0x44);
    private static final Shape DOT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
    private static final Shape FORK_DOT = new Ellipse2D.Double(-3, -3, 6, 6);
    private static final Shape DIAMOND = diamond(9);
    private static final BasicStroke MEDIAN_LINE = new BasicStroke(3f);
    private static final BasicStroke DIAMOND_OUTLINE = new BasicStroke(1.5f);

    private WarmupCurveChart() {
    }

    /** Empty when the run has no warm-up curve. */
    static Optional<JFreeChart> create(List<Workloads.Curve> curves, String subtitle) {
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        boolean batches = curves.stream().map(c -> c.stats().configuration().batchSize()).distinct().count() > 1;
        Function<Configuration, String> colourKey = colourKey(curves);
        Map<String, Integer> colours = new LinkedHashMap<>();
        Map<String, List<Workloads.Curve>> byPanel = new LinkedHashMap<>();
        for (Workloads.Curve c : curves) {
            Configuration configuration = c.stats().configuration();
            colours.putIfAbsent(colourKey.apply(configuration), colours.size());
            String title = configuration.group() + (batches ? ", batch " + configuration.batchSize() : "");
            byPanel.computeIfAbsent(title, t -> new ArrayList<>()).add(c);
        }
        List<SmallMultiples.Panel> panels = new ArrayList<>();
        byPanel.forEach((title, members) -> {
            Layers layers = new Layers();
            List<SmallMultiples.Note> notes = new ArrayList<>();
            for (Workloads.Curve c : members) {
                String key = colourKey.apply(c.stats().configuration());
                Color color = ChartStyle.color(colours.get(key));
                layers.add(c, color);
                notes.add(new SmallMultiples.Note((members.size() > 1 ? key + ": " : "") + settledText(c.curve()), color));
            }
            panels.add(new SmallMultiples.Panel(title, notes, layers.plot()));
        });
        String key = (batches ? "one panel per model and batch size" : "one panel per model") + ", each with its own latency axis";
        return Optional.of(SmallMultiples.chart("Latency of the first inferences after session creation (lower is better)",
                subtitle.isBlank() ? key : key + " | " + subtitle, panels, legend(colours)));
    }

    /**
     * Threads, provider and other parameters, those that differ between the curves (the model and
     * batch size are the panel's); all of them when none differs, so the legend still says what was run.
     */
    private static Function<Configuration, String> colourKey(List<Workloads.Curve> curves) {
        List<Function<Configuration, String>> parts = List.of(Configuration::provider,
                c -> threadsText(c.intraOpThreads()), Configuration::otherParamsText);
        List<Function<Configuration, String>> varying = parts.stream()
                .filter(p -> curves.stream().map(c -> p.apply(c.stats().configuration())).distinct().count() > 1)
                .toList();
        List<Function<Configuration, String>> used = varying.isEmpty() ? parts : varying;
        return c -> {
            String key = String.join(" ", used.stream().map(p -> p.apply(c)).filter(s -> !s.isEmpty()).toList());
            return key.isEmpty() ? c.shortBenchmark() : key;
        };
    }

    private static String threadsText(String threads) {
        if (threads.isEmpty()) {
            return "";
        }
        return "0".equals(threads) ? "default threads" : threads + ("1".equals(threads) ? " thread" : " threads");
    }

    /** A colour per configuration, then what the line, dots, dashes and diamond of each mean. */
    private static LegendItemCollection legend(Map<String, Integer> colours) {
        LegendItemCollection legend = new LegendItemCollection();
        colours.forEach((key, i) -> legend.add(SmallMultiples.line(key, ChartStyle.color(i), MEDIAN_LINE, DOT)));
        legend.add(SmallMultiples.line("median across forks", STYLE_KEY, MEDIAN_LINE, DOT));
        legend.add(SmallMultiples.marker("one fork's run", FORK_DOT, faint(STYLE_KEY), null));
        legend.add(SmallMultiples.line("steady P50", STYLE_KEY, ChartStyle.line(1), null));
        legend.add(SmallMultiples.marker("settled: within " + Math.round(100 * WarmupCurve.TOLERANCE)
                + "% of steady from there on", DIAMOND, STYLE_KEY, Color.BLACK));
        return legend;
    }

    /** One panel's two datasets as curves are added: lines and markers on top, every fork's dots below. */
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
            lineRenderer.setDefaultOutlineStroke(DIAMOND_OUTLINE);
        }

        void add(Workloads.Curve c, Color color) {
            WarmupCurve curve = c.curve();
            List<Double> median = curve.medianPerIterationMs();
            runs = Math.max(runs, median.size());
            log |= curve.firstMs() > LOG_SCALE_RATIO * curve.steadyP50Ms();
            String name = c.stats().label();
            XYSeries line = new XYSeries(name, false, true);
            for (int k = 0; k < median.size(); k++) {
                line.add(k + 1, median.get(k));
            }
            int n = addLine(line, color);
            lineRenderer.setSeriesStroke(n, MEDIAN_LINE);
            lineRenderer.setSeriesShape(n, DOT);
            lineRenderer.setSeriesOutlinePaint(n, color);

            XYSeries steady = new XYSeries(name + " steady", false, true);
            steady.add(1, curve.steadyP50Ms());
            steady.add(median.size(), curve.steadyP50Ms());
            int s = addLine(steady, color);
            lineRenderer.setSeriesStroke(s, ChartStyle.line(1));
            lineRenderer.setSeriesShapesVisible(s, false);

            if (curve.settled()) {
                int k = curve.reachedAfterRuns();
                XYSeries settled = new XYSeries(name + " settled", false, true);
                settled.add(k + 1, median.get(k));
                int d = addLine(settled, color);
                lineRenderer.setSeriesLinesVisible(d, false);
                lineRenderer.setSeriesShape(d, DIAMOND);
                lineRenderer.setSeriesOutlinePaint(d, Color.BLACK);
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
            dotRenderer.setSeriesPaint(d, faint(color));
            dotRenderer.setSeriesShape(d, FORK_DOT);
        }

        XYPlot plot() {
            NumberAxis x = new NumberAxis("inference after session creation");
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            x.setAutoRangeIncludesZero(false);
            x.setRange(0.5, runs + 0.5);
            XYPlot plot = new XYPlot(lines, x, yAxis(), lineRenderer);
            plot.setDataset(1, dots);
            plot.setRenderer(1, dotRenderer);
            // The median lines and markers on top of the cloud of fork dots.
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
            return plot;
        }

        /** Logarithmic when a first call dwarfs the plateau, so both can be read. */
        private ValueAxis yAxis() {
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

    private static Color faint(Color color) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), 90);
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
