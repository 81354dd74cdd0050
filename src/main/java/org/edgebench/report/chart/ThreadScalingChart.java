package org.edgebench.report.chart;

import org.edgebench.run.Benchmark;
import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.analysis.Workloads;
import org.edgebench.run.Configuration;
import org.edgebench.run.VaryingParts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code charts/threads_scaling.png}: items per second at each intra-op thread count divided by
 * items per second at the fewest threads, one panel per model; in a panel one line per batch size
 * (a colour each, the same in every panel) and benchmark (solid, dashed), next to the grey line of
 * ideal scaling (twice the threads, twice the items/s).
 *
 * <p>Speed-up rather than the latency or items/s themselves: within one model, batch 32 takes
 * thirty times as long as batch 1, so on any axis that holds both the small batches' lines lie
 * flat at the bottom, whatever scale each panel gets (a log axis would show ratios too, less
 * plainly). As ratios every line starts at 1x, a flat line says the threads did not help, the
 * distance to the ideal line says how far from perfect they are, and all panels can share one
 * scale, so models compare at a glance. The scale is the measured lines', not the ideal's: on a
 * many-core machine ideal scaling reaches 32x and would flatten them, so it leaves the top of the
 * panel instead. The latencies and items/s themselves are in the summary's thread-scaling table.
 * Thread counts are categories, so ONNX Runtime's default (0) sits after the
 * explicit counts, labelled as the default; ideal scaling has no point there.
 */
public final class ThreadScalingChart {

    public static final String FILE = "threads_scaling.png";

    private static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();

