package org.edgebench.compare;

import org.edgebench.report.chart.IntervalChart;
import org.edgebench.text.Numbers;
import org.edgebench.report.chart.FontSupport;
import org.edgebench.run.AtomicFiles;
import org.edgebench.run.RunFiles;
import org.edgebench.stats.Median;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes a two-run comparison's files: comparison.csv, comparison.md, charts/comparison.png, and
 * instructions_comparison.csv when both sides have instruction counts.
 */
public final class ComparisonOutput {

    private ComparisonOutput() {
    }

    /** The chart's path in the output folder. */
    public static final String CHART = RunFiles.CHARTS + "/comparison.png";

    /** Writes the three files (four with both sides' instruction counts), staged and then moved into place together. */
    public static void write(Path dir, Comparison comparison) throws IOException {
        try (AtomicFiles files = AtomicFiles.in(dir)) {
            files.writeText(RunFiles.COMPARISON_CSV, out -> ComparisonCsv.write(out, comparison));
            files.writeText(RunFiles.COMPARISON_MD, out -> out.write(ComparisonMarkdown.render(comparison)));
            if (FontSupport.problem().isEmpty()) {
                byte[] png = comparison.check().paired() ? pairedChart(comparison) : chart(comparison);
                files.write(CHART, out -> out.write(png));
            }
            if (comparison.instructions().presence() == InstructionComparison.Presence.BOTH) {
                files.writeText(RunFiles.INSTRUCTIONS_COMPARISON_CSV, comparison.instructions()::writeCsv);
            }
            files.commit();
        }
    }

    private static byte[] chart(Comparison c) {
        List<String> labels = new ArrayList<>();
        int n = c.rows().size();
        double[][] base = new double[3][n];
        double[][] cand = new double[3][n];
        for (int i = 0; i < n; i++) {
            Comparison.Row row = c.rows().get(i);
            Finding f = row.finding();
            labels.add(row.label() + (f.direction() == Direction.HIGHER_IS_BETTER ? " (thrpt)" : ""));
            double reference = f.baselineValue();
            relative(f.samples().baseline(), reference, base, i);
            relative(f.samples().candidate(), reference, cand, i);
        }
        return IntervalChart.png(
                c.metric().label() + " per configuration, candidate vs baseline (latency: lower is better)",
                "dot: median of forks; whisker: slowest to fastest fork", "relative to the baseline median", labels,
                List.of(new IntervalChart.Series("baseline", base[0], base[1], base[2]),
                        new IntervalChart.Series("candidate", cand[0], cand[1], cand[2])));
    }

    /**
     * Paired forks: the sides' spread says little when the pairs share the drift, so the chart shows
     * what the verdict rests on, the paired change with its interval, against the threshold.
     */
    private static byte[] pairedChart(Comparison c) {
        int n = c.rows().size();
        List<String> labels = new ArrayList<>();
        double[][] ratio = new double[3][n];
        for (int i = 0; i < n; i++) {
            Finding f = c.rows().get(i).finding();
            labels.add(c.rows().get(i).label() + (f.direction() == Direction.HIGHER_IS_BETTER ? " (thrpt)" : ""));
            ratio[0][i] = 1 + f.change();
            ratio[1][i] = 1 + f.ciLow();
            ratio[2][i] = 1 + f.ciHigh();
        }
        return IntervalChart.png(
                c.metric().label() + " per configuration, candidate / baseline, paired forks",
                pairedSubtitle(c.check()),
                "candidate / baseline", labels,
                List.of(new IntervalChart.Series("candidate / baseline", ratio[0], ratio[1], ratio[2])),
                c.check().threshold());
    }

    /** The paired chart's legend line, with the level of the intervals the table shows (stricter per look with --sequential). */
    static String pairedSubtitle(RegressionCheck check) {
        return String.format(Locale.ROOT,
                "dot: median ratio of the pairs; whisker: %s interval; dashed: threshold %s (latency: above 1 is slower)",
                Numbers.level(check.alpha()), Numbers.percent(check.threshold()));
    }

    /** Median, minimum and maximum of {@code forks} divided by {@code reference}, into column {@code i}. */
    static void relative(double[] forks, double reference, double[][] into, int i) {
        into[0][i] = Median.of(forks) / reference;
        into[1][i] = Arrays.stream(forks).min().orElse(Double.NaN) / reference;
        into[2][i] = Arrays.stream(forks).max().orElse(Double.NaN) / reference;
    }
}