    private static final Color IDEAL = new Color(0x99, 0x99, 0x99);
    private static final BasicStroke IDEAL_LINE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[]{6f, 5f}, 0f);
    private static final String IDEAL_KEY = "ideal";
    private static final Color STYLE_KEY = new Color(0x44, 0x44, 0x44);
    private static final String RAW_BENCHMARK = Benchmark.ORT_RUN.className() + ".";
    private static final double[] TICK_STEPS = {0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50};

    private ThreadScalingChart() {
    }

    /** Empty when no configuration was run at two or more thread counts. */
    static Optional<JFreeChart> create(List<Workloads.ThreadLine> lines, String subtitle) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<String> threads = lines.stream().flatMap(l -> l.points().stream())
                .map(s -> s.configuration().intraOpThreads()).distinct()
                .sorted(Comparator.comparingInt(Configuration::threadOrder))
                .toList();
        Function<Configuration, String> colourKey = colourKey(lines);
        Map<String, Integer> colours = new LinkedHashMap<>();
        Map<String, Integer> benchmarks = new LinkedHashMap<>();
        // Raw ONNX Runtime, what the others are measured against, gets the solid line.
        lines.stream().map(l -> first(l).shortBenchmark()).distinct()
                .sorted(Comparator.comparing((String b) -> !b.startsWith(RAW_BENCHMARK)).thenComparing(Comparator.naturalOrder()))
                .forEach(b -> benchmarks.put(b, benchmarks.size()));
        Map<String, List<Workloads.ThreadLine>> byModel = new LinkedHashMap<>();
        double lowest = 1;
        double highest = 1;
        for (Workloads.ThreadLine line : lines) {
            Configuration c = first(line);
            colours.putIfAbsent(colourKey.apply(c), colours.size());
            byModel.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(line);
            for (ConfigurationStats s : line.points()) {
                Optional<Double> speedUp = speedUp(line, s);
                lowest = Math.min(lowest, speedUp.orElse(lowest));
                highest = Math.max(highest, speedUp.orElse(highest));
            }
        }
        double step = tickStep(highest - lowest);
        double[] range = {Math.floor(0.9 * lowest / step) * step, Math.max(1.2, 1.1 * highest)};
        List<SmallMultiples.Panel> panels = new ArrayList<>();
        for (Map.Entry<String, List<Workloads.ThreadLine>> model : byModel.entrySet()) {
            panels.add(new SmallMultiples.Panel(model.getKey(), List.of(),
                    panel(model.getValue(), threads, colourKey, colours, benchmarks, range, step)));
        }
        List<String> bases = lines.stream().map(l -> first(l).intraOpThreads()).distinct().toList();
        String base = bases.size() == 1 ? bases.get(0) + ("1".equals(bases.get(0)) ? " thread" : " threads") : "the fewest threads";
        String key = "one panel per model, all on one scale; P50 and items/s in the summary's thread scaling table";
        return Optional.of(SmallMultiples.chart("Thread scaling: items/s speed-up over " + base + " (higher is better)",
                subtitle.isBlank() ? key : key + " | " + subtitle, panels, legend(colours, benchmarks)));
    }

    private static CategoryPlot panel(List<Workloads.ThreadLine> lines, List<String> threads,
                                      Function<Configuration, String> colourKey, Map<String, Integer> colours,
                                      Map<String, Integer> benchmarks, double[] range, double step) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        // Thread counts outermost, so the categories come out in order and every line has a row.
        List<Double> ideal = ideal(lines, threads);
        for (int t = 0; t < threads.size(); t++) {
            String category = Workloads.threadsLabel(threads.get(t));
            // First, so the measured lines are drawn over it.
            dataset.addValue(ideal.get(t), IDEAL_KEY, category);
            for (Workloads.ThreadLine line : lines) {
                String count = threads.get(t);
                Double value = line.points().stream().filter(s -> s.configuration().intraOpThreads().equals(count))
                        .findFirst().flatMap(s -> speedUp(line, s)).orElse(null);
                dataset.addValue(value, line.name(), category);
            }
        }
        renderer.setSeriesPaint(0, IDEAL);
        renderer.setSeriesStroke(0, IDEAL_LINE);
        renderer.setSeriesShapesVisible(0, false);
        for (int i = 0; i < lines.size(); i++) {
            Configuration c = first(lines.get(i));
            int colour = colours.get(colourKey.apply(c));
            renderer.setSeriesPaint(i + 1, ChartStyle.color(colour));
            renderer.setSeriesStroke(i + 1, ChartStyle.line(benchmarks.get(c.shortBenchmark())));
            renderer.setSeriesShape(i + 1, SHAPES[colour % SHAPES.length]);
        }
        NumberAxis y = new NumberAxis("items/s speed-up");
        y.setRange(range[0], range[1]);
        y.setTickUnit(new NumberTickUnit(step, new DecimalFormat("0.##'x'", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        CategoryAxis x = new CategoryAxis("intra-op threads");
        // "0 (default)" on two lines rather than cut to "...".
        x.setMaximumCategoryLabelLines(2);
        CategoryPlot plot = new CategoryPlot(dataset, x, y, renderer);
        // Below this line more threads made it slower.
        plot.addRangeMarker(new ValueMarker(1, STYLE_KEY, new BasicStroke(1.2f)));
        return plot;
    }

    /* Up to about ten ticks: JFreeChart's own choice crowds the axis with one every 0.1x. */
    private static double tickStep(double span) {
        for (double step : TICK_STEPS) {
            if (span / step <= 8) {
                return step;
            }
        }
        return TICK_STEPS[TICK_STEPS.length - 1];
    }

    /** Each thread count over the panel's fewest, the speed-up of perfect scaling; null for the default (0). */
    private static List<Double> ideal(List<Workloads.ThreadLine> lines, List<String> threads) {
        int base = lines.stream().mapToInt(l -> Integer.parseInt(first(l).intraOpThreads())).filter(t -> t > 0).min().orElse(1);
        List<Double> ideal = new ArrayList<>();
        for (String t : threads) {
            int n = Integer.parseInt(t);
            ideal.add(n > 0 && n >= base ? (double) n / base : null);
        }
        return ideal;
    }

    private static Optional<Double> speedUp(Workloads.ThreadLine line, ConfigurationStats s) {
        return Workloads.ratio(s.throughputItemsPerS(), line.points().get(0).throughputItemsPerS());
    }

    /** Batch size, and provider, mode or other parameters where they differ: what tells lines of one model and benchmark apart. */
    private static Function<Configuration, String> colourKey(List<Workloads.ThreadLine> lines) {
        Function<Configuration, String> name = VaryingParts.namer(lines.stream().map(ThreadScalingChart::first).toList(),
                VaryingParts.PROVIDER, VaryingParts.MODE,
                VaryingParts.always(c -> c.batchSize().isEmpty() ? "" : "batch " + c.batchSize()), VaryingParts.OTHER_PARAMS);
        return c -> {
            String key = name.apply(c);
            return key.isEmpty() ? "measured" : key;
        };
    }

    /** A colour for each batch size (and so on), a line style for each benchmark when there are several, and the ideal. */
    private static LegendItemCollection legend(Map<String, Integer> colours, Map<String, Integer> benchmarks) {
        LegendItemCollection legend = new LegendItemCollection();
        colours.forEach((key, i) -> legend.add(SmallMultiples.line(key, ChartStyle.color(i), ChartStyle.line(0),
                SHAPES[i % SHAPES.length])));
        if (benchmarks.size() > 1) {
            benchmarks.forEach((benchmark, i) -> legend.add(SmallMultiples.line(benchmark, STYLE_KEY, ChartStyle.line(i), null)));
        }
        legend.add(SmallMultiples.line("ideal: items/s in proportion to threads", IDEAL, IDEAL_LINE, null));
        return legend;
    }

    private static Configuration first(Workloads.ThreadLine line) {
        return line.points().get(0).configuration();
    }
}
